import { breaking, minor, type Change } from "./change.ts";
import { deref, isNode, refOf, type Node } from "@apis/spec";

/**
 * Which way a schema's data flows decides what is safe: a client *sends* a request (so the server may start accepting
 * more, but not less), and *receives* a response (so the server may start promising more, but not less).
 */
export type Direction = "request" | "response";

/** Both documents and the output list, threaded through the recursion. */
export interface SchemaDiffContext {
  base: Node;
  head: Node;
  changes: Change[];
  /** Pairs of `$ref`s already compared in this direction, so self-referencing schemas terminate. */
  seen: Set<string>;
}

/**
 * Compares one schema in the base spec with its counterpart in the head spec and records each difference that
 * changes what a client may send or can rely on receiving.
 * @example diffSchema(ctx, baseSchema, headSchema, "GET /v1/tags response 200 application/json", "", "response")
 */
export function diffSchema(ctx: SchemaDiffContext, baseRaw: unknown, headRaw: unknown, at: string, path: string, direction: Direction): void {
  if (refOf(baseRaw) && refOf(headRaw)) {
    const pair = `${refOf(baseRaw)}|${refOf(headRaw)}|${direction}`;
    if (ctx.seen.has(pair)) return;
    ctx.seen.add(pair);
  }
  const base = flatten(ctx.base, baseRaw);
  const head = flatten(ctx.head, headRaw);
  const where = path === "" ? at : `${at}: ${path}`;
  diffTypes(ctx, base, head, where, direction);
  diffEnum(ctx, base, head, where);
  diffProperties(ctx, base, head, at, path, direction);
  // An array without `items` holds anything (`unknown[]`): one added or removed is compared against that.
  if (base.items !== undefined || head.items !== undefined) diffSchema(ctx, base.items ?? {}, head.items ?? {}, at, `${path}[]`, direction);
  diffAdditionalProperties(ctx, base, head, at, path, direction);
  for (const keyword of ["oneOf", "anyOf"] as const) diffVariants(ctx, base, head, keyword, at, path, direction);
}

/**
 * Merges `allOf` members into one schema, since a client sees their intersection as one object: properties and
 * required fields add up; a type, enum or const is what every member allows; `items` and a schema of
 * `additionalProperties` are every member's at once (an `allOf` of them, flattened in turn); a member closed with
 * `additionalProperties: false` closes the whole (a validator refuses any field that member does not list); `format`
 * and `nullable` come from the first that says them. Read member by member in order, a second member's enum or items
 * went unread, and reordering members was reported as a change.
 */
function flatten(spec: Node, raw: unknown): Node {
  const schema = deref(spec, raw);
  if (!isNode(schema)) return {};
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, const: _const, enum: _enum, type: _type, ...merged } = schema as Node & { allOf: unknown[] };
  const parts = [schema, ...allOf.map((member) => flatten(spec, member))];
  const properties: Node = {};
  const required = new Set<string>();
  const all = (keyword: string) => parts.map((part) => part[keyword]).filter((value) => value !== undefined);
  for (const part of parts) {
    if (isNode(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) for (const name of part.required as string[]) required.add(name);
  }
  for (const keyword of ["format", "nullable"]) merged[keyword] = all(keyword)[0];
  const types = all("type").map((type) => (Array.isArray(type) ? (type as unknown[]) : [type]));
  if (types.length > 0) merged.type = types.reduce((kept, next) => kept.filter((type) => next.includes(type)));
  const limits = parts.map(allowedValues).filter((values) => values !== undefined);
  if (limits.length > 0) merged.enum = limits.reduce((kept, next) => kept.filter((value) => next.some((other) => Object.is(other, value))));
  const joined = (schemas: unknown[]) => (schemas.length > 1 ? { allOf: schemas } : schemas[0]);
  merged.items = joined(all("items"));
  const extra = all("additionalProperties");
  merged.additionalProperties = extra.includes(false) ? false : joined(extra.filter(isNode));
  return { ...merged, properties, required: [...required] };
}

/** The JSON types a schema allows, or undefined for "anything" (no `type`, no structure to infer one from). */
function typesOf(schema: Node): Set<string> | undefined {
  const declared = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : undefined;
  const types = new Set(declared ?? (isNode(schema.properties) ? ["object"] : schema.items !== undefined ? ["array"] : []));
  if (schema.nullable === true) types.add("null");
  // `binary` is generated as Blob, so it is a different client type from a plain string.
  if (schema.format === "binary" && types.delete("string")) types.add("binary");
  return types.size === 0 ? undefined : types;
}

function diffTypes(ctx: SchemaDiffContext, base: Node, head: Node, where: string, direction: Direction): void {
  if (base.oneOf || base.anyOf || head.oneOf || head.anyOf) return;
  const before = typesOf(base);
  const after = typesOf(head);
  const show = (types: Set<string> | undefined) => (types ? [...types].join(" | ") : "any");
  if (before && after && before.size === after.size && [...before].every((type) => after.has(type))) return;
  if (!before && !after) return;
  // Widening is safe for what a client sends; narrowing is safe for what it receives.
  const widened = !after || (before !== undefined && [...before].every((type) => after.has(type)));
  const safe = direction === "request" ? widened : !before || (after !== undefined && [...after].every((type) => before.has(type)));
  const message = `type changed from ${show(before)} to ${show(after)}`;
  ctx.changes.push(safe ? minor(widened ? "type-widened" : "type-narrowed", where, message) : breaking("field-retyped", where, message));
}

/** The values a schema is limited to: its `const` (a one-value enum, as the client types it), else its `enum`. */
function allowedValues(schema: Node): unknown[] | undefined {
  return "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
}

function diffEnum(ctx: SchemaDiffContext, base: Node, head: Node, where: string): void {
  const before = allowedValues(base);
  const after = allowedValues(head);
  if (!before && !after) return;
  if (!after) {
    ctx.changes.push(minor("enum-widened", where, "the enum was lifted: any value of the type is allowed"));
    return;
  }
  if (!before) {
    ctx.changes.push(breaking("enum-narrowed", where, `now limited to the enum ${JSON.stringify(after)}`));
    return;
  }
  const removed = before.filter((value) => !after.some((other) => Object.is(other, value)));
  const added = after.filter((value) => !before.some((other) => Object.is(other, value)));
  if (removed.length > 0) ctx.changes.push(breaking("enum-narrowed", where, `enum values removed: ${JSON.stringify(removed)}`));
  if (added.length > 0) ctx.changes.push(minor("enum-widened", where, `enum values added: ${JSON.stringify(added)}`));
}

function diffProperties(ctx: SchemaDiffContext, base: Node, head: Node, at: string, path: string, direction: Direction): void {
  const before = isNode(base.properties) ? base.properties : {};
  const after = isNode(head.properties) ? head.properties : {};
  const requiredBefore = new Set(Array.isArray(base.required) ? (base.required as string[]) : []);
  const requiredAfter = new Set(Array.isArray(head.required) ? (head.required as string[]) : []);
  const field = (name: string) => (path === "" ? name : `${path}.${name}`);
  for (const name of Object.keys(before)) {
    const where = `${at}: ${field(name)}`;
    if (!(name in after)) {
      ctx.changes.push(breaking("field-removed", where, `the ${direction} field was removed`));
      continue;
    }
    const nowRequired = requiredAfter.has(name) && !requiredBefore.has(name);
    const nowOptional = requiredBefore.has(name) && !requiredAfter.has(name);
    if (direction === "request" && nowRequired) ctx.changes.push(breaking("field-now-required", where, "the request field is now required"));
    else if (direction === "response" && nowOptional) ctx.changes.push(breaking("field-now-optional", where, "the response field may now be missing"));
    else if (nowRequired || nowOptional) ctx.changes.push(minor(nowRequired ? "field-now-required" : "field-now-optional", where, `the ${direction} field is now ${nowRequired ? "always present" : "optional"}`));
    diffSchema(ctx, before[name], after[name], at, field(name), direction);
  }
  for (const name of Object.keys(after)) {
    if (name in before) continue;
    const where = `${at}: ${field(name)}`;
    if (direction === "request" && requiredAfter.has(name)) ctx.changes.push(breaking("required-field-added", where, "a new required request field"));
    else ctx.changes.push(minor("field-added", where, `a new ${requiredAfter.has(name) ? "" : "optional "}${direction} field`));
  }
}

/**
 * `additionalProperties: false` closes an object: a request that sends an unlisted field may be refused, a response
 * promises none. Otherwise extra fields are compared as a schema, absent or `true` being "anything".
 */
function diffAdditionalProperties(ctx: SchemaDiffContext, base: Node, head: Node, at: string, path: string, direction: Direction): void {
  const closedBefore = base.additionalProperties === false;
  const closedAfter = head.additionalProperties === false;
  const where = path === "" ? at : `${at}: ${path}`;
  if (closedAfter && !closedBefore) {
    if (direction === "request") ctx.changes.push(breaking("properties-closed", where, "the request object no longer accepts fields it does not list"));
    else ctx.changes.push(minor("properties-closed", where, "the response object no longer has fields it does not list"));
  }
  if (closedBefore && !closedAfter) {
    ctx.changes.push(minor("properties-opened", where, direction === "request" ? "the request object now accepts fields it does not list" : "the response object may now have fields it does not list"));
  }
  if (closedBefore || closedAfter) return;
  const limitedBefore = isNode(deref(ctx.base, base.additionalProperties));
  const limitedAfter = isNode(deref(ctx.head, head.additionalProperties));
  if (limitedBefore || limitedAfter) diffSchema(ctx, limitedBefore ? base.additionalProperties : {}, limitedAfter ? head.additionalProperties : {}, at, `${path}{*}`, direction);
}

function diffVariants(ctx: SchemaDiffContext, base: Node, head: Node, keyword: "oneOf" | "anyOf", at: string, path: string, direction: Direction): void {
  const before = Array.isArray(base[keyword]) ? (base[keyword] as unknown[]) : [];
  const after = Array.isArray(head[keyword]) ? (head[keyword] as unknown[]) : [];
  if (before.length === 0 && after.length === 0) return;
  const where = path === "" ? at : `${at}: ${path}`;
  for (let index = 0; index < Math.min(before.length, after.length); index++) {
    diffSchema(ctx, before[index], after[index], at, `${path}<${keyword}[${index}]>`, direction);
  }
  if (before.length > after.length) ctx.changes.push(breaking("variant-removed", where, `${before.length - after.length} ${keyword} variant(s) removed`));
  if (after.length > before.length) ctx.changes.push(minor("variant-added", where, `${after.length - before.length} ${keyword} variant(s) added`));
}
