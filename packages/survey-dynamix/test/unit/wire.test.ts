import { fileURLToPath } from "node:url";
import { loadSpecDocument } from "@apis/codegen";
import { describe, expect, it } from "vitest";
import { checkListQuery, InputError } from "../../src/index.js";
import { queryNames } from "../../src/generated/operations.js";
import { serializeForm, serializeQuery } from "../../src/wire.js";
import { thrownBy } from "@apis/faults/observed-fetch";
import { checkQueryNames } from "@apis/runtime";

/** The type (or types) of every query parameter of the spec, declared in components or in place, by name. */
function queryTypes(): Record<string, unknown> {
  const spec = loadSpecDocument(fileURLToPath(new URL("../../../../specs/survey-dynamix/openapi.yaml", import.meta.url)));
  const types: Record<string, unknown> = {};
  // The spec is one file, so its $refs are all local.
  const walk = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    const { in: where, name, schema } = value as Record<string, unknown>;
    if (where === "query") {
      // A type, or the types of an anyOf (Flag: a boolean, or 0 or 1).
      const { type, anyOf } = spec.deref({ value: schema, file: spec.root.file }).value as { type?: unknown; anyOf?: { type?: unknown }[] };
      types[String(name)] = type ?? anyOf?.map((each) => each.type);
    }
    Object.values(value).forEach(walk);
  };
  walk(spec.root.value);
  return types;
}

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

  // The vendor's PHP reads any text but "" and "0" as true: started: "false" listed the started interactions.
  it("refuses text for each of the spec's boolean query parameters, and for no other parameter", () => {
    const types = queryTypes();
    const booleans = Object.keys(types).filter((name) => [types[name]].flat().includes("boolean"));
    expect(booleans).toEqual(expect.arrayContaining(["started", "completed", "survey_ended", "_include_responses", "_include_data"]));
    for (const name of booleans) {
      for (const text of ["false", "true", "0", ""]) {
        const error = thrownBy(() => serializeQuery({ survey_id: 52, [name]: text }));
        expect(error).toBeInstanceOf(InputError);
        expect(error).toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} must be true or false, got ${text === "" ? "an empty string" : "a string"}` });
      }
      // The spec's Flag takes 1 and 0 beside the booleans, and no other number: PHP reads 0.5 or 2 as true.
      for (const number of [0.5, 2, -1]) {
        expect(thrownBy(() => serializeQuery({ [name]: number }))).toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} must be true or false, got a number` });
      }
      expect(serializeQuery({ [name]: false })).toBe(`${name}=0`);
      expect(serializeQuery({ [name]: 1 })).toBe(`${name}=1`);
      expect(serializeQuery({ [name]: 0 })).toBe(`${name}=0`);
    }
    for (const name of Object.keys(types).filter((other) => !booleans.includes(other))) {
      expect(serializeQuery({ [name]: "false" })).toBe(`${name}=false`);
    }
  });

  // 52.5 or 1e21 (written "1e+21") went out as they were, and the vendor most likely answered an empty list. Refused
  // before serializeQuery runs, by the runtime's checkQueryNames (through checkListQuery, every GET's check), for the
  // names codegen lists as integers: this pins that list to the spec.
  it("refuses a number that is no whole one, or 2^53 or more, for each of the spec's integer query parameters, and for no other parameter", () => {
    const types = queryTypes();
    const integers = Object.keys(types).filter((name) => types[name] === "integer");
    expect(integers).toEqual(expect.arrayContaining(["survey_id", "interaction_id", "question_id", "_offset", "_limit"]));
    expect(queryNames.split(" # ")[0]!.split(" ").sort()).toEqual([...integers].sort());
    for (const name of integers) {
      for (const value of [52.5, 1e21, -0.5, 2 ** 53]) {
        const error = thrownBy(() => checkListQuery("/interactions", { [name]: value }));
        expect(error).toBeInstanceOf(InputError);
        // _limit and _offset name the vendor's bounds (checkNumber's, before the names' check).
        const bounds = ({ _limit: " from 1 to 1000", _offset: " from 0 to 9007199254740991" } as Record<string, string>)[name] ?? "";
        expect(error).toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} must be an integer${bounds}, got ${value}` });
      }
      expect(() => checkListQuery("/interactions", { [name]: 52 })).not.toThrow();
      expect(serializeQuery({ [name]: 52 })).toBe(`${name}=52`);
    }
    expect(() => checkListQuery("/interactions", { survey_id: 2 ** 53 - 1 })).not.toThrow();
    // The flags (a boolean, or 1 or 0) refuse 1.5 as no flag: the test above.
    for (const name of Object.keys(types).filter((other) => !integers.includes(other) && ![types[other]].flat().includes("boolean"))) {
      expect(() => checkQueryNames({ [name]: 1.5 }, queryNames.split(" "), "Survey Dynamix")).not.toThrow();
      expect(serializeQuery({ [name]: 1.5 })).toBe(`${name}=1.5`);
    }
  });

  // What makes refusing every list right: were a parameter declared as one, serializeQuery would have to write it.
  it("finds no query parameter in the spec that takes a list", () => {
    const types = queryTypes();
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
