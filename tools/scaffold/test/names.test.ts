// The vendor name and title checks, without scaffolding: each refused input is one the templates would turn into
// a package that does not compile or a file that does not parse.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { namesClashing, vendorNames } from "../src/names.ts";
import { readTemplates, scaffoldVendor } from "../src/scaffold.ts";

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A repo root with nothing but what scaffoldVendor reads before it writes. */
function emptyRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "apis-scaffold-names-"));
  roots.push(root);
  writeFileSync(join(root, "redocly.yaml"), "apis:\n");
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
  writeFileSync(join(root, "README.md"), "| Vendor | Package |\n| --- | --- |\n");
  return root;
}

describe("vendorNames", () => {
  // `const delete = createClient(...)` is a syntax error in every test the templates write.
  it.each(["delete", "class", "new", "default", "await", "package"])("refuses %s, whose variable would be a reserved word", (name) => {
    expect(() => vendorNames(name)).toThrow(`the client's variable would be ${name}, a reserved word`);
  });

  it("takes a name whose words are reserved only apart", () => {
    expect(vendorNames("new-relic").camel).toBe("newRelic");
  });

  // package.json's description, the registry's x-docs.title and the spec's info.title are written with the title as it is.
  it.each([['Acme "Pro"'], ["Acme: Surveys"], ["Acme #1"], ["'Acme"], ["Acme\\Surveys"]])("refuses the title %s, which would break a JSON or YAML file", (title) => {
    expect(() => vendorNames("acme", title)).toThrow(`"${title}" is not a usable title`);
  });

  it("takes the titles the registry has", () => {
    for (const title of ["CX (cx.com)", "Wootric CXI", "Survey Dynamix", "O'Reilly & Sons +1/2 Ltd."]) expect(vendorNames("acme", title).title).toBe(title);
  });
});

describe("namesClashing", () => {
  it("names the templates that use the client's variable name as a word, and none for a name they do not use", () => {
    const templates: [string, string][] = [
      ["a.ts", "const { data, error } = await __CAMEL__.GET();"],
      ["b.ts", "const metadata = 1; const __CAMEL__ = createClient();"],
    ];
    expect(namesClashing(vendorNames("data"), templates)).toEqual(["a.ts"]);
    expect(namesClashing(vendorNames("create-client"), templates)).toEqual(["b.ts"]);
    expect(namesClashing(vendorNames("meta"), templates)).toEqual([]);
  });

  it("reads only code: a TypeScript file, or a Markdown file's fenced code blocks, not prose, a spec or a package.json", () => {
    const templates: [string, string][] = [
      ["README.md", "List the tags and responses.\n\n```ts\nconst { data } = await __CAMEL__.GET();\n```\n"],
      ["openapi.yaml", "tags:\n  - name: responses\n"],
      ["package.json", '{ "keywords": ["tags"] }'],
    ];
    expect(namesClashing(vendorNames("tags"), templates)).toEqual([]);
    expect(namesClashing(vendorNames("responses"), templates)).toEqual([]);
    expect(namesClashing(vendorNames("data"), templates)).toEqual(["README.md"]);
  });

  // A template added later that is neither TypeScript nor Markdown may be code: read whole unless it is JSON or YAML.
  it("reads a JavaScript template whole and a Markdown block fenced with ~~~ as code", () => {
    const templates: [string, string][] = [
      ["test/run.mjs", "const { data } = await __CAMEL__.GET();\n"],
      ["docs/usage.md", "Usage:\n\n~~~js\nconst { data } = await __CAMEL__.GET();\n~~~\n"],
    ];
    expect(namesClashing(vendorNames("data"), templates)).toEqual(["test/run.mjs", "docs/usage.md"]);
  });

  it("takes names that only the templates' prose and spec use, and still refuses the ones their code uses", () => {
    const templates = readTemplates();
    for (const name of ["tags", "responses", "feedback"]) expect(namesClashing(vendorNames(name), templates), name).toEqual([]);
    for (const name of ["data", "error", "response"]) expect(namesClashing(vendorNames(name), templates), name).not.toEqual([]);
  });

  // `const data = createClient(...); const { data } = await data.GET(...)` redeclares data in the unit test.
  it.each(["data", "error", "create-client", "status"])("makes pnpm new-vendor %s fail before it writes anything", async (name) => {
    const root = emptyRepo();
    await expect(scaffoldVendor(root, name)).rejects.toThrow(`"${name}" is not a usable vendor name: the client's variable would be`);
    expect(readdirSync(root).sort()).toEqual(["README.md", "pnpm-workspace.yaml", "redocly.yaml"]);
  });
});
