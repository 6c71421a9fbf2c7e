import { deref, isObject, type Json, type JsonObject, type Operation } from "./spec.ts";

/** How the registry's `x-docs` says a vendor's client is made and called. */
export interface ClientDocs {
  title: string;
  package: string;
  /** A statement that creates the client, e.g. `const cxi = createClient({ ... });` */
  setup: string;
  /** The expression whose GET/POST/... methods are called, e.g. `cxi` or `cmix.survey`. */
  client: string;
  /**
   * A parameter's value as the client takes it, by parameter name, where it differs from the spec's example: the spec
   * says what the server sees, and a client may take another form of it (CX's `filePath` is passed URL-encoded).
   */
  values?: { [name: string]: Json };
  /**
   * The client's host options as the local mocks serve them, for running the snippets: each option (or an option of a
   * nested one, as CMIX's `baseUrls`) names the registered API whose mock stands in for that host, with a path after
   * it where the option is a full endpoint (`wootric/oauth/token`). Left out: `baseUrl` alone, at the API's own mock.
   */
  mockHosts?: MockHosts;
}

/** See {@link ClientDocs.mockHosts}. */
export type MockHosts = { [option: string]: string | MockHosts };

/**
 * A registry entry whose package has no client yet (`x-docs.pending` says why): its page shows the operations
 * without snippets, and the index says the client is pending.
 */
export interface PendingDocs {
  title: string;
  package: string;
  pending: string;
}

export type ApiDocs = ClientDocs | PendingDocs;

export function hasClient(docs: ApiDocs): docs is ClientDocs {
  return !("pending" in docs);
}

/** One media type, no list or parameters: what a Blob's `type` is written as. */
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

/** A file a snippet uploads, shown as a Blob of this media type (application/octet-stream where none is known). */
class FileValue {
  readonly type: string | undefined;
  constructor(type: string | undefined) {
    this.type = type;
  }
}
type Value = Json | FileValue | Value[] | { [key: string]: Value };

/** A value a schema accepts: its example, default, first enum value, or one built from its type. */
function sample(document: JsonObject, raw: Json | undefined, depth = 0): Value {
  const schema = deref(document, raw);
  if (!isObject(schema) || depth > 8) return null;
  if (schema.format === "binary") return new FileValue(typeof schema.contentMediaType === "string" ? schema.contentMediaType : undefined);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((value) => value !== null) ?? null;
  if (schema.example !== undefined && !containsBinary(document, schema)) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0 && !containsBinary(document, schema)) return schema.examples[0]!;
  if (schema.default !== undefined) return schema.default;
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) return sample(document, options[0], depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const merged: { [key: string]: Value } = {};
    for (const part of schema.allOf) {
      const value = sample(document, part, depth + 1);
      if (isPlain(value)) Object.assign(merged, value);
    }
    return merged;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== "null") : schema.type;
  switch (type) {
    case "string":
      return schema.format === "date-time" ? "2024-01-01T00:00:00Z" : schema.format === "date" ? "2024-01-01" : "string";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "array":
      return [sample(document, schema.items, depth + 1)];
    default: {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
      const result: { [key: string]: Value } = {};
      for (const name of required) result[name] = sample(document, properties[name], depth + 1);
      return result;
    }
  }
}

function isPlain(value: Value): value is { [key: string]: Value } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof FileValue);
}

function containsBinary(document: JsonObject, raw: Json | undefined, depth = 0): boolean {
  const schema = deref(document, raw);
  if (!isObject(schema) || depth > 8) return false;
  if (schema.format === "binary") return true;
  const children = [
    ...Object.values(isObject(schema.properties) ? schema.properties : {}),
    schema.items,
    ...(["oneOf", "anyOf", "allOf"] as const).flatMap((key) => (Array.isArray(schema[key]) ? schema[key] : [])),
  ];
  return children.some((child) => containsBinary(document, child as Json, depth + 1));
}

function parameterValue(document: JsonObject, parameter: JsonObject): Value {
  if (parameter.example !== undefined) return parameter.example;
  if (isObject(parameter.examples)) {
    const first = deref(document, Object.values(parameter.examples)[0]);
    if (isObject(first) && first.value !== undefined) return first.value;
  }
  return sample(document, parameter.schema);
}

function bodyValue(document: JsonObject, operation: JsonObject): Value | undefined {
  const body = deref(document, operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const [mediaType, raw] = Object.entries(body.content)[0] ?? [];
  const media = deref(document, raw);
  if (!isObject(media)) return undefined;
  if (containsBinary(document, media.schema)) return fileBody(document, media, mediaType!);
  if (media.example !== undefined) return media.example;
  if (isObject(media.examples)) {
    const first = deref(document, Object.values(media.examples)[0]);
    if (isObject(first) && first.value !== undefined) return first.value;
  }
  return sample(document, media.schema);
}

/**
 * A body that uploads a file: the schema's required fields, each file a Blob of the part's media type (the
 * encoding's, else the schema's `contentMediaType`), every other field the media example's value where it has one
 * (an example cannot hold the file itself, so it is not taken whole). A body that is the file itself is a Blob of the
 * schema's `contentMediaType`, else of the body's own media type (`text/csv`).
 */
function fileBody(document: JsonObject, media: JsonObject, mediaType: string): Value {
  const value = sample(document, media.schema);
  if (value instanceof FileValue) return new FileValue(value.type ?? (MEDIA_TYPE.test(mediaType) ? mediaType : undefined));
  if (!isPlain(value)) return value;
  const example = isObject(media.example) ? media.example : {};
  const encoding = isObject(media.encoding) ? media.encoding : {};
  const body: { [key: string]: Value } = {};
  for (const [key, item] of Object.entries(value)) {
    const part = encoding[key];
    const type = isObject(part) && typeof part.contentType === "string" && MEDIA_TYPE.test(part.contentType) ? part.contentType : undefined;
    if (item instanceof FileValue) body[key] = new FileValue(type ?? item.type);
    else body[key] = Object.hasOwn(example, key) && example[key] !== undefined ? example[key] : item;
  }
  return body;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** TypeScript source for a value, indented to sit at `indent`. */
function literal(value: Value, indent: string): string {
  if (value instanceof FileValue) return `new Blob(["…file content…"], { type: ${JSON.stringify(value.type ?? "application/octet-stream")} })`;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${value.map((item) => literal(item, indent)).join(", ")}]`;
  }
  if (isPlain(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, item]) => `${inner}${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${literal(item, inner)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * The call an application makes for an operation through our client, built from the spec's own examples.
 *
 * @example
 * operationSnippet(document, operation, { client: "cxi", ... }) // 'const { data, error } = await cxi.GET("/v1/tags", ...);'
 */
export function operationSnippet(document: JsonObject, operation: Operation, docs: ClientDocs): string {
  const params: { [key: string]: Value } = {};
  // `x-required-one-of` names query parameters of which at least one is needed: the snippet shows the first.
  const oneOf = Array.isArray(operation.operation["x-required-one-of"]) ? String(operation.operation["x-required-one-of"][0]) : undefined;
  for (const location of ["path", "query", "header"] as const) {
    const values: { [key: string]: Value } = {};
    for (const parameter of operation.parameters) {
      const needed = location === "path" || parameter.required === true || (location === "query" && parameter.name === oneOf);
      if (parameter.in === location && needed) {
        const name = String(parameter.name);
        // Own keys only: a parameter named toString or constructor is no entry of the map.
        values[name] = (docs.values && Object.hasOwn(docs.values, name) ? docs.values[name] : undefined) ?? parameterValue(document, parameter);
      }
    }
    if (Object.keys(values).length > 0) params[location] = values;
  }
  const init: { [key: string]: Value } = {};
  if (Object.keys(params).length > 0) init.params = params;
  const body = bodyValue(document, operation.operation);
  if (body !== undefined) init.body = body;
  const args = Object.keys(init).length > 0 ? `, ${literal(init, "")}` : "";
  return `const { data, error } = await ${docs.client}.${operation.method.toUpperCase()}(${JSON.stringify(operation.path)}${args});`;
}

/** The whole sample shown in the docs: import, client setup and the call. */
export function fullSnippet(document: JsonObject, operation: Operation, docs: ClientDocs): string {
  return `import { createClient } from "${docs.package}";\n\n${docs.setup}\n\n${operationSnippet(document, operation, docs)}\n`;
}
