import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deref, findRepoRoot, HTTP_METHODS, operationsOf, readRegistry, registeredApi, vendorPackages } from "../src/index.ts";

const repo = mkdtempSync(join(tmpdir(), "apis-spec-registry-"));
const files: Record<string, string> = {
  "pnpm-workspace.yaml": "packages: [packages/*]\n",
  "redocly.yaml": [
    "apis:",
    "  acme-auth:",
    "    root: specs/acme/auth.yaml",
    "    x-mock-port: 4801",
    "    x-openapi-ts: { output: packages/acme/src/generated/auth/schema.ts }",
    "  acme-survey:",
    "    root: specs/acme/survey.yaml",
    "    x-openapi-ts: { output: packages/acme/src/generated/survey/schema.ts }",
    "  beta:",
    "    root: specs/beta/openapi.yaml",
    "    x-openapi-ts: { output: packages/beta/src/generated/schema.ts }",
    "",
  ].join("\n"),
  "packages/acme/package.json": JSON.stringify({ name: "@apis/acme", version: "1.2.0" }),
  "packages/beta/package.json": JSON.stringify({ name: "@apis/beta" }),
};
for (const [file, text] of Object.entries(files)) {
  mkdirSync(join(repo, file, ".."), { recursive: true });
  writeFileSync(join(repo, file), text);
}
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("the registry", () => {
  it("finds the repository root from a folder inside it", () => {
    expect(findRepoRoot(join(repo, "packages/acme"))).toBe(repo);
  });

  it("reads every apis: entry with absolute paths and its x- keys", () => {
    const apis = readRegistry(repo);
    expect([...apis.keys()]).toEqual(["acme-auth", "acme-survey", "beta"]);
    expect(apis.get("acme-auth")).toEqual({
      name: "acme-auth",
      root: join(repo, "specs/acme/auth.yaml"),
      output: join(repo, "packages/acme/src/generated/auth/schema.ts"),
      extensions: { "x-mock-port": 4801 },
    });
  });

  it("names the registered APIs when asked for one it does not have", () => {
    expect(() => registeredApi("gamma", repo)).toThrow('No API "gamma" in redocly.yaml; registered: acme-auth, acme-survey, beta');
  });

  it("lists each vendor package once, with the APIs generated into it", () => {
    expect(vendorPackages(repo)).toEqual([
      { name: "@apis/acme", version: "1.2.0", dir: join(repo, "packages/acme"), apis: ["acme-auth", "acme-survey"] },
      { name: "@apis/beta", version: "0.0.0", dir: join(repo, "packages/beta"), apis: ["beta"] },
    ]);
  });
});

describe("the spec walkers", () => {
  const spec = {
    paths: {
      "/tags": { $ref: "#/components/pathItems/Tags" },
      "/tags/{id}": { parameters: [], delete: { operationId: "deleteTag" }, get: { $ref: "#/x-shared/getTag" } },
    },
    components: { pathItems: { Tags: { post: { operationId: "createTag" }, get: { operationId: "listTags" } } }, schemas: { "a/b": { type: "string" } } },
    "x-shared": { getTag: { operationId: "getTag" } },
  };

  it("lists the eight HTTP methods a path item can hold", () => {
    expect([...HTTP_METHODS].sort()).toEqual(["delete", "get", "head", "options", "patch", "post", "put", "trace"]);
  });

  it("follows local $refs, escaped names included, and refuses external and dangling ones", () => {
    expect(deref(spec, { $ref: "#/components/schemas/a~1b" })).toEqual({ type: "string" });
    expect(() => deref(spec, { $ref: "other.yaml#/x" })).toThrow("only local $refs are supported, found other.yaml#/x");
    expect(() => deref(spec, { $ref: "#/components/schemas/None" })).toThrow("$ref #/components/schemas/None points at nothing");
    expect(() => deref({ a: { $ref: "#/a" } }, { $ref: "#/a" })).toThrow("$ref loop at #/a");
  });

  it("walks every operation through referenced path items and operations, in document and method order", () => {
    expect(operationsOf(spec).map(({ key, operation }) => [key, operation.operationId])).toEqual([
      ["GET /tags", "listTags"],
      ["POST /tags", "createTag"],
      ["GET /tags/{id}", "getTag"],
      ["DELETE /tags/{id}", "deleteTag"],
    ]);
  });
});
