// Every known CMIX example (./known-examples.ts: captured responses and the requests Dynata's client sends) must
// validate against the schema its service's spec declares for it: the specs may not contradict the evidence.
import { readSpec, registeredApi } from "@apis/prism";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { hasErrorKey } from "../../src/index.js";
import { KNOWN_EXAMPLES, type KnownExample } from "./known-examples.js";

type Operation = {
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
};
type Spec = { paths: Record<string, Record<string, Operation>> };

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const specs = new Map<string, Spec>();
for (const api of new Set(KNOWN_EXAMPLES.map((example) => example.api))) {
  const spec = readSpec(registeredApi(api).root) as Spec;
  specs.set(api, spec);
  ajv.addSchema(spec as object, api);
}

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

function validatorFor(example: KnownExample): ValidateFunction {
  const spec = specs.get(example.api)!;
  const operation = spec.paths[example.path]?.[example.method];
  if (!operation) throw new Error(`${example.api} has no ${example.method.toUpperCase()} ${example.path}`);
  if (example.partial) return ajv.getSchema(`${example.api}#/components/schemas/${example.partial}`)!;
  const media = escape(example.mediaType ?? "application/json");
  if (example.part === "request") {
    if (!operation.requestBody) throw new Error(`${example.method.toUpperCase()} ${example.path} takes no body`);
    return ajv.compile({ $ref: `${example.api}#/paths/${escape(example.path)}/${example.method}/requestBody/content/${media}/schema` });
  }
  const response = operation.responses[example.status!];
  if (!response) throw new Error(`${example.method.toUpperCase()} ${example.path} declares no ${example.status}`);
  const base = response.$ref ?? `#/paths/${escape(example.path)}/${example.method}/responses/${example.status}`;
  return ajv.compile({ $ref: `${example.api}${base}/content/${media}/schema` });
}

describe("the known CMIX examples", () => {
  it("cover every service, requests and responses", () => {
    expect(new Set(KNOWN_EXAMPLES.map((example) => example.api))).toEqual(new Set(["cmix-auth", "cmix-survey", "cmix-reporting", "cmix-file-processing"]));
    expect(new Set(KNOWN_EXAMPLES.map((example) => example.part))).toEqual(new Set(["request", "response"]));
  });

  it.each(KNOWN_EXAMPLES.map((example) => [`${example.api} ${example.method.toUpperCase()} ${example.path} ${example.part}${example.status ? ` ${example.status}` : ""} (${example.source})`, example] as const))(
    "validates %s",
    (_name, example) => {
      const validate = validatorFor(example);
      const valid = validate(example.value);
      // A partial mock shows some keys only: those must fit, the missing ones may not be held against it.
      const errors = (validate.errors ?? []).filter((error) => !(example.partial && error.keyword === "required"));
      expect(valid || errors.length === 0 ? [] : errors).toEqual([]);
    },
  );

  it("read Dynata's 200-with-an-error example as an error, and its captured archives as data", () => {
    const errorInBody = KNOWN_EXAMPLES.find((example) => example.source.includes("errors_handled"))!;
    expect(hasErrorKey(errorInBody.value)).toBe(true);
    const archive = KNOWN_EXAMPLES.find((example) => example.partial === "Archive")!;
    expect(hasErrorKey(archive.value)).toBe(false);
  });
});
