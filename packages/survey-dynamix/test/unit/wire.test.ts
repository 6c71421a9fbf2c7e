import { fileURLToPath } from "node:url";
import { loadSpecDocument } from "@apis/codegen";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/index.js";
import { serializeForm, serializeQuery } from "../../src/wire.js";
import { thrownBy } from "@apis/faults/observed-fetch";

describe("serializeQuery", () => {
  it("writes booleans as 1 and 0, keeps strings and numbers, and drops undefined and null", () => {
    expect(serializeQuery({ started: true, completed: false, survey_id: 52, email: "a+b@example.com", agent_id: undefined, call_type: null })).toBe(
      "started=1&completed=0&survey_id=52&email=a%2Bb%40example.com",
    );
  });

  it("refuses an object, which has no query spelling", () => {
    expect((thrownBy(() => serializeQuery({ survey_id: { id: 52 } })) as InputError).field).toBe("params.query.survey_id");
  });

  // The vendor's PHP keeps the last of a repeated name: survey_id=52&survey_id=53 lists survey 53 alone.
  it.each([[[52, 53]], [[52]], [[]]])("refuses a list (%j), which the vendor would read as its last value, naming the parameter", (list) => {
    const error = thrownBy(() => serializeQuery({ started: true, survey_id: list }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.query.survey_id", message: "params.query.survey_id takes one value, not a list: call once per value" });
  });

  // What makes refusing every list right: were a parameter declared as one, serializeQuery would have to write it.
  it("finds no query parameter in the spec that takes a list", () => {
    const spec = loadSpecDocument(fileURLToPath(new URL("../../../../specs/survey-dynamix/openapi.yaml", import.meta.url)));
    const types: Record<string, unknown> = {};
    // Every parameter, declared in components or in place; the spec is one file, so its $refs are all local.
    const walk = (value: unknown): void => {
      if (typeof value !== "object" || value === null) return;
      const { in: where, name, schema } = value as Record<string, unknown>;
      if (where === "query") types[String(name)] = (spec.deref({ value: schema, file: spec.root.file }).value as { type?: unknown }).type;
      Object.values(value).forEach(walk);
    };
    walk(spec.root.value);
    expect(Object.keys(types)).toEqual(expect.arrayContaining(["survey_id", "_order", "start_date", "_include_data"]));
    expect(Object.entries(types).filter(([, type]) => [type].flat().includes("array"))).toEqual([]);
  });
});

describe("serializeForm", () => {
  // The runtime's form encoding takes an object without a prototype as fields: its booleans must read 1 and 0 too.
  it("writes booleans as 1 and 0 in a body made with Object.create(null), nested too", () => {
    const body = Object.assign(Object.create(null) as Record<string, unknown>, { _force_new: true, data: Object.assign(Object.create(null) as object, { vip: false }) });
    expect(serializeForm(body)).toBe(`_force_new=1&${encodeURIComponent("data[vip]")}=0`);
  });

  // The booleans' pass walked the body before the runtime's encoding could refuse it: it overflowed the stack instead.
  it("refuses a body that refers back to itself, naming the field, as the runtime's form encoding does", () => {
    const body: Record<string, unknown> = { _force_new: true, data: { vip: false } };
    (body.data as Record<string, unknown>).owner = body;
    expect(() => serializeForm(body)).toThrow(/^Form field data\[owner\].* refers back to one of its parents$/);
  });

  it("writes booleans as 1 and 0 and leaves strings alone, even the string 'true'", () => {
    expect(serializeForm({ _force_new: false, response: "true" })).toBe("_force_new=0&response=true");
  });

  it("sends a ready-made body as it is", () => {
    expect(serializeForm("response=Yes")).toBe("response=Yes");
  });
});
