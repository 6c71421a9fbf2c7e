import { isRecord } from "./registry.ts";
import type { Located, SpecDocument } from "./spec-document.ts";

export type RequestBodyKind = "json" | "form" | "multipart";

export interface OperationMeta {
  operationId: string;
  requestBody?: RequestBodyKind;
  auth: boolean;
  server?: string;
}

export interface OperationEntry {
  path: string;
  method: string;
  meta: OperationMeta;
}

const METHODS = ["delete", "get", "head", "options", "patch", "post", "put", "trace"];

/** Every operation of the spec, sorted by path, then method. */
export function collectOperations(spec: SpecDocument): OperationEntry[] {
  const root = isRecord(spec.root.value) ? spec.root.value : {};
  const paths = isRecord(root["paths"]) ? root["paths"] : {};
  const rootAuth = requiresAuth(root["security"]);
  const entries: OperationEntry[] = [];
  for (const pathKey of Object.keys(paths).sort(compare)) {
    const pathItem = spec.deref({ value: paths[pathKey], file: spec.root.file });
    if (!isRecord(pathItem.value)) continue;
    for (const method of METHODS) {
      if (pathItem.value[method] === undefined) continue;
      const operation = spec.deref({ value: pathItem.value[method], file: pathItem.file });
      const where = `${method.toUpperCase()} ${pathKey}`;
      if (!isRecord(operation.value)) throw new Error(`${where} is not an operation object`);
      entries.push({ path: pathKey, method, meta: describeOperation(spec, operation as Located<Record<string, unknown>>, pathItem.value, rootAuth, where) });
    }
  }
  return entries;
}

function describeOperation(
  spec: SpecDocument,
  operation: Located<Record<string, unknown>>,
  pathItem: Record<string, unknown>,
  rootAuth: boolean,
  where: string,
): OperationMeta {
  const op = operation.value;
  const operationId = op["operationId"];
  if (typeof operationId !== "string" || operationId === "") {
    throw new Error(`${where} has no operationId`);
  }
  const meta: OperationMeta = { operationId, auth: op["security"] === undefined ? rootAuth : requiresAuth(op["security"]) };
  if (op["requestBody"] !== undefined) {
    const body = spec.deref({ value: op["requestBody"], file: operation.file });
    const content = isRecord(body.value) && isRecord(body.value["content"]) ? body.value["content"] : {};
    const first = Object.keys(content)[0];
    if (first !== undefined) meta.requestBody = requestBodyKind(first, where);
  }
  const server = firstServerUrl(op["servers"]) ?? firstServerUrl(pathItem["servers"]);
  if (server !== undefined) meta.server = server;
  return meta;
}

/** `security: []` (or none at all) means no auth; any requirement, even `[{}]`, means auth. */
function requiresAuth(security: unknown): boolean {
  return Array.isArray(security) && security.length > 0;
}

function requestBodyKind(contentType: string, where: string): RequestBodyKind {
  const mediaType = contentType.split(";", 1)[0]!.trim().toLowerCase();
  if (mediaType === "application/json" || /^application\/[^/]+\+json$/.test(mediaType)) return "json";
  if (mediaType === "application/x-www-form-urlencoded") return "form";
  if (mediaType === "multipart/form-data") return "multipart";
  throw new Error(
    `${where}: request body content type ${contentType} is not supported (expected JSON, form or multipart); extend tools/codegen/src/operations-module.ts`,
  );
}

function firstServerUrl(servers: unknown): string | undefined {
  const first: unknown = Array.isArray(servers) ? servers[0] : undefined;
  return isRecord(first) && typeof first["url"] === "string" ? first["url"] : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The body of operations.ts (without the header comment). */
export function renderOperationsModule(entries: OperationEntry[]): string {
  const byPath = new Map<string, string[]>();
  for (const { path, method, meta } of entries) {
    const fields = [`operationId: ${JSON.stringify(meta.operationId)}`];
    if (meta.requestBody !== undefined) fields.push(`requestBody: ${JSON.stringify(meta.requestBody)}`);
    fields.push(`auth: ${meta.auth}`);
    if (meta.server !== undefined) fields.push(`server: ${JSON.stringify(meta.server)}`);
    const methods = byPath.get(path) ?? [];
    methods.push(`${method}: { ${fields.join(", ")} }`);
    byPath.set(path, methods);
  }
  if (byPath.size === 0) return "export const operations = {} as const;\n";
  const lines = [...byPath].map(([path, methods]) => `  ${JSON.stringify(path)}: { ${methods.join(", ")} },`);
  return `export const operations = {\n${lines.join("\n")}\n} as const;\n`;
}
