import { isObject, type Json, type JsonObject } from "./spec.ts";

/** The specs' provenance marks, in the order a reader sees them, with the words shown for each. */
const MARKS = [
  ["x-confidence", "Confidence"],
  ["x-source", "Source"],
  ["x-guess", "Guess"],
] as const;

// Values a spec gives as data, not as parts of the API: provenance marks inside them are not read.
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);
// Maps whose keys are names (a property called `default`, the `default` response), not keywords.
const NAME_MAPS = new Set(["properties", "patternProperties", "responses", "paths", "webhooks", "schemas", "parameters", "requestBodies", "headers", "securitySchemes", "content"]);

// Markdown, which Redoc renders with its HTML: a `<id>` (the vendor docs' name of a path segment) would be an element,
// and hidden. Escaped as `\<`, but in a code span, which shows its text as written.
function text(value: Json): string {
  return (typeof value === "string" ? value : JSON.stringify(value)).trim().replace(/(`+)[^]*?\1|</g, (match) => (match == "<" ? "\\<" : match));
}

/**
 * Writes every `x-confidence`, `x-source` and `x-guess` into the description of the part that carries it (an
 * operation, parameter, request body, response, schema, property, server or security scheme), since Redoc shows no
 * vendor extension there: a reader sees what a fact rests on and which ones are guessed. Changes `document` in place.
 *
 * @example
 * showProvenance(document); // a GET marked `x-confidence: inferred` now ends its description with "**Confidence:** inferred"
 */
export function showProvenance(document: JsonObject): void {
  const visit = (node: Json, names = false): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item));
    if (!isObject(node)) return;
    const lines = MARKS.flatMap(([key, label]) => (node[key] === undefined ? [] : [`**${label}:** ${text(node[key])}`]));
    if (lines.length > 0) {
      const description = typeof node.description === "string" && node.description.trim() !== "" ? `${node.description.trimEnd()}\n\n` : "";
      node.description = `${description}${lines.join("\\\n")}`;
    }
    for (const [key, value] of Object.entries(node)) {
      if (names || (!DATA_KEYS.has(key) && !key.startsWith("x-"))) visit(value, !names && NAME_MAPS.has(key));
    }
  };
  visit(document);
}
