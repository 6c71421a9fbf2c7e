import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { deref as derefIn, isNode, type Node } from "@apis/spec";
import { readSpec } from "./operations.ts";

/** What a response body was checked for: schema errors, and fields the spec does not declare. */
export interface BodyCheck {
  /** Where and how the body breaks the schema, e.g. `0.id: must be integer`. */
  errors: string[];
  /** Fields the vendor sent that the spec does not declare (allowed, but drift worth knowing), e.g. `0.extra_field`. */
  extras: string[];
}

/**
 * Checks response bodies against a spec's response schemas (JSON Schema 2020-12 via Ajv), and lists undeclared fields.
 *
 * @example
 * const check = responseChecker(spec);
 * check("GET", "/v1/tags", "200", body) // { errors: [], extras: ["0.legacy_flag"] }
 */
export function responseChecker(spec: string): (method: string, path: string, status: string, body: unknown) => BodyCheck | undefined {
  const document = readSpec(spec) as Node;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document, "spec");

  const deref = (value: unknown): unknown => derefIn(document, value);

  /** The pointer of the JSON schema of a response, following a `$ref`'d response object. */
  const schemaPointer = (method: string, path: string, status: string): string | undefined => {
    const operation = deref((deref((document.paths as Node | undefined)?.[path]) as Node | undefined)?.[method.toLowerCase()]) as Node | undefined;
    const responses = operation?.responses as Node | undefined;
    const key = responses && (status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : "default" in responses ? "default" : undefined);
    if (!responses || !key) return undefined;
    const raw = responses[key] as Node;
    const response = deref(raw) as Node | undefined;
    const content = response?.content as Node | undefined;
    const media = content && Object.keys(content).find((type) => type.includes("json"));
    if (!media) return undefined;
    const escape = (part: string) => part.replace(/~/g, "~0").replace(/\//g, "~1");
    const base = typeof raw.$ref === "string" ? raw.$ref : `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${key}`;
    return `${base}/content/${escape(media)}/schema`;
  };

  const extrasOf = (schemaValue: unknown, value: unknown, at: string, depth: number, found: string[]): void => {
    const schema = deref(schemaValue);
    if (!isNode(schema) || depth > 16) return;
    const members = ["allOf", "anyOf", "oneOf"].flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [])).map(deref).filter(isNode);
    if (Array.isArray(value)) {
      value.forEach((item, index) => extrasOf(schema.items ?? members.find((member) => member.items)?.items, item, `${at}${index}.`, depth + 1, found));
      return;
    }
    if (!isNode(value)) return;
    const all = [schema, ...members];
    if (all.some((part) => part.additionalProperties !== undefined || part.patternProperties !== undefined)) return;
    const declared = new Map<string, unknown>();
    for (const part of all) for (const [name, sub] of Object.entries((part.properties as Node | undefined) ?? {})) declared.set(name, sub);
    if (declared.size === 0) return;
    for (const [name, item] of Object.entries(value)) {
      if (!declared.has(name)) found.push(`${at}${name}`);
      else extrasOf(declared.get(name), item, `${at}${name}.`, depth + 1, found);
    }
  };

  return (method, path, status, body) => {
    const pointer = schemaPointer(method, path, status);
    if (!pointer) return undefined;
    const validate = ajv.getSchema(`spec${pointer}`) ?? ajv.compile({ $ref: `spec${pointer}` });
    const errors = validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath.slice(1).replace(/\//g, ".") || "(body)"}: ${error.message ?? error.keyword}`);
    const extras: string[] = [];
    extrasOf({ $ref: pointer }, body, "", 0, extras);
    return { errors, extras: extras.map((field) => field.replace(/\.$/, "")) };
  };
}
