// The specs' provenance marks (x-confidence, x-source, x-guess) reach the reader: Redoc shows no vendor extension on an
// operation, response or parameter, so the built site writes them into the descriptions it does show.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { documentedApis } from "../src/build.ts";
import { showProvenance } from "../src/provenance.ts";
import { operationsOf, type JsonObject } from "../src/spec.ts";

const dist = fileURLToPath(new URL("../dist", import.meta.url));

describe("showProvenance", () => {
  it("ends a marked part's description with its confidence, source and guess, and gives one to a part without", () => {
    const document = {
      paths: {
        "/files": {
          get: {
            description: "Lists files.\n",
            "x-source": "SEED-CX 'API Requests'",
            "x-confidence": "inferred",
            "x-guess": "The method is inferred.",
            responses: { "404": { "x-guess": "Never seen." }, default: { description: "Any other.", "x-guess": "A catch-all." } },
          },
        },
      },
      components: { schemas: { File: { properties: { size: { type: "integer", "x-guess": { unit: "bytes" } }, default: { type: "boolean", "x-confidence": "guess" } } } } },
    } as JsonObject;
    showProvenance(document);
    const get = (document.paths as any)["/files"].get;
    expect(get.description).toBe("Lists files.\n\n**Confidence:** inferred\\\n**Source:** SEED-CX 'API Requests'\\\n**Guess:** The method is inferred.");
    expect(get.responses["404"].description).toBe("**Guess:** Never seen.");
    // Named `default`, as a response and as a property: parts of the API, not a schema's default value.
    expect(get.responses.default.description).toBe("Any other.\n\n**Guess:** A catch-all.");
    const properties = (document.components as any).schemas.File.properties;
    expect(properties.size.description).toBe('**Guess:** {"unit":"bytes"}');
    expect(properties.default.description).toBe("**Confidence:** guess");
  });

  // Redoc renders descriptions as Markdown with their HTML: `<id>` was an unknown element, and the reader saw
  // "the docs name this segment  (GET)".
  it("escapes what Markdown would read as an HTML tag, but in a code span", () => {
    const document = { paths: { "/a/{id}": { get: { "x-guess": "The docs name it <id> (GET) and <END_USER_ID>; `a<b>` is code, ``c<d`e`` too." } } } } as JsonObject;
    showProvenance(document);
    expect((document.paths as any)["/a/{id}"].get.description).toBe("**Guess:** The docs name it \\<id> (GET) and \\<END_USER_ID>; `a<b>` is code, ``c<d`e`` too.");
  });

  it("leaves what a spec gives as data alone: an example holding a key named x-guess is an example", () => {
    const example = { "x-guess": "a field of the vendor's answer" };
    const document = { components: { schemas: { Thing: { type: "object", example } } } } as JsonObject;
    showProvenance(document);
    expect(example).toEqual({ "x-guess": "a field of the vendor's answer" });
    expect(Object.keys(example)).toEqual(["x-guess"]);
  });
});

describe("the built site", () => {
  it.each(documentedApis().map(({ api }) => api.name))("shows every operation's confidence and source of %s in its description", (name) => {
    const document = JSON.parse(readFileSync(`${dist}/${name}/openapi.json`, "utf8")) as JsonObject;
    const unshown = operationsOf(document).filter(({ operation }) => {
      const description = String(operation.description ?? "");
      return !description.includes(`**Confidence:** ${String(operation["x-confidence"])}`) || !description.includes(`**Source:** ${String(operation["x-source"]).trim().replaceAll("<", "\\<")}`);
    });
    expect(unshown.map((operation) => operation.operationId)).toEqual([]);
    expect(operationsOf(document).length).toBeGreaterThan(0);
  });
});
