import { deref as derefNode, isNode, operationsOf as walkOperations, type HttpMethod } from "@apis/spec";

/** Minimal shapes of the OpenAPI parts the docs read; everything else passes through untouched. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Follows a local `$ref` (`#/components/...`) until it reaches an object that is not a reference. */
export function deref(document: JsonObject, value: Json | undefined): Json | undefined {
  return derefNode(document, value) as Json | undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return isNode(value);
}

/** One operation of a bundled spec, with its path-level parameters merged in. */
export interface Operation {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  operation: JsonObject;
  parameters: JsonObject[];
}

export function operationsOf(document: JsonObject): Operation[] {
  return walkOperations(document).map(({ path, method, operation: walked, pathItem }) => {
    const operation = walked as JsonObject;
    const byKey = new Map<string, JsonObject>();
    for (const raw of [pathItem.parameters, operation.parameters].flatMap((list) => (Array.isArray(list) ? (list as Json[]) : []))) {
      const parameter = deref(document, raw);
      if (isObject(parameter)) byKey.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
    }
    return { method, path, operationId: String(operation.operationId ?? ""), summary: String(operation.summary ?? ""), operation, parameters: [...byKey.values()] };
  });
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
