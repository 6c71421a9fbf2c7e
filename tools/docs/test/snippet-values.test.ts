// The values a snippet's call is built from, on small documents: where the builder must not take the spec's example
// as it is (test/snippets-run.test.ts runs every real snippet against the mocks).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentedApis } from "../src/build.ts";
import { operationSnippet, type ClientDocs } from "../src/snippets.ts";
import { operationsOf, type JsonObject } from "../src/spec.ts";

const docs: ClientDocs = { title: "Files", package: "@apis/files", setup: "const files = createClient({});", client: "files" };

function snippet(document: JsonObject, options: Partial<ClientDocs> = {}): string {
  const [operation] = operationsOf(document);
  return operationSnippet(document, operation!, { ...docs, ...options });
}

const filePath = {
  name: "filePath",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^self:(/[^/]+)+$" },
  example: "self:/photos/2353.jpg",
} as const;

describe("a snippet's parameter values", () => {
  const document: JsonObject = { openapi: "3.1.0", paths: { "/files/{filePath}": { get: { operationId: "getFile", parameters: [filePath] } } } };

  it("are the spec's examples when the registry names no other value", () => {
    expect(snippet(document)).toContain('filePath: "self:/photos/2353.jpg",');
  });

  it("are the registry's x-docs.values where it names the form the client takes", () => {
    const shown = snippet(document, { values: { filePath: "self:%2Fphotos%2F2353.jpg" } });
    expect(shown).toContain('filePath: "self:%2Fphotos%2F2353.jpg",');
    expect(shown).not.toContain("self:/photos");
  });

  it("are the spec's examples for a parameter the registry's values do not list, though an object's inherited key names it", () => {
    const named = (name: string): JsonObject => ({
      openapi: "3.1.0",
      paths: { "/files": { get: { operationId: "listFiles", parameters: [{ name, in: "query", required: true, schema: { type: "string" }, example: "abc" }] } } },
    });
    for (const name of ["toString", "constructor", "valueOf", "hasOwnProperty"]) {
      expect(snippet(named(name), { values: { filePath: "self:%2Fphotos%2F2353.jpg" } }), name).toContain(`${name}: "abc",`);
    }
  });
});

/** A scratch repository whose registry has one API, "files", with `lines` added to its x-docs. */
function registry(lines: string): string {
  const root = mkdtempSync(join(tmpdir(), "apis-docs-registry-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
  writeFileSync(
    join(root, "redocly.yaml"),
    `apis:\n  files:\n    root: openapi.yaml\n    x-docs:\n      title: Files\n      package: "@apis/files"\n      setup: "const files = createClient({});"\n      client: files\n${lines}`,
  );
  return root;
}

describe("the registry's x-docs.values", () => {

  it("are read as a map of parameter names to values", () => {
    const root = registry('      values:\n        filePath: "self:%2Fphotos"\n');
    try {
      expect(documentedApis(root)[0]?.docs).toMatchObject({ values: { filePath: "self:%2Fphotos" } });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("refuse anything but a map, naming the API", () => {
    const root = registry('      values: "self:%2Fphotos"\n');
    try {
      expect(() => documentedApis(root)).toThrow('API "files": x-docs.values must map parameter names');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("the registry's x-docs.mockHosts", () => {

  it("are read as host option names mapped to API names (a path may follow), nested maps included", () => {
    const root = registry("      mockHosts: { baseUrl: files, tokenUrl: files/oauth/token, baseUrls: { auth: files } }\n");
    try {
      expect(documentedApis(root)[0]?.docs).toMatchObject({ mockHosts: { baseUrl: "files", tokenUrl: "files/oauth/token", baseUrls: { auth: "files" } } });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each(['"files"', "{ baseUrl: 4710 }", '{ baseUrl: "" }', "{ baseUrls: { auth: [files] } }"])("refuse %s, naming the API", (value) => {
    const root = registry(`      mockHosts: ${value}\n`);
    try {
      expect(() => documentedApis(root)).toThrow('API "files": x-docs.mockHosts must map host option names to API names');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("a snippet's file upload", () => {
  const upload = (encoding?: JsonObject): JsonObject => ({
    openapi: "3.1.0",
    paths: {
      "/data": {
        post: {
          operationId: "upload",
          requestBody: {
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file", "file_content_type"],
                  properties: { file: { type: "string", format: "binary" }, file_content_type: { type: "string" }, note: { type: "string" } },
                },
                ...(encoding ? { encoding } : {}),
                example: { file: "<the file's bytes>", file_content_type: "image/jpeg", note: "not required" },
              },
            },
          },
        },
      },
    },
  });

  it("takes its other required fields from the media example, not a made-up string", () => {
    const shown = snippet(upload());
    expect(shown).toContain('file_content_type: "image/jpeg",');
    expect(shown).not.toContain('"string"');
    expect(shown).not.toContain("note");
    expect(shown).not.toContain("<the file's bytes>");
  });

  it("takes a required field the media example lacks from its schema, though an object's inherited key names it", () => {
    const document = upload();
    const media = (((document.paths as JsonObject)["/data"] as JsonObject).post as { requestBody: { content: Record<string, { schema: { required: string[]; properties: JsonObject } }> } }).requestBody.content["multipart/form-data"]!;
    media.schema.required.push("constructor");
    Object.assign(media.schema.properties, { constructor: { type: "string", example: "from the schema" } });
    expect(snippet(document)).toContain('constructor: "from the schema",');
  });

  it("shows a body that is the file itself as a Blob of the body's media type, where its schema names none", () => {
    const raw: JsonObject = {
      openapi: "3.1.0",
      paths: { "/imports": { post: { operationId: "importCsv", requestBody: { content: { "text/csv": { schema: { type: "string", format: "binary" } } } } } } },
    };
    expect(snippet(raw)).toContain('body: new Blob(["…file content…"], { type: "text/csv" })');
  });

  it("shows the file as a Blob of the part's media type: the encoding's, else the schema's contentMediaType", () => {
    expect(snippet(upload({ file: { contentType: "image/jpeg" } }))).toContain('file: new Blob(["…file content…"], { type: "image/jpeg" }),');
    const csv = upload();
    const media = (((csv.paths as JsonObject)["/data"] as JsonObject).post as { requestBody: { content: Record<string, { schema: { properties: { file: JsonObject } } }> } }).requestBody.content["multipart/form-data"]!;
    media.schema.properties.file.contentMediaType = "text/csv";
    expect(snippet(csv)).toContain('file: new Blob(["…file content…"], { type: "text/csv" }),');
    expect(snippet(upload())).toContain('file: new Blob(["…file content…"], { type: "application/octet-stream" }),');
  });
});
