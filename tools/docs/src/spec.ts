/** Minimal shapes of the OpenAPI parts the docs read; everything else passes through untouched. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

/** Follows a local `$ref` (`#/components/...`) until it reaches an object that is not a reference. */
export function deref(document: JsonObject, value: Json | undefined): Json | undefined {
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    if (!isObject(current) || typeof current.$ref !== "string") return current;
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local $refs are expected in a bundled spec, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<Json | undefined>((node, key) => (isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined), document);
  }
  throw new Error("$ref chain too deep");
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One operation of a bundled spec, with its path-level parameters merged in. */
export interface Operation {
  method: (typeof HTTP_METHODS)[number];
  path: string;
  operationId: string;
  summary: string;
  operation: JsonObject;
  parameters: JsonObject[];
}

export function operationsOf(document: JsonObject): Operation[] {
  const result: Operation[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(document, rawItem);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      const byKey = new Map<string, JsonObject>();
      for (const raw of [...shared, ...own]) {
        const parameter = deref(document, raw);
        if (isObject(parameter)) byKey.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
      }
      result.push({
        method,
        path,
        operationId: String(operation.operationId ?? ""),
        summary: String(operation.summary ?? ""),
        operation,
        parameters: [...byKey.values()],
      });
    }
  }
  return result;
}

/** "OAuth 2 (password, clientCredentials)", "HTTP bearer", "API key in query (access_token)", ... */
export function authMethods(document: JsonObject): string[] {
  const schemes = isObject(document.components) && isObject(document.components.securitySchemes) ? document.components.securitySchemes : {};
  return Object.values(schemes).map((raw) => {
    const scheme = deref(document, raw);
    if (!isObject(scheme)) return "unknown";
    switch (scheme.type) {
      case "oauth2":
        return `OAuth 2 (${Object.keys(isObject(scheme.flows) ? scheme.flows : {}).join(", ")})`;
      case "http":
        return `HTTP ${String(scheme.scheme)}`;
      case "apiKey":
        return `API key in ${String(scheme.in)} (${String(scheme.name)})`;
      default:
        return String(scheme.type);
    }
  });
}
