// What unwrapWebhook returns for every signed fixture validates against the spec's own event schemas
// (components.schemas.ResponseEvent / DeclineEvent in specs/wootric/openapi.yaml), so the typing is the spec's.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { unwrapWebhook } from "../src/index.ts";

const fixtures = join(import.meta.dirname, "fixtures", "webhooks");
const spec = parse(readFileSync(join(import.meta.dirname, "../../../specs/wootric/openapi.yaml"), "utf8")) as Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ ...spec, $id: "wootric" });
const signatures = readFileSync(join(fixtures, "signatures.txt"), "utf8")
  .trim()
  .split("\n")
  .map((line) => line.split(" ") as [string, string]);

describe("unwrapped events against the spec's schemas", () => {
  it.each(signatures)("%s validates against its event schema", async (name, signature) => {
    const { type, ...payload } = await unwrapWebhook(readFileSync(join(fixtures, name)), { "x-wootric-signature": signature }, "09dfb1b73af998743fb011f8bfda8912");
    const schema = type.startsWith("response.") ? "ResponseEvent" : "DeclineEvent";
    const validate = ajv.getSchema(`wootric#/components/schemas/${schema}`)!;
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
  });

  it("validates a JSON event whose optional fields came as null, read as left out", async () => {
    const secret = "09dfb1b73af998743fb011f8bfda8912";
    const sample = JSON.parse(readFileSync(join(fixtures, "response-created.json"), "utf8")) as { response: object };
    const body = JSON.stringify({ ...sample, response: { ...sample.response, ip_address: null, origin_url: null, end_user_properties: null, updated_at: null }, survey_mode: null });
    const signature = `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
    const { type, ...payload } = await unwrapWebhook(body, { "x-wootric-signature": signature }, secret);
    expect(type).toBe("response.created");
    const validate = ajv.getSchema("wootric#/components/schemas/ResponseEvent")!;
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
  });

  it("would catch a value left as the form's string", () => {
    const validate = ajv.getSchema("wootric#/components/schemas/ResponseEvent")!;
    const untyped = { event_name: "created", timestamp: "t", account_token: "NPS-1", response: { id: "1128", score: "7", end_user_id: 30, survey_id: 1146 } };
    expect(validate(untyped)).toBe(false);
  });
});
