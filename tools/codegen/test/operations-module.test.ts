import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { collectOperations, renderOperationsModule } from "../src/operations-module.ts";
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
  test("auth is false when neither the operation nor the root declares security", () => {
    const [entry] = operationsOf({ "openapi.yaml": `paths:\n  /a:\n    get:\n${op("getA")}` });
    expect(entry?.meta).toEqual({ operationId: "getA", auth: false });
  });

  test("auth follows the root security unless the operation overrides it; [{}] still counts as auth", () => {
    const entries = operationsOf({
      "openapi.yaml": `security: [{ key: [] }]\npaths:\n  /a:\n    get:\n${op("getA")}    post:\n${op("postA", "      security: []\n")}    put:\n${op("putA", "      security: [{}]\n")}`,
    });
    expect(entries.map((e) => [e.meta.operationId, e.meta.auth])).toEqual([
      ["getA", true],
      ["postA", false],
      ["putA", true],
    ]);
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
      { path: "/a", method: "post", meta: { operationId: "postA", requestBody: "form", auth: false, server: "https://path.level" } },
    ]);
  });

  test("an operation-level server wins over the path-level one", () => {
    const [entry] = operationsOf({
      "openapi.yaml": `paths:\n  /a:\n    servers: [{ url: 'https://path' }]\n    get:\n${op("getA", "      servers: [{ url: 'https://op' }, { url: 'https://other' }]\n")}`,
    });
    expect(entry?.meta.server).toBe("https://op");
  });

  test("an operation without operationId is an error naming it", () => {
    expect(() => operationsOf({ "openapi.yaml": `paths:\n  /a:\n    get:\n      responses: {}\n` })).toThrow("GET /a has no operationId");
  });

  test("a request body type that is not JSON, form or multipart is an error naming it", () => {
    expect(() =>
      operationsOf({ "openapi.yaml": `paths:\n  /a:\n    put:\n${op("putA", "      requestBody:\n        content:\n          text/csv: {}\n")}` }),
    ).toThrow("PUT /a: request body content type text/csv is not supported");
  });

  test("a spec without paths renders an empty operations object", () => {
    expect(renderOperationsModule(operationsOf({ "openapi.yaml": "openapi: 3.1.0\n" }))).toBe("export const operations = {} as const;\n");
  });
});
