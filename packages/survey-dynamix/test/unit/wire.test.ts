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
