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
  it("writes booleans as 1 and 0 and leaves strings alone, even the string 'true'", () => {
    expect(serializeForm({ _force_new: false, response: "true" })).toBe("_force_new=0&response=true");
  });

  it("sends a ready-made body as it is", () => {
    expect(serializeForm("response=Yes")).toBe("response=Yes");
  });
});
