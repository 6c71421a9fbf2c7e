import { breaking, minor, type Change } from "./change.ts";
import { diffSchema, type SchemaDiffContext } from "./schema-diff.ts";
import { deref, HTTP_METHODS, isNode, type Node } from "@apis/spec";

/**
 * Every difference between two versions of one OpenAPI document that changes the generated client, classified as
 * breaking or minor. Wording, examples and provenance (`x-source`) are not client changes and are not reported.
 * @example diffSpecs(parse(baseYaml), parse(headYaml)).filter((change) => change.level === "breaking")
 */
export function diffSpecs(base: Node, head: Node): Change[] {
  const ctx: SchemaDiffContext = { base, head, changes: [], seen: new Set() };
  const before = operationsOf(base);
  const after = operationsOf(head);
  for (const [label, operation] of before) {
    const counterpart = after.get(label);
    if (counterpart) diffOperation(ctx, label, operation, counterpart);
    else ctx.changes.push(breaking("operation-removed", label, "the operation was removed"));
  }
  for (const label of after.keys()) {
    if (!before.has(label)) ctx.changes.push(minor("operation-added", label, "a new operation"));
  }
  // A webhook's payload is what the client receives (and types, e.g. a webhook event union): compared as a response is.
  const hooksBefore = webhooksOf(base);
  const hooksAfter = webhooksOf(head);
  for (const [label, payload] of hooksBefore) {
    if (hooksAfter.has(label)) diffContent(ctx, `${label} payload`, payload, hooksAfter.get(label), "response");
    else ctx.changes.push(breaking("webhook-removed", label, "the webhook was removed"));
  }
  for (const label of hooksAfter.keys()) {
    if (!hooksBefore.has(label)) ctx.changes.push(minor("webhook-added", label, "a new webhook"));
  }
  return ctx.changes;
}

/** Each webhook's payload content (its request body's), keyed `WEBHOOK <name> <METHOD>`. */
function webhooksOf(spec: Node): Map<string, unknown> {
  const hooks = new Map<string, unknown>();
  for (const [name, rawItem] of Object.entries(isNode(spec.webhooks) ? spec.webhooks : {})) {
    const item = deref(spec, rawItem);
    if (!isNode(item)) continue;
    for (const method of HTTP_METHODS) {
      const node = deref(spec, item[method]);
      if (!isNode(node)) continue;
      const body = deref(spec, node.requestBody);
      hooks.set(`WEBHOOK ${name} ${method.toUpperCase()}`, isNode(body) ? body.content : undefined);
    }
  }
  return hooks;
}

interface Operation {
  node: Node;
  /** Path-item and operation parameters merged, keyed `in:name` (the operation's own win, as in OpenAPI). */
  parameters: Map<string, Node>;
}

function operationsOf(spec: Node): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const paths = isNode(spec.paths) ? spec.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(spec, rawItem);
    if (!isNode(item)) continue;
    for (const method of HTTP_METHODS) {
      const node = deref(spec, item[method]);
      if (!isNode(node)) continue;
      const parameters = new Map<string, Node>();
      for (const list of [item.parameters, node.parameters]) {
        for (const raw of Array.isArray(list) ? list : []) {
          const parameter = deref(spec, raw);
          if (isNode(parameter)) parameters.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
        }
      }
      operations.set(`${method.toUpperCase()} ${path}`, { node, parameters });
    }
  }
  return operations;
}

function diffOperation(ctx: SchemaDiffContext, label: string, base: Operation, head: Operation): void {
  for (const [key, parameter] of base.parameters) {
    const where = `${label} ${key.replace(":", " parameter ")}`;
    const counterpart = head.parameters.get(key);
    if (!counterpart) {
      ctx.changes.push(breaking("parameter-removed", where, "the parameter was removed"));
      continue;
    }
    if (counterpart.required === true && parameter.required !== true) ctx.changes.push(breaking("parameter-now-required", where, "the parameter is now required"));
    if (counterpart.required !== true && parameter.required === true) ctx.changes.push(minor("parameter-now-optional", where, "the parameter is now optional"));
    const [before, after] = [serializationOf(parameter), serializationOf(counterpart)];
    if (before !== after) ctx.changes.push(breaking("parameter-serialization-changed", where, `the wire format changed from ${before} to ${after}`));
    diffSchema(ctx, parameter.schema, counterpart.schema, where, "", "request");
  }
  for (const [key, parameter] of head.parameters) {
    if (base.parameters.has(key)) continue;
    const where = `${label} ${key.replace(":", " parameter ")}`;
    if (parameter.required === true) ctx.changes.push(breaking("required-parameter-added", where, "a new required parameter"));
    else ctx.changes.push(minor("parameter-added", where, "a new optional parameter"));
  }
  diffRequestBody(ctx, label, deref(ctx.base, base.node.requestBody), deref(ctx.head, head.node.requestBody));
  diffResponses(ctx, label, deref(ctx.base, base.node.responses), deref(ctx.head, head.node.responses));
}

/**
 * How a parameter goes on the wire, with OpenAPI's defaults filled in (`form` for query and cookie, `simple` for path
 * and header; `explode` only for `form`), so spelling out a default is no change.
 * @example serializationOf({ in: "query", name: "ids" }) // "style form, explode true"
 */
function serializationOf(parameter: Node): string {
  const style = typeof parameter.style === "string" ? parameter.style : parameter.in === "query" || parameter.in === "cookie" ? "form" : "simple";
  const explode = typeof parameter.explode === "boolean" ? parameter.explode : style === "form";
  return `style ${style}, explode ${explode}`;
}

function diffRequestBody(ctx: SchemaDiffContext, label: string, base: unknown, head: unknown): void {
  const where = `${label} request body`;
  if (!isNode(base) && !isNode(head)) return;
  if (!isNode(head)) {
    ctx.changes.push(breaking("request-body-removed", where, "the operation no longer takes a body"));
    return;
  }
  if (!isNode(base)) {
    if (head.required === true) ctx.changes.push(breaking("required-request-body-added", where, "the operation now requires a body"));
    else ctx.changes.push(minor("request-body-added", where, "the operation now takes an optional body"));
    return;
  }
  if (head.required === true && base.required !== true) ctx.changes.push(breaking("request-body-now-required", where, "the body is now required"));
  // The client sends the body in the first media type listed (codegen reads no other): another one put first, with the
  // old one still listed (a removed one is reported below), changes what goes on the wire.
  const [before, after] = [firstMediaType(base.content), firstMediaType(head.content)];
  if (before !== undefined && after !== undefined && before !== after && isNode(head.content) && before in head.content) {
    ctx.changes.push(breaking("request-media-type-reordered", where, `the client now sends ${after}, not ${before}: it is listed first`));
  }
  diffContent(ctx, where, base.content, head.content, "request");
}

/** The first media type a content map lists, as written: the one the client sends a request body in. */
function firstMediaType(content: unknown): string | undefined {
  return isNode(content) ? Object.keys(content)[0] : undefined;
}

function diffResponses(ctx: SchemaDiffContext, label: string, base: unknown, head: unknown): void {
  const before = isNode(base) ? base : {};
  const after = isNode(head) ? head : {};
  for (const [status, raw] of Object.entries(before)) {
    const where = `${label} response ${status}`;
    if (!(status in after)) {
      // A removed success response changes `data`; a removed error response only narrows `error`.
      if (status.startsWith("2")) ctx.changes.push(breaking("response-removed", where, "the success response was removed"));
      else ctx.changes.push(minor("error-response-removed", where, "the error response is no longer documented"));
      continue;
    }
    const response = deref(ctx.base, raw);
    const counterpart = deref(ctx.head, after[status]);
    if (isNode(response) && isNode(counterpart)) diffContent(ctx, where, response.content, counterpart.content, "response");
  }
  for (const status of Object.keys(after)) {
    if (!(status in before)) ctx.changes.push(minor("response-added", `${label} response ${status}`, "a newly documented response"));
  }
}

function diffContent(ctx: SchemaDiffContext, where: string, base: unknown, head: unknown, direction: "request" | "response"): void {
  const before = isNode(base) ? base : {};
  const after = isNode(head) ? head : {};
  for (const [mediaType, media] of Object.entries(before)) {
    const counterpart = after[mediaType];
    if (!isNode(counterpart)) {
      ctx.changes.push(breaking("media-type-removed", `${where} ${mediaType}`, `the ${direction} media type was removed`));
      continue;
    }
    if (isNode(media)) diffSchema(ctx, media.schema, counterpart.schema, `${where} ${mediaType}`, "", direction);
  }
  for (const mediaType of Object.keys(after)) {
    if (!(mediaType in before)) ctx.changes.push(minor("media-type-added", `${where} ${mediaType}`, `a new ${direction} media type`));
  }
}
