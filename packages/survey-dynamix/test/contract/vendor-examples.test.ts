// The vendor's own examples (transcribed in vendor-doc-examples.ts) must agree with the spec: every JSON example
// validates against the schema the spec declares for it, and every request example is accepted by a Prism mock of
// the spec. The spec may not contradict what the vendor shows.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createContractRecorder, operationMatcher, readSpec, registeredApi, specOperations, startPrism, type PrismServer } from "@apis/prism";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOC_JSON, DOC_REQUESTS } from "./vendor-doc-examples.js";

const specPath = registeredApi("survey-dynamix").root;
const spec = readSpec(specPath) as { paths: Record<string, Record<string, unknown>> };
const API_BASE = "https://surveydynamix.com/api";
const BASIC = `Basic ${Buffer.from("CustomerUUID:AuthToken").toString("base64")}`;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(spec, "spec");

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** A validator for `METHOD /path status` (the response's JSON schema) or a `#/components/schemas/...` pointer. */
function validatorFor(validates: string) {
  if (validates.startsWith("#/")) return ajv.compile({ $ref: `spec${validates}` });
  const [method, path, status] = validates.split(" ") as [string, string, string];
  const operation = spec.paths[path]?.[method.toLowerCase()] as { responses?: Record<string, { $ref?: string }> } | undefined;
  const response = operation?.responses?.[status];
  if (!response) throw new Error(`The spec has no ${validates}`);
  const pointer = response.$ref ?? `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}`;
  return ajv.compile({ $ref: `spec${pointer}/content/application~1json/schema` });
}

describe("the vendor doc's JSON examples", () => {
  it("are all here: one per resource, the update's JSON and the three survey-progress examples", () => {
    expect(DOC_JSON).toHaveLength(11);
  });

  it.each(DOC_JSON.map((example) => [example.section, example] as const))("validate: %s", (_section, example) => {
    const validate = validatorFor(example.validates);
    const valid = validate(example.json);
    expect(valid ? [] : validate.errors, example.validates).toEqual([]);
  });
});

describe("the vendor doc's request examples", () => {
  let prism: PrismServer;

  beforeAll(async () => {
    prism = await startPrism(specPath);
  });
  afterAll(async () => {
    await prism?.stop();
  });

  it("cover every operation of the API, one example each (the token exchange has none)", () => {
    const operations = specOperations(specPath);
    const match = operationMatcher(operations);
    const exemplified = DOC_REQUESTS.map((request) => match(request.method, new URL(request.url).pathname.slice("/api".length))?.key);
    expect(new Set(exemplified).size).toBe(DOC_REQUESTS.length);
    expect(operations.map((operation) => operation.key).filter((key) => !exemplified.includes(key))).toEqual(["POST /oauth/token"]);
  });

  it.each(DOC_REQUESTS.map((request) => [`${request.method} ${request.url.slice(API_BASE.length)}`, request] as const))(
    "is accepted by the spec: %s",
    async (_name, request) => {
      const recorder = createContractRecorder(specPath);
      // Prism's mock serves the spec's paths without the server's /api base.
      const response = await recorder.fetch(`${prism.url}${request.url.slice(API_BASE.length)}`, {
        method: request.method,
        headers: { authorization: BASIC, ...(request.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
        ...(request.form ? { body: new URLSearchParams(request.form).toString() } : {}),
      });
      expect(recorder.violations(), prism.log()).toEqual([]);
      expect(response.ok).toBe(true);
      expect(recorder.exchanges[0]?.operation).toBeDefined();
    },
  );
});

describe("the spec's citations of the vendor doc", () => {
  // x-source and x-guess name the doc's sections as SDXSLATE _file.md 'Heading' (and SEED-SDX 'Heading' for the
  // introduction): a reader looks each up by those words, so each must be a heading of that page as it is (ones cited
  // as 'Add New Interaction Data' or 'Get Responses List for Interaction', which the page calls 'Set Interaction Data'
  // and 'Get Responses List By Interaction', could not be found).
  const sources = join(dirname(specPath), "sources");
  const text = readFileSync(specPath, "utf8");
  const cited = [
    ...[...text.matchAll(/SDXSLATE (_\w+\.md) '([^'\n]+)'/g)].map((match) => [join("slate-includes", match[1]!), match[2]!] as const),
    ...[...text.matchAll(/SEED-SDX '([^'\n]+)'/g)].map((match) => ["survey-dynamix-api-intro.md", match[1]!] as const),
  ];
  const headings = (page: string) => readFileSync(join(sources, page), "utf8").split("\n").filter((line) => /^#+ /.test(line)).map((line) => line.replace(/^#+ /, "").trim());

  it("are there to check: every operation cites its section", () => {
    expect(cited.length).toBeGreaterThanOrEqual(30);
  });

  it.each([...new Set(cited.map(([page, heading]) => `${page} '${heading}'`))].map((key) => [key, cited.find(([page, heading]) => `${page} '${heading}'` === key)!] as const))(
    "name a heading of the page: %s",
    (_key, [page, heading]) => {
      expect(headings(page)).toContain(heading);
    },
  );
});
