// The contract suite is only worth something if Prism really rejects requests that break the spec: these send such
// requests on purpose (past the client's own checks, straight through the recorder) and expect Prism to say so.
import { usePrism } from "@apis/prism";
import { describe, expect, it } from "vitest";

const BASIC = `Basic ${Buffer.from("0f8fad5b-d9cb-469f-a165-70867728950e:8c1d9e2f4a6b").toString("base64")}`;
const prism = usePrism("survey-dynamix");

async function send(path: string, init: RequestInit = {}) {
  const recorder = prism.recorder();
  const response = await recorder.fetch(`${prism.url}${path}`, { ...init, headers: { authorization: BASIC, ...(init.headers as Record<string, string>) } });
  return { response, violations: recorder.violations() };
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("Prism, given requests that break the spec", () => {
  it.each([
    ["_limit above the vendor's 1000", "/surveys?_limit=1001"],
    ["an _order other than ASC or DESC", "/surveys?_order=NEWEST"],
    ["a list of interactions whose survey_id is not a number", "/interactions?survey_id=fifty-two"],
    ["a boolean filter spelt yes", "/interactions?survey_id=52&started=yes"],
    ["a question label over 30 characters", `/questions?question_label=${"x".repeat(31)}`],
    ["a survey ID that is not a number", "/surveys/fifty-two"],
  ])("rejects %s", async (_case, path) => {
    const { response, violations } = await send(path);
    // Prism answers an invalid request with the operation's own 400 (its example body) and lists the violation.
    expect(response.status).toBe(400);
    expect(violations).toHaveLength(1);
  });

  it.each([
    ["an interaction without its survey_id", "/interactions", { survey_type: "web" }],
    ["a phone number that is not in international format", "/interactions", { survey_id: "52", survey_type: "sms", phone_number: "0499 999 999" }],
    ["an answer without its response field", "/interactions/891234/submit_response", { answer: "Yes" }],
  ])("rejects %s", async (_case, path, fields) => {
    const { response, violations } = await send(path, form(fields));
    expect(response.status).toBe(400);
    expect(violations).toHaveLength(1);
  });

  it("rejects an API call without credentials", async () => {
    const recorder = prism.recorder();
    const response = await recorder.fetch(`${prism.url}/surveys`);
    expect(response.status).toBe(401);
    expect(recorder.violations()).toHaveLength(1);
  });
});
