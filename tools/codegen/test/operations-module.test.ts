import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { collectOperations, renderOperationsModule, renderQueryNames, TABLE_TYPE } from "../src/operations-module.ts";
import { loadSpecDocument } from "../src/spec-document.ts";
import { makeTempDir, removeTempDirs } from "./fixture-repo.ts";

afterAll(removeTempDirs);

function operationsOf(files: Record<string, string>) {
  const dir = makeTempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return collectOperations(loadSpecDocument(path.join(dir, "openapi.yaml")));
}


const op = (operationId: string, extra = "") =>
  `      operationId: ${operationId}\n${extra}      responses: { '204': { description: ok } }\n`;

describe("operation metadata", () => {
  test("security is empty when neither the operation nor the root declares any", () => {
    const [entry] = operationsOf({ "openapi.yaml": `paths:\n  /a:\n    get:\n${op("getA")}` });
    expect(entry?.meta).toEqual({ operationId: "getA", security: [] });
  });

  test("security names the root's schemes unless the operation overrides them; {} (anonymous) names none", () => {
    const entries = operationsOf({
      "openapi.yaml": `security: [{ key: [] }, { oauth: [read] }]\npaths:\n  /a:\n    get:\n${op("getA")}    post:\n${op("postA", "      security: []\n")}    put:\n${op("putA", "      security: [{ basic: [] }, {}]\n")}    patch:\n${op("patchA", "      security: [{ key: [] }, { basic: [] }, { key: [] }]\n")}`,
    });
    expect(entries.map((e) => [e.meta.operationId, e.meta.security])).toEqual([
      ["getA", ["key", "oauth"]],
      ["patchA", ["key", "basic"]],
      ["postA", []],
      ["putA", ["basic"]],
    ]);
  });

  test("a security requirement naming several schemes (all needed together) is refused, at the root or on an operation", () => {
    expect(() => operationsOf({ "openapi.yaml": `paths:\n  /a:\n    patch:\n${op("patchA", "      security: [{ key: [], basic: [] }, { key: [] }]\n")}` })).toThrow(
      "PATCH /a: security requirement { key, basic } needs those schemes together on one request",
    );
    expect(() => operationsOf({ "openapi.yaml": `security: [{ key: [], oauth: [read] }]\npaths:\n  /a:\n    get:\n${op("getA")}` })).toThrow(
      "the root: security requirement { key, oauth } needs those schemes together",
    );
  });

  test("requestBody comes from the first content type listed, ignoring parameters and case", () => {
    const body = (types: string[]) =>
      `      requestBody:\n        content:\n${types.map((t) => `          ${t}: {}\n`).join("")}`;
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    patch:\n${op("patchA", body(["application/vnd.api+json", "multipart/form-data"]))}    post:\n${op("postA", body(["Multipart/Form-Data; boundary=x", "application/json"]))}    put:\n${op("putA", body(["application/json; charset=utf-8"]))}`,
    });
    expect(entries.map((e) => e.meta.requestBody)).toEqual(["json", "multipart", "json"]);
  });

  test("path items, request bodies and servers behind $refs in other files are followed", () => {
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    $ref: 'paths.yaml#/~1a'\n`,
      "paths.yaml": `/a:\n  servers: [{ url: 'https://path.level' }]\n  post:\n    operationId: postA\n    requestBody: { $ref: '#/bodies/Form' }\n    responses: {}\nbodies:\n  Form:\n    content:\n      application/x-www-form-urlencoded: {}\n`,
    });
    expect(entries).toEqual([
      { path: "/a", method: "post", meta: { operationId: "postA", requestBody: "form", security: [], server: "https://path.level" } },
    ]);
  });

  test("an operation-level server wins over the path-level one", () => {
    const [entry] = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    servers: [{ url: 'https://path' }]\n    get:\n${op("getA", "      servers: [{ url: 'https://op' }, { url: 'https://other' }]\n")}`,
    });
    expect(entry?.meta.server).toBe("https://op");
  });

  test("x-idempotent: true marks a POST or PATCH that may be resent, written last in its entry; none writes nothing", () => {
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    patch:\n${op("patchA", "      x-idempotent: true\n")}    post:\n${op("countA", "      x-idempotent: true\n")}  /b:\n    post:\n${op("postB")}`,
    });
    expect(entries.map(({ meta }) => meta.idempotent)).toEqual([true, true, undefined]);
    expect(renderOperationsModule(entries)).toContain(`"/a": { patch: { security: [], idempotent: true }, post: { security: [], idempotent: true } },`);
  });

  test.each([
    ["'yes' on a POST", "post", "'yes'", 'POST /a has x-idempotent "yes"'],
    ["false on a POST, which turns nothing off", "post", "false", "POST /a has x-idempotent false"],
    ["true on a GET, retried already", "get", "true", "GET /a has x-idempotent true"],
    ["true on a PUT, retried already", "put", "true", "PUT /a has x-idempotent true"],
  ])("x-idempotent %s is an error naming the operation", (_, method, value, named) => {
    expect(() => operationsOf({ "openapi.yaml": `paths:\n  /a:\n    ${method}:\n${op("opA", `      x-idempotent: ${value}\n`)}` })).toThrow(
      `${named}: only true, on a POST or PATCH (other methods are retried already)`,
    );
  });

  test("x-idempotent on a path item, which no operation would read, is an error naming the path", () => {
    expect(() => operationsOf({ "openapi.yaml": `paths:\n  /a:\n    x-idempotent: true\n    post:\n${op("countA")}` })).toThrow(
      "/a has x-idempotent on its path item: put it on the POST or PATCH operation",
    );
  });

  test("an operation without operationId is an error naming it", () => {
    expect(() => operationsOf({ "openapi.yaml": `paths:\n  /a:\n    get:\n      responses: {}\n` })).toThrow("GET /a has no operationId");
  });

  // openapi-fetch fills {id} from a path parameter named id: one named otherwise is typed, and the URL keeps a literal {id}.
  test.each([
    ["a {name} in the path without a path parameter of that name", "/a/{id}", "[{ name: userId, in: path, required: true }]", "GET /a/{id}: {id} in the path has no parameter of that name in: path"],
    ["a {name} in the path with only a query parameter of that name", "/a/{id}", "[{ name: id, in: query }]", "GET /a/{id}: {id} in the path has no parameter of that name in: path"],
    ["a path parameter without its {name} in the path", "/a", "[{ name: id, in: path, required: true }]", "GET /a: path parameter id has no {id} in the path"],
  ])("%s is an error naming the operation and the name", (_, path, parameters, message) => {
    expect(() => operationsOf({ "openapi.yaml": `paths:\n  ${path}:\n    get:\n${op("getA", `      parameters: ${parameters}\n`)}` })).toThrow(message);
  });

  test("path parameters declared on the path item, or behind $refs in another file, fill the path's {names}", () => {
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a/{id}/b/{key}:\n    parameters: [{ name: id, in: path, required: true }]\n    get:\n${op("getA", "      parameters: [{ $ref: 'params.yaml#/Key' }]\n")}`,
      "params.yaml": "Key: { name: key, in: path, required: true }\n",
    });
    expect(entries.map((entry) => entry.meta.operationId)).toEqual(["getA"]);
  });

  test("a request body type that is not JSON, form or multipart is an error naming it", () => {
    expect(() =>
      operationsOf({ "openapi.yaml": `paths:\n  /a:\n    put:\n${op("putA", "      requestBody:\n        content:\n          text/csv: {}\n")}` }),
    ).toThrow("PUT /a: request body content type text/csv is not supported");
  });

  test("response comes from the first content type of the first 2xx response with content", () => {
    const responses = (entries: string) => `      responses:\n${entries}`;
    const entries = operationsOf({
      "openapi.yaml": `paths:\n${[
        ["/json", "'400': { description: no, content: { text/html: {} } }\n        '200': { description: ok, content: { application/json: {} } }"],
        ["/vendor-json", "'201': { description: ok, content: { 'application/vnd.api+json; charset=utf-8': {}, text/plain: {} } }"],
        ["/csv", "'200': { description: ok, content: { text/csv: {}, application/json: {} } }"],
        ["/xml", "'200': { description: ok, content: { application/xml: {} } }"],
        ["/atom", "'200': { description: ok, content: { application/atom+xml: {} } }"],
        ["/octet", "'200': { description: ok, content: { application/octet-stream: {} } }"],
        ["/png", "'2XX': { description: ok, content: { image/png: {} } }"],
        ["/any", "'200': { description: ok, content: { '*/*': {} } }"],
        ["/after-204", "'204': { description: gone }\n        '202': { description: ok, content: { text/plain: {} } }"],
        ["/lowest", "'201': { description: ok, content: { application/json: {} } }\n        '200': { description: ok, content: { text/csv: {} } }"],
        ["/empty", "'204': { description: gone }\n        '2XX': { description: ok }"],
        ["/errors-only", "'404': { description: no, content: { application/json: {} } }"],
      ]
        .map(([path, body], index) => `  ${path}:\n    get:\n      operationId: op${index}\n${responses(`        ${body}\n`)}`)
        .join("")}`,
    });
    expect(Object.fromEntries(entries.map((e) => [e.path, e.meta.response]))).toEqual({
      "/after-204": "text",
      "/lowest": "text",
      "/any": "binary",
      "/atom": "text",
      "/csv": "text",
      "/empty": undefined,
      "/errors-only": undefined,
      "/json": "json",
      "/octet": "binary",
      "/png": "binary",
      "/vendor-json": "json",
      "/xml": "text",
    });
  });

  // The runtime reads no list as any scheme: Survey Dynamix's three names on 23 operations cost its bundle 21 gzipped bytes.
  test("security is left out, and rendered as no field, where an operation takes every scheme the spec declares", () => {
    const schemes = "components:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Key }\n    oauth: { type: http, scheme: bearer }\n";
    const entries = operationsOf({
      "openapi.yaml": `security: [{ oauth: [] }, { key: [] }]\npaths:\n  /a:\n    get:\n${op("getA")}    put:\n${op("putA", "      security: [{ key: [] }]\n")}    post:\n${op("postA", "      security: []\n")}${schemes}`,
    });
    expect(entries.map((e) => [e.meta.operationId, e.meta.security])).toEqual([
      ["getA", undefined],
      ["postA", []],
      ["putA", ["key"]],
    ]);
    expect(renderOperationsModule(entries)).toContain(`"/a": { get: {}, post: { security: [] }, put: { security: ["key"] } },`);
  });

  test("responses behind $refs are followed to their content type", () => {
    const [entry] = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200': { $ref: '#/components/responses/Csv' }\ncomponents:\n  responses:\n    Csv:\n      description: ok\n      content:\n        text/csv: {}\n`,
    });
    expect(entry?.meta.response).toBe("text");
  });

  test("response is rendered after security and left out when there is none; the table satisfies its type", () => {
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    get:\n      operationId: getA\n      responses: { '200': { description: ok, content: { application/json: {} } } }\n    delete:\n${op("deleteA")}`,
    });
    expect(renderOperationsModule(entries)).toBe(
      `${TABLE_TYPE}\nexport const operations = {\n  "/a": { delete: { security: [] }, get: { security: [], response: "json" } },\n} as const satisfies OperationTable;\n\n${renderQueryNames([])}`,
    );
  });

  // A spec's usual list, repeated on every operation, cost each bundle 20 to 30 gzipped bytes.
  test("a list of two security schemes or more named by two operations or more is written once, as a constant they share; one of one name stays in place", () => {
    const entries = operationsOf({
      "openapi.yaml": `security: [{ oauth: [] }, { key: [] }]\npaths:\n  /a:\n    get:\n${op("getA")}    put:\n${op("putA")}    post:\n${op("postA", "      security: [{ basic: [] }]\n")}    patch:\n${op("patchA", "      security: [{ basic: [] }]\n")}  /b:\n    get:\n${op("getB")}    delete:\n${op("deleteB", "      security: []\n")}`,
    });
    expect(renderOperationsModule(entries)).toBe(
      `${TABLE_TYPE}\nconst SCHEMES_1 = ["oauth", "key"] as const;\n\nexport const operations = {\n` +
        `  "/a": { get: { security: SCHEMES_1 }, patch: { security: ["basic"] }, post: { security: ["basic"] }, put: { security: SCHEMES_1 } },\n` +
        `  "/b": { delete: { security: [] }, get: { security: SCHEMES_1 } },\n} as const satisfies OperationTable;\n\n${renderQueryNames([])}`,
    );
  });

  // Survey Dynamix's 22 entries of two kinds, written out in full, cost its bundle about 20 gzipped bytes.
  test("an entry naming a shared scheme list that four operations or more have is written once, as a constant they share; one of one scheme stays in place", () => {
    const entries = operationsOf({
      "openapi.yaml": `security: [{ oauth: [] }, { key: [] }]\npaths:\n  /a:\n    get:\n${op("getA")}    put:\n${op("putA")}    post:\n${op("postA")}  /b:\n    get:\n${op("getB")}    delete:\n${op("deleteB", "      security: [{ basic: [] }]\n")}  /c:\n    get:\n${op("getC", "      security: [{ basic: [] }]\n")}    put:\n${op("putC", "      security: [{ basic: [] }]\n")}    post:\n${op("postC", "      security: [{ basic: [] }]\n")}`,
    });
    expect(renderOperationsModule(entries)).toBe(
      `${TABLE_TYPE}\nconst SCHEMES_1 = ["oauth", "key"] as const;\nconst OPERATION_1 = { security: SCHEMES_1 } as const;\n\nexport const operations = {\n` +
        `  "/a": { get: OPERATION_1, post: OPERATION_1, put: OPERATION_1 },\n` +
        `  "/b": { delete: { security: ["basic"] }, get: OPERATION_1 },\n` +
        `  "/c": { get: { security: ["basic"] }, post: { security: ["basic"] }, put: { security: ["basic"] } },\n} as const satisfies OperationTable;\n\n${renderQueryNames([])}`,
    );
  });

  test("an entry three operations have stays in place", () => {
    const entries = operationsOf({
      "openapi.yaml": `security: [{ oauth: [] }, { key: [] }]\npaths:\n  /a:\n    get:\n${op("getA")}    put:\n${op("putA")}    post:\n${op("postA")}`,
    });
    expect(renderOperationsModule(entries)).toContain(`"/a": { get: { security: SCHEMES_1 }, post: { security: SCHEMES_1 }, put: { security: SCHEMES_1 } },`);
    expect(renderOperationsModule(entries)).not.toContain("OPERATION_");
  });

  // Nothing reads it at run time: each name only added bytes to every bundle.
  test("the rendered table leaves each operation's operationId out, though it is read and required", () => {
    const entries = operationsOf({ "openapi.yaml": `paths:\n  /a:\n    get:\n${op("getA")}` });
    expect(entries[0]?.meta.operationId).toBe("getA");
    expect(renderOperationsModule(entries)).not.toContain("getA");
    expect(TABLE_TYPE).not.toContain("operationId");
  });

  // Survey Dynamix refuses a query name no operation takes (the vendor ignores it): codegen writes them from the spec.
  test("queryNames holds every query parameter name, the path item's and the operation's, behind $refs too, each once and sorted; no path or header parameter", () => {
    const entries = operationsOf({
      "openapi.yaml":
        `paths:\n  /a/{id}:\n    parameters: [{ name: id, in: path }, { name: since, in: query }]\n    get:\n${op("getA", "      parameters: [{ $ref: 'params.yaml#/Limit' }, { name: X-Trace, in: header }, { name: since, in: query }]\n")}` +
        `  /b:\n    get:\n${op("getB", "      parameters: [{ name: _order, in: query }, { $ref: 'params.yaml#/Limit' }]\n")}    post:\n${op("postB")}`,
      "params.yaml": "Limit: { name: _limit, in: query }\n",
    });
    expect(entries.map((entry) => entry.meta.query)).toEqual([["_limit", "since"], ["_order", "_limit"], undefined]);
    const rendered = renderOperationsModule(entries);
    expect(rendered.endsWith(renderQueryNames(entries))).toBe(true);
    expect(renderQueryNames(entries)).toContain(`export const queryNames = "_limit _order since";`);
    // Not in the table: every vendor client bundles that, and only Survey Dynamix reads the names.
    expect(rendered).not.toContain("query:");
  });

  // Wootric's created goes on the wire as created[gt]: the runtime's checkQueryNames takes a name with brackets only for
  // a parameter listed again with a "[".
  test("queryNames lists a deepObject parameter twice, the second time with a [ after its name", () => {
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    get:\n${op("getA", "      parameters: [{ name: created, in: query, style: deepObject, explode: true }, { name: page, in: query }]\n")}`,
    });
    expect(entries[0]?.meta.query).toEqual(["created", "created[", "page"]);
    expect(renderQueryNames(entries)).toContain(`export const queryNames = "created created[ page";`);
  });

  // created[after] is ignored by Wootric, which then lists everything: a closed object's keys are listed one by one.
  test("queryNames lists each key of a deepObject parameter's closed object schema, behind $refs, instead of a bare [", () => {
    const entries = operationsOf({
      "openapi.yaml":
        `paths:\n  /a:\n    get:\n${op("getA", "      parameters: [{ $ref: '#/components/parameters/Created' }, { name: date, in: query, style: deepObject, schema: { type: object, additionalProperties: false, properties: { start: {}, end: {} } } }, { name: open, in: query, style: deepObject, schema: { type: object, properties: { a: {} } } }]\n")}` +
        `components:\n  parameters:\n    Created: { name: created, in: query, style: deepObject, explode: true, schema: { $ref: 'schemas.yaml#/TimeFilter' } }\n`,
      "schemas.yaml": "TimeFilter: { type: object, additionalProperties: false, properties: { gt: {}, lt: {} } }\n",
    });
    expect(entries[0]?.meta.query).toEqual(["created", "created[gt]", "created[lt]", "date", "date[start]", "date[end]", "open", "open["]);
  });

  // The runtime's checkQueryNames refuses 52.5, 1e21 or 2^53 for a name before the "#": an id or page that is no safe
  // integer would go out as it is (or as "1e+21") and most likely list nothing.
  test("queryNames lists the integer names first, then a #: typed integer (or integer or null) behind $refs, a deepObject's integer keys, and none another operation types otherwise", () => {
    const entries = operationsOf({
      "openapi.yaml":
        `paths:\n  /a:\n    get:\n${op("getA", "      parameters: [{ $ref: '#/components/parameters/Page' }, { name: id, in: query, schema: { type: [integer, 'null'] } }, { name: per_page, in: query, schema: { type: integer } }, { name: created, in: query, style: deepObject, schema: { type: object, additionalProperties: false, properties: { gt: { type: integer }, on: { type: string } } } }, { name: odd, in: query, schema: { type: [integer, string] } }, { name: wrapped, in: query, schema: { allOf: [{ type: integer }] } }]\n")}` +
        `  /b:\n    get:\n${op("getB", "      parameters: [{ name: per_page, in: query, schema: { type: string } }, { name: page, in: query, schema: { type: integer } }]\n")}` +
        `components:\n  parameters:\n    Page: { name: page, in: query, schema: { $ref: '#/components/schemas/Page' } }\n  schemas:\n    Page: { type: integer, minimum: 1 }\n`,
    });
    expect(entries.map((entry) => entry.meta.integers)).toEqual([["page", "id", "per_page", "created[gt]"], ["page"]]);
    // per_page is a string in GET /b: its value may be either, and is not checked.
    expect(renderQueryNames(entries)).toContain(`export const queryNames = "created[gt] id page # created created[on] odd per_page wrapped";`);
  });

  // checkQueryNames looks for the "#" from a name's index: one not listed as it is (-1) searches the last entry alone.
  test("queryNames of integer names alone ends in an empty entry after the #, never in the #", () => {
    const entries = operationsOf({ "openapi.yaml": `paths:\n  /a:\n    get:\n${op("getA", "      parameters: [{ name: page, in: query, schema: { type: integer } }]\n")}` });
    expect(renderQueryNames(entries)).toContain(`export const queryNames = "page # ";`);
  });

  // An operation's parameter overrides its path item's of the same name and location (OpenAPI): a page the path item
  // types integer and the operation types string takes "2.5", and 2.5 must not be refused for it.
  test("queryNames reads an integer parameter of the path item that its operation redeclares as a string as no integer, and the other way round as one", () => {
    const entries = operationsOf({
      "openapi.yaml":
        `paths:\n  /a:\n    parameters: [{ name: page, in: query, schema: { type: integer } }, { name: size, in: query, schema: { type: string } }, { name: created, in: query, style: deepObject, schema: { type: object, additionalProperties: false, properties: { gt: { type: integer } } } }]\n    get:\n` +
        op("getA", "      parameters: [{ name: page, in: query, schema: { type: string } }, { name: size, in: query, schema: { type: integer } }, { name: created, in: query, style: deepObject, schema: { type: object, additionalProperties: false, properties: { gt: { type: string } } } }]\n"),
    });
    expect(entries[0]?.meta.integers).toEqual(["size"]);
    expect(renderQueryNames(entries)).toContain(`export const queryNames = "size # created created[gt] page";`);
  });

  // created: { gt: 1.5 } is read as created[gt]: an operation whose created takes any key (listed as "created[") takes
  // it with any value its schema allows, though another operation types its created[gt] integer.
  test("queryNames lists no deepObject key as an integer when another operation's parameter of that name takes any key", () => {
    const entries = operationsOf({
      "openapi.yaml":
        `paths:\n  /a:\n    get:\n${op("getA", "      parameters: [{ name: created, in: query, style: deepObject, schema: { type: object, additionalProperties: false, properties: { gt: { type: integer } } } }]\n")}` +
        `  /b:\n    get:\n${op("getB", "      parameters: [{ name: created, in: query, style: deepObject, schema: { type: object, additionalProperties: { type: number } } }]\n")}`,
    });
    expect(entries.map((entry) => entry.meta.query)).toEqual([
      ["created", "created[gt]"],
      ["created", "created["],
    ]);
    expect(renderQueryNames(entries)).toContain(`export const queryNames = "created created[ created[gt]";`);
  });

  // Each $ref is read from the file it is written in: the path item's from the path item's, not the operation's.
  test("queryNames reads a path item's parameter $refs from the path item's file when its operation lives in another", () => {
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    parameters: [{ $ref: '#/components/parameters/Since' }]\n    get: { $ref: 'ops.yaml#/getA' }\ncomponents:\n  parameters:\n    Since: { name: since, in: query }\n`,
      "ops.yaml": `getA:\n  operationId: getA\n  parameters: [{ $ref: '#/Limit' }]\n  responses: {}\nLimit: { name: _limit, in: query }\n`,
    });
    expect(entries[0]?.meta.query).toEqual(["since", "_limit"]);
  });

  test("refuses a query parameter name that queryNames cannot hold (empty, with a space, or its # mark), naming the operation", () => {
    for (const name of ["''", "'a b'", "'#'"]) {
      expect(() => operationsOf({ "openapi.yaml": `paths:\n  /a:\n    get:\n${op("getA", `      parameters: [{ name: ${name}, in: query }]\n`)}` })).toThrow(/^GET \/a: query parameter name/);
    }
  });

  test("a spec without paths renders an empty operations object", () => {
    expect(renderOperationsModule(operationsOf({ "openapi.yaml": "openapi: 3.1.0\n" }))).toBe(`${TABLE_TYPE}\nexport const operations = {} as const satisfies OperationTable;\n\n${renderQueryNames([])}`);
  });
});

describe("parameters the clients would send in another shape than the spec declares", () => {
  const withParameter = (parameter: string, extra = "") =>
    operationsOf({
      "openapi.yaml": `paths:\n  /a/{id}:\n    get:\n      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n        - ${parameter}\n${op("getA")}${extra}`,
    });

  test.each([
    ["a cookie", "{ name: session, in: cookie, schema: { type: string } }", "cookie parameter session is a cookie, which the clients never send"],
    ["JSON in the query (content)", "{ name: filter, in: query, content: { application/json: { schema: { type: object } } } }", "query parameter filter is described by content"],
    ["allowReserved", "{ name: path, in: query, allowReserved: true, schema: { type: string } }", "query parameter path has allowReserved: true, but the clients percent-encode"],
    ["a pipe-delimited list", "{ name: ids, in: query, style: pipeDelimited, schema: { type: array, items: { type: string } } }", "query parameter ids is a list of style pipeDelimited, but the clients send query lists form-exploded (name=a&name=b): declare style: form, explode: true"],
    ["a comma-separated list (explode: false)", "{ name: ids, in: query, explode: false, schema: { type: array, items: { type: string } } }", "query parameter ids is a list of style form, explode: false, but"],
    ["an object left as form", "{ name: date, in: query, schema: { $ref: '#/components/schemas/Range' } }", "query parameter date is an object of style form, but the clients send query objects as deepObject"],
    ["a label path parameter", "{ name: id, in: path, required: true, style: label, schema: { type: string } }", "path parameter id has style label, but the clients send path values simple"],
    ["an exploded path object", "{ name: id, in: path, required: true, explode: true, schema: { $ref: '#/components/schemas/Range' } }", "path parameter id has style simple, explode: true, but the clients send path values simple, objects not exploded (key,value,key,value)"],
    ["an object in a header", "{ name: X-Range, in: header, schema: { $ref: '#/components/schemas/Range' } }", "header parameter X-Range is an object, which the clients would send as [object Object]"],
    ["a deepObject with explode: false", "{ name: date, in: query, style: deepObject, explode: false, schema: { $ref: '#/components/schemas/Range' } }", "query parameter date is an object of style deepObject, explode: false, but the clients send query objects as deepObject (name[key]=value): declare style: deepObject, explode: true"],
    ["an object behind allOf", "{ name: date, in: query, schema: { allOf: [{ $ref: '#/components/schemas/Range' }] } }", "query parameter date is an object of style form, but the clients send query objects as deepObject"],
    ["a nullable object (type: [object, 'null'])", "{ name: date, in: query, style: form, schema: { type: [object, 'null'], properties: { start: { type: string } } } }", "query parameter date is an object of style form, but"],
    ["a map (additionalProperties only)", "{ name: tags, in: query, schema: { additionalProperties: { type: string } } }", "query parameter tags is an object of style form, but"],
    ["a list of objects", "{ name: ranges, in: query, schema: { type: array, items: { $ref: '#/components/schemas/Range' } } }", "query parameter ranges holds an object or a list inside a list or an object, which the clients cannot send (openapi-fetch throws)"],
    ["a deepObject with an object inside", "{ name: f, in: query, style: deepObject, schema: { type: object, properties: { a: { $ref: '#/components/schemas/Range' } } } }", "query parameter f holds an object or a list inside"],
    ["a deepObject list", "{ name: ids, in: query, style: deepObject, schema: { type: array, items: { type: string } } }", "query parameter ids is a list of style deepObject, but"],
  ])("%s is refused, naming the operation and the parameter", (_, parameter, message) => {
    expect(() => withParameter(parameter, "components:\n  schemas:\n    Range: { type: object, properties: { start: { type: string } } }\n")).toThrow(`GET /a/{id}: ${message}`);
  });

  // Their wire shape is the one the clients send: one value is name=value whatever its style, a simple list a,b either way.
  test("a style or explode that changes nothing on the wire is accepted: explode on one value, on a path or header list", () => {
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a/{id}:\n    get:\n      parameters:\n        - { name: id, in: path, required: true, explode: true, schema: { type: array, items: { type: string } } }\n        - { name: q, in: query, explode: false, schema: { type: string } }\n        - { name: n, in: query, style: pipeDelimited, schema: { type: integer } }\n        - { name: X-Tags, in: header, explode: true, schema: { type: array, items: { type: string } } }\n        - { name: X-Id, in: header, explode: true, schema: { type: string } }\n${op("getA")}`,
    });
    expect(entries[0]?.meta.query).toEqual(["q", "n"]);
  });

  test("what the clients send is accepted: form-exploded lists, deepObject objects (behind a $ref), simple path and header values", () => {
    const entries = operationsOf({
      "openapi.yaml": `paths:\n  /a/{id}:\n    get:\n      parameters:\n        - { name: id, in: path, required: true, style: simple, schema: { type: string } }\n        - { name: ids, in: query, style: form, explode: true, schema: { type: array, items: { type: string } } }\n        - { name: date, in: query, style: deepObject, explode: true, schema: { $ref: '#/components/schemas/Range' } }\n        - { name: X-Tag, in: header, schema: { type: string } }\n${op("getA")}components:\n  schemas:\n    Range: { type: object, additionalProperties: false, properties: { start: { type: string } } }\n`,
    });
    expect(entries[0]?.meta.query).toEqual(["ids", "date", "date[start]"]);
  });
});
