import { describe, expect, it } from "vitest";
import { diffSpecs } from "../src/index.ts";
import { fixture } from "./fixtures.ts";

const base = fixture("base");
/** The changes from base.yaml to a fixture, as `level kind @ where`, so a test reads like the report. */
const changes = (head: string) => diffSpecs(base, fixture(head)).map((change) => `${change.level} ${change.kind} @ ${change.where}`);

describe("breaking changes", () => {
  it.each([
    ["a removed operation", "removed-operation", "breaking operation-removed @ DELETE /items/{id}"],
    ["a removed response field", "removed-response-field", "breaking field-removed @ GET /items response 200 application/json: [].name"],
    ["a removed request field", "removed-request-field", "breaking field-removed @ POST /items request body application/json: note"],
    ["a retyped response field", "retyped-field", "breaking field-retyped @ GET /items response 200 application/json: [].id"],
    ["a new required query parameter", "new-required-param", "breaking required-parameter-added @ GET /items query parameter project"],
    ["a new required request field", "new-required-request-field", "breaking required-field-added @ POST /items request body application/json: owner"],
  ])("calls %s breaking", (_, head, change) => {
    expect(changes(head)).toEqual([change]);
  });

  it("calls a narrowed enum breaking and names the values that went", () => {
    const [change, ...rest] = diffSpecs(base, fixture("narrowed-enum"));
    expect(rest).toEqual([]);
    expect(change).toEqual({ level: "breaking", kind: "enum-narrowed", where: "GET /items query parameter order", message: 'enum values removed: ["desc"]' });
  });
});

// `const: password` is typed as the literal "password": a client that sends it is broken when it changes.
describe("const, a one-value enum", () => {
  const spec = (grantType: Record<string, unknown>) => ({
    paths: { "/token": { post: { requestBody: { content: { "application/x-www-form-urlencoded": { schema: { type: "object", required: ["grant_type"], properties: { grant_type: { type: "string", ...grantType } } } } } }, responses: {} } } },
  });
  const diff = (before: Record<string, unknown>, after: Record<string, unknown>) => diffSpecs(spec(before), spec(after)).map((change) => `${change.level} ${change.kind}: ${change.message}`);

  it("calls a changed const breaking, naming the value that went", () => {
    expect(diff({ const: "password" }, { const: "client_credentials" })).toEqual(['breaking enum-narrowed: enum values removed: ["password"]', 'minor enum-widened: enum values added: ["client_credentials"]']);
  });

  it("reads an enum behind an allOf wrapper (a $ref given a description of its own), as Survey Dynamix's survey_type is", () => {
    const wrapped = (values: string[]) => ({
      paths: { "/i": { post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { survey_type: { description: "The medium.", allOf: [{ $ref: "#/components/schemas/SurveyType" }] } } } } } }, responses: {} } } },
      components: { schemas: { SurveyType: { type: "string", enum: values } } },
    });
    expect(diffSpecs(wrapped(["sms", "web"]), wrapped(["sms"])).map((change) => `${change.level} ${change.kind} @ ${change.where}: ${change.message}`)).toEqual([
      'breaking enum-narrowed @ POST /i request body application/json: survey_type: enum values removed: ["web"]',
    ]);
  });

  it("calls a const added to a field breaking, and one widened to an enum holding it minor", () => {
    expect(diff({}, { const: "password" })).toEqual(['breaking enum-narrowed: now limited to the enum ["password"]']);
    expect(diff({ const: "password" }, { enum: ["password", "refresh_token"] })).toEqual(['minor enum-widened: enum values added: ["refresh_token"]']);
  });
});

describe("minor changes", () => {
  it("calls an added optional field minor, in a response and in a request", () => {
    expect(changes("added-optional-field")).toEqual([
      "minor field-added @ GET /items response 200 application/json: [].createdAt",
      "minor field-added @ POST /items request body application/json: tags",
    ]);
  });

  it("calls an added operation minor", () => {
    expect(changes("added-operation")).toEqual(["minor operation-added @ GET /items/{id}"]);
  });

  it("calls a new response enum value and a request field that accepts more types minor", () => {
    expect(changes("widened-enum-and-nullable-request")).toEqual([
      "minor enum-widened @ GET /items response 200 application/json: [].status",
      "minor type-widened @ POST /items request body application/json: note",
    ]);
  });

  it("reports nothing when only descriptions, examples and the info block changed", () => {
    expect(changes("wording-only")).toEqual([]);
  });
});

describe("direction", () => {
  it("treats the same edit differently in a request and a response: a response may stop being nullable, a request may not", () => {
    const spec = (requestType: unknown, responseType: unknown) => ({
      paths: {
        "/x": {
          post: {
            requestBody: { content: { "application/json": { schema: { type: "object", properties: { a: { type: requestType } } } } } },
            responses: { "200": { content: { "application/json": { schema: { type: "object", properties: { a: { type: responseType } } } } } } },
          },
        },
      },
    });
    const narrowed = diffSpecs(spec(["string", "null"], ["string", "null"]), spec("string", "string"));
    expect(narrowed.map((change) => `${change.level} ${change.where}`)).toEqual([
      "breaking POST /x request body application/json: a",
      "minor POST /x response 200 application/json: a",
    ]);
  });

  it("terminates on a schema that refers to itself", () => {
    const tree = (extra: Record<string, unknown>) => ({
      paths: { "/t": { get: { responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } } } } } },
      components: { schemas: { Node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } }, ...extra } } } },
    });
    expect(diffSpecs(tree({ name: { type: "string" } }), tree({})).map((change) => change.kind)).toEqual(["field-removed"]);
  });
});

// A webhook's payload (OpenAPI 3.1 `webhooks`) is what a client receives and types, e.g. @apis/wootric's
// WootricWebhookEvent: a field that may now be missing breaks code that reads it, as in a response.
describe("webhooks", () => {
  const hooks = (required: string[], names = ["created"]) => ({
    paths: {},
    webhooks: Object.fromEntries(
      names.map((name) => [
        name,
        { post: { requestBody: { content: { "application/json": { schema: { allOf: [{ $ref: "#/components/schemas/Meta" }] } } } }, responses: { "200": { description: "ok" } } } },
      ]),
    ),
    components: { schemas: { Meta: { type: "object", required, properties: { event_name: { type: "string" }, timestamp: { type: "string" } } } } },
  });

  it("compares a payload as a response: a field that may now be missing is breaking, one now always there minor", () => {
    expect(diffSpecs(hooks(["event_name", "timestamp"]), hooks(["event_name"])).map((change) => `${change.level} ${change.kind} @ ${change.where}`)).toEqual([
      "breaking field-now-optional @ WEBHOOK created POST payload application/json: timestamp",
    ]);
    expect(diffSpecs(hooks(["event_name"]), hooks(["event_name", "timestamp"])).map((change) => change.level)).toEqual(["minor"]);
  });

  it("calls a removed webhook breaking and an added one minor", () => {
    expect(diffSpecs(hooks([], ["created", "declined"]), hooks([], ["created", "updated"])).map((change) => `${change.level} ${change.kind} @ ${change.where}`)).toEqual([
      "breaking webhook-removed @ WEBHOOK declined POST",
      "minor webhook-added @ WEBHOOK updated POST",
    ]);
  });
});

// `additionalProperties: false` closes an object: a request that sends a field the schema does not list may now be
// refused, while a response that promises no unlisted field takes nothing from a client that reads it.
describe("additionalProperties", () => {
  const spec = (requestExtra: Record<string, unknown>, responseExtra: Record<string, unknown>) => ({
    paths: {
      "/x": {
        post: {
          requestBody: { content: { "application/json": { schema: { type: "object", properties: { a: { type: "string" } }, ...requestExtra } } } },
          responses: { "200": { content: { "application/json": { schema: { type: "object", properties: { a: { type: "string" } }, ...responseExtra } } } } },
        },
      },
    },
  });
  const diff = (before: [Record<string, unknown>, Record<string, unknown>], after: [Record<string, unknown>, Record<string, unknown>]) =>
    diffSpecs(spec(...before), spec(...after)).map((change) => `${change.level} ${change.kind} @ ${change.where}: ${change.message}`);

  it.each([
    ["absent", {}],
    ["true", { additionalProperties: true }],
    ["a schema", { additionalProperties: { type: "string" } }],
  ])("calls a request object closed from %s breaking, and a response closed the same way minor", (_, open) => {
    expect(diff([open, open], [{ additionalProperties: false }, { additionalProperties: false }])).toEqual([
      "breaking properties-closed @ POST /x request body application/json: the request object no longer accepts fields it does not list",
      "minor properties-closed @ POST /x response 200 application/json: the response object no longer has fields it does not list",
    ]);
  });

  it("calls an object opened again minor in a request and in a response", () => {
    expect(diff([{ additionalProperties: false }, { additionalProperties: false }], [{}, { additionalProperties: true }])).toEqual([
      "minor properties-opened @ POST /x request body application/json: the request object now accepts fields it does not list",
      "minor properties-opened @ POST /x response 200 application/json: the response object may now have fields it does not list",
    ]);
  });

  it("compares extra fields newly limited to a schema like a retyped field: breaking in a request, minor in a response", () => {
    expect(diff([{}, { additionalProperties: true }], [{ additionalProperties: { type: "string" } }, { additionalProperties: { type: "string" } }])).toEqual([
      "breaking field-retyped @ POST /x request body application/json: {*}: type changed from any to string",
      "minor type-narrowed @ POST /x response 200 application/json: {*}: type changed from any to string",
    ]);
  });

  it("reports nothing when additionalProperties only goes from absent to true", () => {
    expect(diff([{}, {}], [{ additionalProperties: true }, { additionalProperties: true }])).toEqual([]);
  });

  it("reads it inside allOf too: a member closed (or a closed one opened) changes the object, as on the schema itself", () => {
    const wrapped = (closed: boolean) => ({ allOf: [{ $ref: "#/components/schemas/Extra" }, { type: "object", properties: { b: { type: "string" } }, ...(closed ? { additionalProperties: false } : {}) }] });
    const specOf = (closed: boolean) => ({ ...spec({}, {}), paths: { "/x": { post: { requestBody: { content: { "application/json": { schema: wrapped(closed) } } }, responses: {} } } }, components: { schemas: { Extra: { type: "object", properties: { c: { type: "string" } } } } } });
    const kinds = (before: boolean, after: boolean) => diffSpecs(specOf(before), specOf(after)).map((change) => `${change.level} ${change.kind}`);
    expect(kinds(false, true)).toEqual(["breaking properties-closed"]);
    expect(kinds(true, false)).toEqual(["minor properties-opened"]);
    expect(kinds(true, true)).toEqual([]);
  });
});

// An array's `items` types its elements (`string[]`, or `unknown[]` without one): adding, removing or changing it is
// compared as any schema is, so narrowing what a caller may send is breaking.
describe("array items", () => {
  const spec = (items: Record<string, unknown> | undefined) => {
    const tags = { type: "object", properties: { tags: { type: "array", ...(items ? { items } : {}) } } };
    return {
      paths: { "/x": { post: { requestBody: { content: { "application/json": { schema: tags } } }, responses: { "200": { content: { "application/json": { schema: tags } } } } } } },
    };
  };
  const diff = (before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined) =>
    diffSpecs(spec(before), spec(after)).map((change) => `${change.level} ${change.kind} @ ${change.where}: ${change.message}`);

  it("calls items added to an array breaking in a request and minor in a response", () => {
    expect(diff(undefined, { type: "string" })).toEqual([
      "breaking field-retyped @ POST /x request body application/json: tags[]: type changed from any to string",
      "minor type-narrowed @ POST /x response 200 application/json: tags[]: type changed from any to string",
    ]);
  });

  it("calls items removed from an array minor in a request and breaking in a response", () => {
    expect(diff({ type: "string" }, undefined)).toEqual([
      "minor type-widened @ POST /x request body application/json: tags[]: type changed from string to any",
      "breaking field-retyped @ POST /x response 200 application/json: tags[]: type changed from string to any",
    ]);
  });

  it("calls an element type narrowed in a request breaking, and an element enum narrowed anywhere breaking", () => {
    expect(diff({ type: ["string", "integer"] }, { type: "string" })).toEqual([
      "breaking field-retyped @ POST /x request body application/json: tags[]: type changed from string | integer to string",
      "minor type-narrowed @ POST /x response 200 application/json: tags[]: type changed from string | integer to string",
    ]);
    expect(diff({ type: "string", enum: ["a", "b"] }, { type: "string", enum: ["a"] }).filter((change) => change.startsWith("breaking"))).toHaveLength(2);
  });
});

// `style` and `explode` decide how a parameter goes on the wire (`ids=1&ids=2`, `ids=1,2`, `ids=1%202`): a client
// that sends the old format sends something the server no longer reads, with the same types.
describe("parameter serialization", () => {
  const spec = (serialization: Record<string, unknown>, location = "query") => ({
    paths: { "/x": { get: { parameters: [{ name: "ids", in: location, schema: { type: "array", items: { type: "integer" } }, ...serialization }], responses: {} } } },
  });
  const diff = (before: Record<string, unknown>, after: Record<string, unknown>, location?: string) =>
    diffSpecs(spec(before, location), spec(after, location)).map((change) => `${change.level} ${change.kind} @ ${change.where}: ${change.message}`);

  it("calls a changed explode breaking, naming the old and new format", () => {
    expect(diff({}, { explode: false })).toEqual(["breaking parameter-serialization-changed @ GET /x query parameter ids: the wire format changed from style form, explode true to style form, explode false"]);
  });

  it("calls a changed style breaking", () => {
    expect(diff({ style: "form", explode: false }, { style: "pipeDelimited", explode: false })).toEqual([
      "breaking parameter-serialization-changed @ GET /x query parameter ids: the wire format changed from style form, explode false to style pipeDelimited, explode false",
    ]);
    expect(diff({}, { style: "label" }, "path")).toEqual(["breaking parameter-serialization-changed @ GET /x path parameter ids: the wire format changed from style simple, explode false to style label, explode false"]);
  });

  it("reports nothing when a style or explode is only spelt out as its default", () => {
    expect(diff({}, { style: "form", explode: true })).toEqual([]);
    expect(diff({}, { style: "simple", explode: false }, "header")).toEqual([]);
    expect(diff({ style: "deepObject" }, { style: "deepObject", explode: false })).toEqual([]);
  });
});

// The client sends a request body in the first media type its operation lists (tools/codegen reads no other), so the
// order of a content map is part of the wire format.
describe("the request body's media types", () => {
  const schema = { type: "object", properties: { a: { type: "string" } } };
  const spec = (types: string[]) => ({
    paths: { "/x": { post: { requestBody: { content: Object.fromEntries(types.map((type) => [type, { schema }])) }, responses: {} } } },
  });
  const diff = (before: string[], after: string[]) => diffSpecs(spec(before), spec(after)).map((change) => `${change.level} ${change.kind}: ${change.message}`);

  it("calls another media type put first, the old one still listed, breaking", () => {
    expect(diff(["application/x-www-form-urlencoded", "multipart/form-data"], ["multipart/form-data", "application/x-www-form-urlencoded"])).toEqual([
      "breaking request-media-type-reordered: the client now sends multipart/form-data, not application/x-www-form-urlencoded: it is listed first",
    ]);
    expect(diff(["application/json"], ["application/x-www-form-urlencoded", "application/json"])).toEqual([
      "breaking request-media-type-reordered: the client now sends application/x-www-form-urlencoded, not application/json: it is listed first",
      "minor media-type-added: a new request media type",
    ]);
  });

  it("reports a media type added after the first as minor only, and the first one removed once", () => {
    expect(diff(["application/json"], ["application/json", "multipart/form-data"])).toEqual(["minor media-type-added: a new request media type"]);
    expect(diff(["application/json", "multipart/form-data"], ["multipart/form-data"])).toEqual(["breaking media-type-removed: the request media type was removed"]);
  });
});

// allOf is an intersection: a value must pass every member, so what the members allow is read together, in any order.
describe("allOf members read together", () => {
  const specOf = (schema: unknown) => ({
    paths: { "/x": { post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { f: schema } } } } }, responses: {} } } },
  });
  const report = (before: unknown, after: unknown) => diffSpecs(specOf(before), specOf(after)).map((change) => `${change.level} ${change.kind}: ${change.message}`);

  it("reads the enum every member allows: a value added to one member alone changes nothing, one removed from another narrows", () => {
    const wrapped = (first: string[], second: string[]) => ({ allOf: [{ enum: first }, { enum: second }] });
    expect(report(wrapped(["a", "b", "c"], ["a", "b"]), wrapped(["a", "b", "c", "d"], ["a", "b"]))).toEqual([]);
    expect(report(wrapped(["a", "b", "c"], ["a", "b"]), wrapped(["a", "b", "c"], ["a"]))).toEqual(['breaking enum-narrowed: enum values removed: ["b"]']);
  });

  it("reports nothing when members that each give items, a type or additionalProperties are only reordered", () => {
    const items = [{ items: { type: "string" } }, { items: { maxLength: 3 } }];
    expect(report({ type: "array", allOf: items }, { type: "array", allOf: [...items].reverse() })).toEqual([]);
    const types = [{ type: ["string", "null"] }, { type: "string" }];
    expect(report({ allOf: types }, { allOf: [...types].reverse() })).toEqual([]);
    const extra = [{ additionalProperties: { type: "string" } }, { additionalProperties: { maxLength: 3 } }];
    expect(report({ type: "object", allOf: extra }, { type: "object", allOf: [...extra].reverse() })).toEqual([]);
  });

  it("reads a second member's items: its type changed is reported", () => {
    const wrapped = (type: string) => ({ type: "array", allOf: [{ items: { minLength: 1 } }, { items: { type } }] });
    expect(report(wrapped("string"), wrapped("integer"))).toEqual(["breaking field-retyped: type changed from string to integer"]);
  });
});
