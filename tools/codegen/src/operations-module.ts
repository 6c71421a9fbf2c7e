import { HTTP_METHODS } from "@apis/spec";
import { checkParameterSerialization } from "./parameter-serialization.ts";
import { isRecord } from "./registry.ts";
import type { Located, SpecDocument } from "./spec-document.ts";

export type RequestBodyKind = "json" | "form" | "multipart";
export type ResponseKind = "json" | "binary" | "text";

export interface OperationMeta {
  operationId: string;
  requestBody?: RequestBodyKind;
  /**
   * The security scheme names any of which may authenticate the call, in spec order: `[]` for `security: []`.
   * The vendor's client sends credentials only when one of these is the scheme it holds credentials for. Left out
   * when the call takes every scheme the spec declares: the runtime reads no list as any scheme, the same answer.
   */
  security?: string[];
  response?: ResponseKind;
  server?: string;
  /**
   * True when the spec marks the operation `x-idempotent: true`: a read sent as POST (CMIX's response counts), which the
   * client may then send again on a timeout or a 5xx like a GET. Written only when true.
   */
  idempotent?: boolean;
  /** The names of its query parameters, its path item's and its own, each once; a deepObject one also as it goes on the wire (see `wireKeys`). Not written into the table. */
  query?: string[];
  /** Those of `query` whose schema is an integer (`type: integer`, or `[integer, "null"]`). Not written into the table. */
  integers?: string[];
}

export interface OperationEntry {
  path: string;
  method: string;
  meta: OperationMeta;
}

// Sorted, so the generated table is in a stable order.
const METHODS = [...HTTP_METHODS].sort();

/** Every operation of the spec, sorted by path, then method. */
export function collectOperations(spec: SpecDocument): OperationEntry[] {
  const root = isRecord(spec.root.value) ? spec.root.value : {};
  const paths = isRecord(root["paths"]) ? root["paths"] : {};
  const rootSecurity = schemeNames(root["security"], "the root");
  const components = isRecord(root["components"]) ? root["components"] : {};
  const declared = Object.keys(isRecord(components["securitySchemes"]) ? components["securitySchemes"] : {});
  const entries: OperationEntry[] = [];
  for (const pathKey of Object.keys(paths).sort(compare)) {
    const pathItem = spec.deref({ value: paths[pathKey], file: spec.root.file });
    if (!isRecord(pathItem.value)) continue;
    // Only an operation's own mark is read: one on the path item would be ignored without a word.
    if (pathItem.value["x-idempotent"] !== undefined) throw new Error(`${pathKey} has x-idempotent on its path item: put it on the POST or PATCH operation`);
    for (const method of METHODS) {
      if (pathItem.value[method] === undefined) continue;
      const operation = spec.deref({ value: pathItem.value[method], file: pathItem.file });
      const where = `${method.toUpperCase()} ${pathKey}`;
      if (!isRecord(operation.value)) throw new Error(`${where} is not an operation object`);
      const meta = describeOperation(spec, operation as Located<Record<string, unknown>>, pathItem as Located<Record<string, unknown>>, rootSecurity, where);
      // Any of the schemes the spec declares is any scheme a client can hold: no list says the same in fewer bytes.
      if (declared.length > 0 && meta.security?.length === declared.length && declared.every((name) => meta.security?.includes(name))) delete meta.security;
      entries.push({ path: pathKey, method, meta });
    }
  }
  return entries;
}

function describeOperation(
  spec: SpecDocument,
  operation: Located<Record<string, unknown>>,
  pathItem: Located<Record<string, unknown>>,
  rootSecurity: string[],
  where: string,
): OperationMeta {
  const op = operation.value;
  const operationId = op["operationId"];
  if (typeof operationId !== "string" || operationId === "") {
    throw new Error(`${where} has no operationId`);
  }
  const meta: OperationMeta = { operationId, security: op["security"] === undefined ? rootSecurity : schemeNames(op["security"], where) };
  if (op["requestBody"] !== undefined) {
    const body = spec.deref({ value: op["requestBody"], file: operation.file });
    const content = isRecord(body.value) && isRecord(body.value["content"]) ? body.value["content"] : {};
    const first = Object.keys(content)[0];
    if (first !== undefined) meta.requestBody = requestBodyKind(first, where);
  }
  const response = successResponseKind(spec, op["responses"], operation.file);
  if (response !== undefined) meta.response = response;
  const server = firstServerUrl(op["servers"]) ?? firstServerUrl(pathItem.value["servers"]);
  if (server !== undefined) meta.server = server;
  // Only true, and only where it changes something: every other method is retried already, and false turns nothing off.
  const idempotent = op["x-idempotent"];
  if (idempotent !== undefined && (idempotent !== true || !/^(POST|PATCH) /.test(where))) {
    throw new Error(`${where} has x-idempotent ${JSON.stringify(idempotent)}: only true, on a POST or PATCH (other methods are retried already)`);
  }
  if (idempotent) meta.idempotent = true;
  // Each list's $refs are read from the file it is written in: an operation may live in another file than its path item.
  const parameters = [pathItem, operation].flatMap(({ value, file }) =>
    (Array.isArray(value["parameters"]) ? value["parameters"] : []).map((parameter: unknown) => spec.deref({ value: parameter, file })),
  );
  checkPathParameters(where, parameters);
  checkParameterSerialization(spec, where, parameters);
  const integers: string[] = [];
  const query = parameters.flatMap((located, index) => {
    const { value: param } = located;
    if (!isRecord(param) || param["in"] !== "query" || typeof param["name"] !== "string") return [];
    // The operation's own overrides its path item's of that name (OpenAPI): a page the path item types integer and the
    // operation string is no integer, and a deepObject's keys are the operation's.
    if (parameters.slice(index + 1).some(({ value }) => isRecord(value) && value["in"] === "query" && value["name"] === param["name"])) return [];
    const schema = { value: param["schema"], file: located.file };
    if (isIntegerSchema(spec, schema)) integers.push(param["name"]);
    return [param["name"], ...(param["style"] === "deepObject" ? wireKeys(spec, param["name"], schema, integers) : [])];
  });
  // queryNames is one string of names separated by spaces, its integer names before a "#": such a name would be read as
  // two, as every empty one, or as that mark.
  const unwritable = query.find((name) => name === "" || name === "#" || name.includes(" "));
  if (unwritable !== undefined) {
    throw new Error(`${where}: query parameter name ${JSON.stringify(unwritable)} cannot be written into queryNames, whose names are separated by spaces and whose integer names come before a "#"; extend tools/codegen/src/operations-module.ts`);
  }
  if (query.length > 0) meta.query = [...new Set(query)];
  if (integers.length > 0) meta.integers = [...new Set(integers)];
  return meta;
}

/**
 * Every `{name}` of the path has a path parameter and every path parameter a `{name}` in the path: openapi-fetch fills
 * the path from the parameters' names, so one named otherwise (`userId` for `{id}`) would be typed, and sent as a
 * literal `{id}`.
 */
function checkPathParameters(where: string, parameters: Located[]): void {
  const template = [...where.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!);
  const declared = parameters.flatMap(({ value }) => (isRecord(value) && value["in"] === "path" && typeof value["name"] === "string" ? [value["name"]] : []));
  const undeclared = template.find((name) => !declared.includes(name));
  if (undeclared !== undefined) throw new Error(`${where}: {${undeclared}} in the path has no parameter of that name in: path`);
  const unused = declared.find((name) => !template.includes(name));
  if (unused !== undefined) throw new Error(`${where}: path parameter ${unused} has no {${unused}} in the path`);
}

/**
 * How a deepObject query parameter goes on the wire (`created[gt]`), as the runtime's checkQueryNames reads it: each
 * key of a closed object schema (`additionalProperties: false`, its `properties` behind `$ref`s too) as `name[key]`,
 * so that a key the vendor does not read (`created[after]`) is refused; otherwise `name[`, which takes any key. Each
 * key whose schema is an integer is added to `integers`.
 */
function wireKeys(spec: SpecDocument, name: string, schema: Located<unknown>, integers: string[]): string[] {
  const { value, file } = spec.deref(schema);
  const properties = isRecord(value) && value["additionalProperties"] === false && isRecord(value["properties"]) ? value["properties"] : {};
  const keys = Object.keys(properties).map((key) => {
    if (isIntegerSchema(spec, { value: properties[key], file })) integers.push(`${name}[${key}]`);
    return `${name}[${key}]`;
  });
  return keys.length > 0 ? keys : [`${name}[`];
}

/**
 * Whether a schema (behind `$ref`s) takes integers and nothing else but null: `type: integer` or `[integer, "null"]`.
 * One that takes more (a `oneOf`, an `allOf` wrapper, `[integer, string]`) is not read as one: the runtime's check of
 * integer query values must never refuse what the spec allows.
 */
function isIntegerSchema(spec: SpecDocument, schema: Located<unknown>): boolean {
  const { value } = spec.deref(schema);
  const type = isRecord(value) ? value["type"] : undefined;
  return type === "integer" || (Array.isArray(type) && type.includes("integer") && type.every((item) => item === "integer" || item === "null"));
}

/**
 * The scheme names of a `security` list, each once, in order: `[]` for `security: []` or none at all. An empty
 * requirement `{}` (anonymous allowed) names no scheme, so it adds nothing. A requirement naming two schemes or more
 * asks for all of them on one request, which the runtime cannot send (a client holds one credential and the operation
 * table lists alternatives): refused, since read as alternatives a client holding one would send it and get a 401.
 */
function schemeNames(security: unknown, where: string): string[] {
  if (!Array.isArray(security)) return [];
  const names = security.flatMap((requirement: unknown) => (isRecord(requirement) ? Object.keys(requirement) : []));
  const together = security.find((requirement: unknown) => isRecord(requirement) && Object.keys(requirement).length > 1);
  if (together !== undefined) {
    throw new Error(`${where}: security requirement { ${Object.keys(together).join(", ")} } needs those schemes together on one request, which the clients cannot send; list each scheme as its own requirement if any one of them is enough`);
  }
  return [...new Set(names)];
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

/**
 * How a successful answer is read: the first content type of the first 2xx response that has content, taking codes
 * in ascending order and a `2XX` range last (the order JavaScript gives such keys, whatever the YAML order);
 * undefined when no 2xx has content. The runtime checks `json` bodies and hands the others over unread, so anything
 * not known to be JSON or text is `binary`.
 */
function successResponseKind(spec: SpecDocument, responses: unknown, file: string): ResponseKind | undefined {
  const located = spec.deref({ value: responses, file });
  if (!isRecord(located.value)) return undefined;
  for (const code of Object.keys(located.value).filter((key) => /^2(\d\d|xx)$/i.test(key))) {
    const response = spec.deref({ value: located.value[code], file: located.file });
    const content = isRecord(response.value) && isRecord(response.value["content"]) ? response.value["content"] : {};
    const first = Object.keys(content)[0];
    if (first !== undefined) return responseKind(first);
  }
  return undefined;
}

function responseKind(contentType: string): ResponseKind {
  const mediaType = contentType.split(";", 1)[0]!.trim().toLowerCase();
  if (mediaType === "application/json" || /^application\/[^/]+\+json$/.test(mediaType)) return "json";
  if (mediaType.startsWith("text/") || mediaType === "application/xml" || /^application\/[^/]+\+xml$/.test(mediaType)) return "text";
  return "binary";
}

function firstServerUrl(servers: unknown): string | undefined {
  const first: unknown = Array.isArray(servers) ? servers[0] : undefined;
  return isRecord(first) && typeof first["url"] === "string" ? first["url"] : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Written into each operations.ts so the table is checked where it is generated, without a dependency on the runtime
// (whose OperationTable accepts it structurally).
// No operationId: nothing reads it at run time, and 30 names cost a vendor package about 150 to 220 gzipped bytes.
export const TABLE_TYPE = `/** What each operation's entry holds: its body encoding, security scheme names, answer kind, server and whether it may be resent. */
type OperationTable = Record<string, Partial<Record<string, { requestBody?: "json" | "form" | "multipart"; security?: readonly string[]; response?: "json" | "binary" | "text"; server?: string; idempotent?: boolean }>>>;
`;

/**
 * The body of operations.ts (without the header comment). A list of two security schemes or more that two operations
 * or more name is written once, as a constant they share (`SCHEMES_1`, ...): a spec's usual list repeated on each of
 * 30 operations costs a vendor package 10 to 30 gzipped bytes. So is an entry naming such a list that four operations
 * or more have (`OPERATION_1`, ...), which saved Survey Dynamix, Wootric and Wootric CXI 2 to 25 more; entries of one scheme, or
 * shared by fewer operations, cost CMIX and Wootric CXI as much again as constants (measured), and stay in place.
 */
export function renderOperationsModule(entries: OperationEntry[]): string {
  const listOf = (names: string[]) => `[${names.map((name) => JSON.stringify(name)).join(", ")}]`;
  // Two names or more: a constant for one name (`["bearer"]`) is as long once minified, and gzip makes it longer.
  const lists = sharedConstants(entries.flatMap(({ meta }) => (meta.security && meta.security.length > 1 ? [listOf(meta.security)] : [])), "SCHEMES", 2);
  const written = entries.map(({ path, method, meta }) => {
    const fields: string[] = [];
    if (meta.requestBody !== undefined) fields.push(`requestBody: ${JSON.stringify(meta.requestBody)}`);
    const list = meta.security && listOf(meta.security);
    if (list !== undefined) fields.push(`security: ${lists.get(list) ?? list}`);
    if (meta.response !== undefined) fields.push(`response: ${JSON.stringify(meta.response)}`);
    if (meta.server !== undefined) fields.push(`server: ${JSON.stringify(meta.server)}`);
    if (meta.idempotent) fields.push("idempotent: true");
    return { path, method, entry: fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`, sharedList: list === undefined || lists.has(list) };
  });
  const shared = sharedConstants(written.filter((operation) => operation.sharedList).map(({ entry }) => entry), "OPERATION", 4);
  const byPath = new Map<string, string[]>();
  for (const { path, method, entry } of written) {
    const methods = byPath.get(path) ?? [];
    methods.push(`${method}: ${shared.get(entry) ?? entry}`);
    byPath.set(path, methods);
  }
  const lines = [...byPath].map(([path, methods]) => `  ${JSON.stringify(path)}: { ${methods.join(", ")} },`);
  const table = byPath.size === 0 ? "{}" : `{\n${lines.join("\n")}\n}`;
  const constants = [...lists, ...shared].map(([text, name]) => `const ${name} = ${text} as const;\n`).join("");
  return `${TABLE_TYPE}\n${constants}${constants && "\n"}export const operations = ${table} as const satisfies OperationTable;\n\n${renderQueryNames(entries)}`;
}

/**
 * The `queryNames` export: every query parameter name of the spec's operations, each once, sorted and space-separated
 * (a list in quotes costs two characters a name). A union, not each operation's: a table of those cost Survey Dynamix
 * 380 gzipped bytes, the union about a quarter. A vendor client that does not import it does not bundle it. The names
 * that are integers wherever an operation declares them (see `isIntegerSchema`) come first, then a `#` (written only
 * after some): the runtime's checkQueryNames refuses a number that is no safe integer for those.
 */
export function renderQueryNames(entries: OperationEntry[]): string {
  const all = [...new Set(entries.flatMap(({ meta }) => meta.query ?? []))].sort(compare);
  // An integer in one operation but a string or a number in another is no integer name: the value may be either. So is
  // a deepObject key (created[gt]) of an operation whose parameter of that name takes any key (listed as "created[").
  const integers = all.filter((name) => entries.every(({ meta }) => !meta.query?.some((listed) => listed === name || listed === name.replace(/\[.*/, "[")) || meta.integers?.includes(name)));
  const others = all.filter((name) => !integers.includes(name));
  // Never ending in the "#": checkQueryNames looks for it from a name's index, and a name not listed as it is (index -1)
  // searches the last entry alone, so a list of integer names alone ends in an empty one (a misspelt name given 1.5 was
  // told it is no integer, not that it is not read).
  const names = [...integers, ...(integers.length > 0 ? ["#", ...(others.length > 0 ? others : [""])] : others)].join(" ");
  return `/** Every query parameter name of the spec's operations, space-separated, those typed integer before a "#": what a vendor client may check a query against. */\nexport const queryNames = ${JSON.stringify(names)};\n`;
}

// A name (`PREFIX_1`, ...) for each text that occurs `min` times or more, numbered in order of first occurrence.
function sharedConstants(texts: string[], prefix: string, min: number): Map<string, string> {
  const uses = new Map<string, number>();
  for (const text of texts) uses.set(text, (uses.get(text) ?? 0) + 1);
  return new Map([...uses].filter(([, count]) => count >= min).map(([text], index) => [text, `${prefix}_${index + 1}`]));
}
