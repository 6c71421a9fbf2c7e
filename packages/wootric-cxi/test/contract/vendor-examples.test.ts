// Every JSON example in the vendor's own doc (specs/wootric-cxi/sources/wootric-cxi-api.txt) must validate against
// the schema the spec declares for that operation and status: the spec may not contradict what the vendor shows.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readSpec, registeredApi, responseChecker } from "@apis/prism";
import { describe, expect, it } from "vitest";

const specPath = registeredApi("wootric-cxi").root;
const spec = readSpec(specPath) as {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, unknown> }> }>>;
};
const doc = readFileSync(join(dirname(specPath), "sources", "wootric-cxi-api.txt"), "utf8").split("\n");

interface DocExample {
  line: number;
  method: string;
  path: string;
  status: string | undefined;
  json: unknown;
}

/** The JSON blocks of the doc (they start at column 0), each with the curl command and status line before it. */
function docExamples(): DocExample[] {
  const examples: DocExample[] = [];
  for (let start = 0; start < doc.length; start++) {
    if (!/^[[{]/.test(doc[start]!)) continue;
    let depth = 0;
    let end = start;
    for (; end < doc.length; end++) {
      for (const char of doc[end]!.replace(/"(?:[^"\\]|\\.)*"/g, '""')) depth += char === "{" || char === "[" ? 1 : char === "}" || char === "]" ? -1 : 0;
      if (depth === 0) break;
    }
    // The doc elides repeated items with "..." lines; drop them and the commas they leave dangling.
    const text = doc
      .slice(start, end + 1)
      .filter((line) => !line.trim().startsWith("..."))
      .join("\n")
      .replace(/,(\s*[\]}])/g, "$1");
    let curl = start;
    while (curl > 0 && !doc[curl]!.includes("curl ")) curl--;
    const command = doc.slice(curl, start).join(" ");
    const url = /(?:https:\/\/[a-z.-]+|\$AI_SERVER)(\/[^\s"?]+)/.exec(command)?.[1] ?? "";
    const method = /\s-X\s*([A-Z]+)\b/.exec(command)?.[1] ?? (/\s-F\s/.test(command) ? "POST" : "GET");
    examples.push({ line: start + 1, method, path: url, status: /HTTP\/1\.1 (\d{3})/.exec(command)?.[1], json: JSON.parse(text) });
    start = end;
  }
  return examples;
}

/** The spec operation a concrete doc URL calls (`/v1/tags/78` -> `/v1/tags/{id}`). */
function templateOf(path: string): string {
  const template = Object.keys(spec.paths).find((candidate) => new RegExp(`^${candidate.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
  if (!template) throw new Error(`The doc calls ${path}, which the spec does not have`);
  return template;
}

const check = responseChecker(specPath);

/** The status the doc's example stands for: the one it shows, else the operation's first 2xx with JSON content. */
function statusOf(example: DocExample, path: string): string {
  const operation = spec.paths[path]![example.method.toLowerCase()];
  if (!operation) throw new Error(`The spec has no ${example.method} ${path}`);
  const status = example.status ?? Object.keys(operation.responses).find((code) => code.startsWith("2") && operation.responses[code]!.content);
  if (!status) throw new Error(`${example.method} ${path} declares no JSON success response`);
  return status;
}

const examples = docExamples();

describe("the vendor doc's JSON examples", () => {
  it("are all found: 19 blocks, as the doc has", () => {
    expect(examples).toHaveLength(19);
  });

  it.each(examples.map((example) => [`line ${example.line}: ${example.method} ${example.path}`, example] as const))(
    "validates the example at %s against the spec",
    (_name, example) => {
      const path = templateOf(example.path);
      const status = statusOf(example, path);
      const result = check(example.method, path, status, example.json);
      expect(result, `${example.method} ${path} ${status} has no JSON schema`).toBeDefined();
      expect(result?.errors).toEqual([]);
    },
  );
});
