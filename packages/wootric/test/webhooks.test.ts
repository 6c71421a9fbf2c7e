// unwrapWebhook against the vendor's sample payloads, signed by OpenSSL (fixtures/webhooks/sign.sh), not by us.
import { createHmac } from "node:crypto";
import { runInNewContext } from "node:vm";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { parse } from "yaml";
import { InputError, unwrapWebhook, WebhookVerificationError, type WootricWebhookEvent } from "../src/index.ts";
import { DECLINE_FIELDS, EVENT_FIELDS, FIELD_TYPES, RESPONSE_FIELDS } from "../src/webhook-fields.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "webhooks");
const SECRET = "09dfb1b73af998743fb011f8bfda8912";
const SIGNATURES = Object.fromEntries(
  readFileSync(join(FIXTURES, "signatures.txt"), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(" ") as [string, string]),
);

function fixture(name: string): { text: string; bytes: Uint8Array; signature: string } {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
  const signature = SIGNATURES[name];
  if (!signature) throw new Error(`no signature for ${name} in signatures.txt: run sh sign.sh > signatures.txt`);
  return { text: new TextDecoder().decode(bytes), bytes, signature };
}

async function refusal(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("unwrapWebhook with the vendor's signed samples", () => {
  it("returns a typed response.created event from the signed form body as a string", async () => {
    const { text, signature } = fixture("response-created.form");
    const event = await unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET);
    expect(event).toEqual({
      type: "response.created",
      event_name: "created",
      timestamp: "2016-08-04 13:57:31 -0700",
      account_token: "NPS-xxxxxxxx",
      survey_mode: "NPS",
      response: {
        id: 1128,
        email: "nps@example.com",
        external_id: "123abc",
        score: 7,
        text: null,
        ip_address: "127.0.0.1",
        origin_url: "https://wootric.com/",
        end_user_id: 30,
        end_user_properties: { pricing_plan: "Enterprise", product_plan: "Web App" },
        survey_id: 1146,
        created_at: "2016-08-04 13:57:26 -0700",
        updated_at: "2016-08-04 13:57:26 -0700",
        excluded_from_calculations: false,
      },
    });
  });

  it("accepts the same body as a Uint8Array and as an ArrayBuffer", async () => {
    const { bytes, signature } = fixture("response-created.form");
    const headers = { "X-Wootric-Signature": signature };
    const fromBytes = await unwrapWebhook(bytes, headers, SECRET);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const fromBuffer = await unwrapWebhook(buffer, headers, SECRET);
    expect(fromBytes).toEqual(fromBuffer);
    expect(fromBytes.type).toBe("response.created");
  });

  it("returns response.updated with the new score and comment", async () => {
    const { text, signature } = fixture("response-updated.form");
    const event = await unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET);
    expect(event.type).toBe("response.updated");
    if (event.type !== "response.updated") return;
    expect(event.response.score).toBe(9);
    expect(event.response.text).toBe("Faster exports would help.");
  });

  it("returns a typed decline.created event", async () => {
    const { text, signature } = fixture("decline-created.form");
    const event = await unwrapWebhook(text, new Headers({ "X-Wootric-Signature": signature }), SECRET);
    expect(event.type).toBe("decline.created");
    if (event.type !== "decline.created") return;
    expect(event.decline).toMatchObject({ id: 19, end_user_id: 31, survey_id: 1147, email: "nps@example.com" });
    expect(event.decline.end_user_properties).toEqual({ pricing_plan: "Pro", product_plan: "Web App" });
  });

  it.each(["response-created.json", "decline-created.json"])("accepts the JSON format too (%s)", async (name) => {
    const { bytes, signature } = fixture(name);
    const event = await unwrapWebhook(bytes, { "x-wootric-signature": signature }, SECRET);
    expect(event.type).toBe(name.startsWith("response") ? "response.created" : "decline.created");
    if (event.type === "response.created") expect(event.response).toMatchObject({ id: 1128, score: 7, text: null, excluded_from_calculations: false });
  });

  it.each(["x-wootric-signature", "X-Wootric-Signature", "X-WOOTRIC-SIGNATURE", "x-Wootric-signature"])("reads the header named %s", async (name) => {
    const { text, signature } = fixture("decline-created.form");
    await expect(unwrapWebhook(text, { [name]: signature }, SECRET)).resolves.toMatchObject({ type: "decline.created" });
    await expect(unwrapWebhook(text, new Headers({ [name]: signature }), SECRET)).resolves.toMatchObject({ type: "decline.created" });
  });

  it("accepts an upper-case hex digest and a one-element header list (Node's http)", async () => {
    const { text, signature } = fixture("response-created.form");
    await expect(unwrapWebhook(text, { "x-wootric-signature": `sha1=${signature.slice(5).toUpperCase()}` }, SECRET)).resolves.toBeDefined();
    await expect(unwrapWebhook(text, { "x-wootric-signature": [signature] }, SECRET)).resolves.toBeDefined();
  });

  it("reads a signature with white space at its ends in a plain object, as the Headers class would trim it", async () => {
    const { text, signature } = fixture("response-created.form");
    await expect(unwrapWebhook(text, { "x-wootric-signature": ` ${signature}\t` }, SECRET)).resolves.toMatchObject({ type: "response.created" });
  });

  it("reads the signature under another spelling of its name when a plain object leaves one spelling undefined", async () => {
    const { text, signature } = fixture("response-created.form");
    const headers = { "X-Wootric-Signature": undefined, "x-wootric-signature": signature };
    await expect(unwrapWebhook(text, headers, SECRET)).resolves.toMatchObject({ type: "response.created" });
  });

  it("verifies with node:crypto's webcrypto where WebCrypto is not global (Node 18)", async () => {
    vi.stubGlobal("crypto", undefined);
    expect((globalThis as { crypto?: unknown }).crypto).toBeUndefined();
    const { text, signature } = fixture("response-created.form");
    await expect(unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET)).resolves.toMatchObject({ type: "response.created" });
  });
});

describe("unwrapWebhook refuses", () => {
  it("a tampered string body (score changed after signing)", async () => {
    const { text, signature } = fixture("response-created.form");
    const error = await refusal(unwrapWebhook(text.replace("response[score]=7", "response[score]=8"), { "x-wootric-signature": signature }, SECRET));
    expect(error.reason).toBe("signature-mismatch");
  });

  it("a tampered byte body (one bit flipped)", async () => {
    const { bytes, signature } = fixture("decline-created.form");
    const tampered = bytes.slice();
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect((await refusal(unwrapWebhook(tampered, { "x-wootric-signature": signature }, SECRET))).reason).toBe("signature-mismatch");
  });

  it("a body signed with another secret, without echoing the secret or either digest", async () => {
    const { text, signature } = fixture("response-created.form");
    const otherSecret = "0000000000000000000000000000beef";
    const error = await refusal(unwrapWebhook(text, { "x-wootric-signature": signature }, otherSecret));
    expect(error.reason).toBe("signature-mismatch");
    const expected = createHmac("sha1", otherSecret).update(text).digest("hex");
    for (const rendering of [error.message, String(error), JSON.stringify(error), error.stack ?? ""]) {
      expect(rendering).not.toContain(otherSecret);
      expect(rendering).not.toContain(SECRET);
      expect(rendering).not.toContain(signature.slice(5));
      expect(rendering).not.toContain(expected);
    }
  });

  it("a request without the signature header", async () => {
    const { text } = fixture("response-created.form");
    expect((await refusal(unwrapWebhook(text, { "content-type": "application/x-www-form-urlencoded" }, SECRET))).reason).toBe("missing-signature");
    expect((await refusal(unwrapWebhook(text, new Headers(), SECRET))).reason).toBe("missing-signature");
    expect((await refusal(unwrapWebhook(text, { "x-wootric-signature": undefined }, SECRET))).reason).toBe("missing-signature");
  });

  it.each([["bare hex", "f108d8e189a9cf5e57ed10db25fb3d2fe4d16b58"], ["sha256 prefix", "sha256=f108d8e189a9cf5e57ed10db25fb3d2fe4d16b58"], ["short digest", "sha1=f108d8e1"], ["empty", ""]])(
    "a malformed signature (%s)",
    async (_, header) => {
      const { text } = fixture("response-created.form");
      expect((await refusal(unwrapWebhook(text, { "x-wootric-signature": header }, SECRET))).reason).toBe("malformed-signature");
    },
  );

  it("a valid signature with text before or after it, as malformed", async () => {
    const { text, signature } = fixture("response-created.form");
    for (const header of [`${signature}00`, `x${signature}`]) {
      expect((await refusal(unwrapWebhook(text, { "x-wootric-signature": header }, SECRET))).reason).toBe("malformed-signature");
    }
  });

  it("two signature headers", async () => {
    const { text, signature } = fixture("response-created.form");
    expect((await refusal(unwrapWebhook(text, { "x-wootric-signature": [signature, signature] }, SECRET))).reason).toBe("malformed-signature");
  });

  it("a correctly signed body that is no known event, and one with a non-numeric score", async () => {
    const sign = (body: string) => ({ "x-wootric-signature": `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}` });
    const unknown = "decline[id]=1&decline[end_user_id]=2&decline[survey_id]=3&event_name=updated&timestamp=t&account_token=NPS-1";
    expect((await refusal(unwrapWebhook(unknown, sign(unknown), SECRET))).reason).toBe("unrecognized-payload");
    const badScore = "response[id]=1&response[score]=ten&event_name=created&timestamp=t&account_token=NPS-1";
    expect((await refusal(unwrapWebhook(badScore, sign(badScore), SECRET))).reason).toBe("unrecognized-payload");
  });

  it.each([
    ["headers", "headers", () => unwrapWebhook("x", undefined as never, SECRET)],
    ["a body already parsed", "body", () => unwrapWebhook({ response: { id: 1 } } as never, { "x-wootric-signature": "sha1=00" }, SECRET)],
    // A plain object's values are the caller's: these failed with a bare TypeError (header.trim is not a function).
    ["headers whose signature is a number", "headers", () => unwrapWebhook("x", { "x-wootric-signature": 5 } as never, SECRET)],
    ["headers whose signature is a list of one number", "headers", () => unwrapWebhook("x", { "X-Wootric-Signature": [5] } as never, SECRET)],
    ["headers whose signature is null", "headers", () => unwrapWebhook("x", { "x-wootric-signature": null } as never, SECRET)],
  ])("missing or wrong %s, with an InputError (a TypeError) that names the argument and says what to pass", async (_, field, call) => {
    const error = await call().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as InputError).field).toBe(field);
    expect((error as Error).message).toBe("unwrapWebhook needs the raw body (a string, Uint8Array or ArrayBuffer) and the headers");
  });

  it("a body of bytes from another realm (a vm context, as in Jest)", async () => {
    const { text, signature } = fixture("response-created.form");
    const foreign = runInNewContext("(bytes) => Uint8Array.from(bytes)")(new TextEncoder().encode(text)) as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect((await unwrapWebhook(foreign, { "x-wootric-signature": signature }, SECRET)).type).toBe("response.created");
  });

  // An ArrayBuffer of another realm was refused by instanceof as no raw body; bytes on a SharedArrayBuffer (a worker's)
  // failed in WebCrypto with a bare TypeError.
  it("a body as an ArrayBuffer from another realm, or as bytes on a SharedArrayBuffer", async () => {
    const { text, signature } = fixture("response-created.form");
    const bytes = new TextEncoder().encode(text);
    const foreign = runInNewContext("(bytes) => Uint8Array.from(bytes).buffer")(bytes) as ArrayBuffer;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    for (const body of [foreign, shared, shared.buffer]) {
      expect((await unwrapWebhook(body as never, { "x-wootric-signature": signature }, SECRET)).type).toBe("response.created");
    }
  });

  it("a body as a DataView, or a view into a larger buffer", async () => {
    const { text, signature } = fixture("response-created.form");
    const bytes = new TextEncoder().encode(text);
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 4);
    for (const body of [new DataView(bytes.buffer), new DataView(padded.buffer, 4, bytes.length), padded.subarray(4, 4 + bytes.length)]) {
      expect((await unwrapWebhook(body as never, { "x-wootric-signature": signature }, SECRET)).type).toBe("response.created");
    }
  });

  it("an empty or white-space secret, or a Buffer, with an InputError (a TypeError) on secret that names no value", async () => {
    const { text, signature } = fixture("response-created.form");
    // A body signed with the blank secret itself: anyone could sign one, so it must not verify.
    const blank = createHmac("sha1", " \n").update(text).digest("hex");
    for (const [secret, header] of [["", signature], [Buffer.from(SECRET), signature], [" \n", `sha1=${blank}`]] as const) {
      const error = await unwrapWebhook(text, { "x-wootric-signature": header }, secret as never).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("secret");
      expect((error as Error).message).toBe("secret must be a non-empty string: the webhook secret of unwrapWebhook");
    }
  });
});

it("never lets a signed body reach Object.prototype", async () => {
  const body = "__proto__[polluted]=yes&response[constructor][prototype][polluted]=yes&response[id]=1&response[score]=5&response[end_user_id]=2&response[survey_id]=3&event_name=created&timestamp=t&account_token=NPS-1";
  const signature = `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`;
  const event = await unwrapWebhook(body, { "x-wootric-signature": signature }, SECRET);
  expect(event.type).toBe("response.created");
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
});

it("types the events by `type`, so an unknown event type does not compile", () => {
  expectTypeOf<WootricWebhookEvent["type"]>().toEqualTypeOf<"response.created" | "response.updated" | "decline.created">();
  const check = (event: WootricWebhookEvent) => {
    if (event.type === "decline.created") expectTypeOf(event.decline.end_user_id).toEqualTypeOf<number>();
    // @ts-expect-error: Wootric sends no "decline.updated" event
    if (event.type === "decline.updated") return;
  };
  expect(check).toBeTypeOf("function");
});

describe("the webhook field table", () => {
  const spec = parse(readFileSync(join(import.meta.dirname, "../../../specs/wootric/openapi.yaml"), "utf8")) as {
    components: { schemas: Record<string, { properties: Record<string, { type?: string | string[] }>; required: string[] }> };
  };
  // A string the spec requires is text: a null in it is refused, where one in an optional string reads as none.
  const expectedType = (schema: { type?: string | string[] }, required: boolean): keyof typeof FIELD_TYPES => {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes("object")) return "properties";
    if (types.includes("integer")) return "integer";
    if (types.includes("boolean")) return "boolean";
    return types.includes("null") ? "nullable-string" : required ? "text" : "string";
  };
  const typed = (name: string, extra: Record<string, keyof typeof FIELD_TYPES> = {}) => {
    const { properties, required } = spec.components.schemas[name]!;
    const types = Object.entries(properties).map(([key, schema]) => [key, expectedType(schema, required.includes(key))] as const);
    return Object.fromEntries([...types, ...Object.entries(extra)].map(([key, type]) => [key, FIELD_TYPES[type]]));
  };
  it.each([
    ["WebhookResponse", RESPONSE_FIELDS],
    ["WebhookDecline", DECLINE_FIELDS],
  ] as const)("types every property of %s as the spec does", (name, table) => {
    expect(table).toEqual(typed(name));
  });

  // timestamp and account_token may be left out (an older payload lacks them), so the spec does not require them; a
  // null in either is still refused, as the event's own text fields are.
  it("types the event's own fields as WebhookEventMeta does, with the event_name both events require", () => {
    expect(EVENT_FIELDS).toEqual(typed("WebhookEventMeta", { event_name: "text", timestamp: "text", account_token: "text" }));
    expect(spec.components.schemas["WebhookEventMeta"]!.required).toEqual(["event_name"]);
  });

  // typeFields refuses a null in an integer as in a field the spec requires: that holds while the two are the same.
  it.each([
    ["WebhookResponse", RESPONSE_FIELDS],
    ["WebhookDecline", DECLINE_FIELDS],
  ] as const)("has integers in %s exactly where the spec requires a field", (name, table) => {
    const integers = Object.keys(table).filter((key) => table[key] === FIELD_TYPES.integer);
    expect(integers.sort()).toEqual([...spec.components.schemas[name]!.required].sort());
  });
});

// The JSON format writes a value Wootric does not have as null, where the form writes an empty field (Rails' nil), which
// was taken: the same event was refused in JSON alone. Wootric's two JSON samples carry no null but `text`, so which
// fields come as null is a guess; read as left out where the spec takes none, refused where the spec requires the field.
describe("unwrapWebhook with nulls in a JSON event", () => {
  const sign = (body: string) => ({ "x-wootric-signature": `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}` });
  const sample = JSON.parse(fixture("response-created.json").text) as { response: Record<string, unknown> } & Record<string, unknown>;
  const withNull = (field: string, inResponse = true) =>
    JSON.stringify(inResponse ? { ...sample, response: { ...sample.response, [field]: null } } : { ...sample, [field]: null });

  it.each(["ip_address", "origin_url", "end_user_properties", "created_at", "updated_at", "excluded_from_calculations"])(
    "reads a null %s as the field left out and keeps the rest of the response",
    async (field) => {
      const body = withNull(field);
      const event = await unwrapWebhook(body, sign(body), SECRET);
      if (event.type !== "response.created") throw new Error(`unexpected ${event.type}`);
      expect((event.response as Record<string, unknown>)[field]).toBeUndefined();
      expect(event.response).toMatchObject({ id: 1128, score: 7, end_user_id: 30, survey_id: 1146, text: null });
    },
  );

  // Rails writes a nil as `key=` in the form format: an empty hash or flag there is no reason to refuse the event.
  it.each(["end_user_properties", "excluded_from_calculations"])("reads an empty %s in the form format as the field left out", async (field) => {
    // The vendor's signed sample with the field's pairs dropped and one empty pair put in their place.
    const pairs = fixture("response-created.form").text.trim().split("&");
    const body = [...pairs.filter((pair) => !pair.startsWith(`response[${field}]`)), `response[${field}]=`].join("&");
    expect(body.split("&").filter((pair) => pair.includes(field))).toEqual([`response[${field}]=`]);
    const event = await unwrapWebhook(body, sign(body), SECRET);
    if (event.type !== "response.created") throw new Error(`unexpected ${event.type}`);
    expect((event.response as Record<string, unknown>)[field]).toBeUndefined();
    expect(event.response).toMatchObject({ id: 1128, score: 7, end_user_id: 30, survey_id: 1146 });
  });

  it.each(["response[score]", "response[id]", "event_name"])("still refuses an empty %s in the form format, which the spec requires", async (name) => {
    const fields = ["response[id]=1", "response[score]=9", "response[end_user_id]=2", "response[survey_id]=3", "event_name=created", "timestamp=t"];
    const body = fields.map((pair) => (pair.startsWith(`${name}=`) ? `${name}=` : pair)).join("&");
    expect(body).toContain(`${name}=&`);
    expect((await refusal(unwrapWebhook(body, sign(body), SECRET))).reason).toBe("unrecognized-payload");
  });

  it("reads a null survey_mode, and a null ip_address in a decline, as left out", async () => {
    const survey = withNull("survey_mode", false);
    expect(await unwrapWebhook(survey, sign(survey), SECRET)).toMatchObject({ type: "response.created", survey_mode: undefined });
    const decline = JSON.stringify({ decline: { id: 19, end_user_id: 31, survey_id: 1147, ip_address: null }, event_name: "created", timestamp: "t", account_token: "NPS-1" });
    expect(await unwrapWebhook(decline, sign(decline), SECRET)).toMatchObject({ type: "decline.created", decline: { id: 19, ip_address: undefined } });
  });

  it.each([
    ["id", true],
    ["score", true],
    ["end_user_id", true],
    ["survey_id", true],
    ["event_name", false],
    ["timestamp", false],
    ["account_token", false],
  ] as const)("still refuses a null %s, which the spec requires (or, for timestamp and account_token, allows left out only)", async (field, inResponse) => {
    const body = withNull(field, inResponse);
    expect((await refusal(unwrapWebhook(body, sign(body), SECRET))).reason).toBe("unrecognized-payload");
  });

  it.each([
    ["response.score", "response[id]=1&response[end_user_id]=2&response[survey_id]=3&event_name=created&timestamp=t&account_token=NPS-1"],
    ["response.id", '{"response":{"score":9,"end_user_id":2,"survey_id":3},"event_name":"created","timestamp":"t","account_token":"NPS-1"}'],
    ["decline.survey_id", '{"decline":{"id":1,"end_user_id":2},"event_name":"created","timestamp":"t","account_token":"NPS-1"}'],
    ["every field of the response", '{"response":{},"event_name":"created","timestamp":"t","account_token":"NPS-1"}'],
  ])("refuses an event without %s, which the spec requires and the event's type declares, as it refuses a null one", async (_, body) => {
    expect((await refusal(unwrapWebhook(body, sign(body), SECRET))).reason).toBe("unrecognized-payload");
  });

  it("reads an event without its account_token, which reached the docs after the events did", async () => {
    const body = "response[id]=1&response[score]=9&response[end_user_id]=2&response[survey_id]=3&event_name=created&timestamp=t";
    expect((await unwrapWebhook(body, sign(body), SECRET)).type).toBe("response.created");
  });
});

describe("unwrapWebhook against hostile signed payloads", () => {
  const sign = (body: string) => ({ "x-wootric-signature": `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}` });

  it("keeps its own `type` when the payload carries a top-level `type` field", async () => {
    // A field Wootric may add one day (unknown fields pass through) must not replace the discriminant.
    const form = "type=decline.created&response[id]=1&response[score]=5&response[end_user_id]=2&response[survey_id]=3&event_name=created&timestamp=t&account_token=NPS-1";
    const fromForm = await unwrapWebhook(form, sign(form), SECRET);
    expect(fromForm.type).toBe("response.created");
    const json = JSON.stringify({ type: "anything", decline: { id: 1, end_user_id: 2, survey_id: 3 }, event_name: "created", timestamp: "t", account_token: "NPS-1" });
    expect((await unwrapWebhook(json, sign(json), SECRET)).type).toBe("decline.created");
  });

  it("reads a string body as the bytes it verified, so a BOM (kept by Buffer#toString) is read alike from a string and from bytes", async () => {
    const { bytes } = fixture("response-created.form");
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const headers = { "x-wootric-signature": `sha1=${createHmac("sha1", SECRET).update(withBom).digest("hex")}` };
    const fromBytes = await unwrapWebhook(withBom, headers, SECRET);
    expect(fromBytes).toMatchObject({ type: "response.created", response: { id: 1128 } });
    expect(await unwrapWebhook(Buffer.from(withBom).toString("utf8"), headers, SECRET)).toEqual(fromBytes);
  });

  it("refuses an integer field beyond 2^53 rather than rounding it to another id", async () => {
    // 9007199254740993 reads back as ...992: a neighbouring record's id, silently.
    const form = "response[id]=9007199254740993&response[score]=5&response[end_user_id]=2&response[survey_id]=3&event_name=created&timestamp=t&account_token=NPS-1";
    expect((await refusal(unwrapWebhook(form, sign(form), SECRET))).reason).toBe("unrecognized-payload");
    const json = '{"decline":{"id":1,"end_user_id":9007199254740993,"survey_id":3},"event_name":"created","timestamp":"t","account_token":"NPS-1"}';
    expect((await refusal(unwrapWebhook(json, sign(json), SECRET))).reason).toBe("unrecognized-payload");
    const largest = "response[id]=9007199254740991&response[score]=5&response[end_user_id]=2&response[survey_id]=3&event_name=created&timestamp=t&account_token=NPS-1";
    expect((await unwrapWebhook(largest, sign(largest), SECRET)).type).toBe("response.created");
  });

  it("drops __proto__, constructor and prototype keys from a JSON body, as from a form body", async () => {
    // end_user_properties come from the end user's browser: anyone can put such keys in a signed webhook.
    const json =
      '{"__proto__":{"polluted":"yes"},"response":{"id":1,"score":5,"end_user_id":2,"survey_id":3,"end_user_properties":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"plan":"Pro"}},"event_name":"created","timestamp":"t","account_token":"NPS-1"}';
    const event = await unwrapWebhook(json, sign(json), SECRET);
    if (event.type !== "response.created") throw new Error(`unexpected ${event.type}`);
    expect(Object.keys(event)).not.toContain("__proto__");
    const properties = event.response.end_user_properties as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual(["plan"]);
    // What a caller's shallow merge of the properties would do with an own __proto__ key.
    expect((Object.assign({}, properties) as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

// A signed body can be sent again by anyone who saw it (a log, a proxy): the signature covers the body, and the body
// carries the time it was sent, so maxAgeMs bounds how late an event may arrive.
describe("unwrapWebhook with maxAgeMs (a replay window)", () => {
  const sign = (text: string) => `sha1=${createHmac("sha1", SECRET).update(text).digest("hex")}`;
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ["the form sample (`2016-08-04 13:57:31 -0700`)", "response-created.form", Date.parse("2016-08-04T13:57:31-07:00")],
    ["the JSON sample (`2016-08-04T13:57:31.329-07:00`)", "response-created.json", Date.parse("2016-08-04T13:57:31.329-07:00")],
  ])("accepts %s within the window and refuses it once it is older, as `stale`", async (_, name, sentAt) => {
    const { text, signature } = fixture(name);
    vi.useFakeTimers({ now: sentAt + 299_000 });
    expect((await unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET, { maxAgeMs: 300_000 })).type).toBe("response.created");
    vi.setSystemTime(sentAt + 301_000);
    const error = await refusal(unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET, { maxAgeMs: 300_000 }));
    expect(error.reason).toBe("stale");
    expect(error.message).toMatch(/unreadable or over maxAgeMs from now/);
  });

  // Signed with a time to come (a sender's clock far ahead, or a body made to be replayed later), an event would
  // otherwise pass until that time, and for maxAgeMs after it.
  it("accepts an event dated within maxAgeMs ahead of this machine's clock and refuses one further ahead, as `stale`", async () => {
    const { text, signature } = fixture("response-created.form");
    const sentAt = Date.parse("2016-08-04T13:57:31-07:00");
    vi.useFakeTimers({ now: sentAt - 299_000 });
    expect((await unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET, { maxAgeMs: 300_000 })).type).toBe("response.created");
    vi.setSystemTime(sentAt - 301_000);
    const error = await refusal(unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET, { maxAgeMs: 300_000 }));
    expect(error.reason).toBe("stale");
    expect(error.message).toMatch(/unreadable or over maxAgeMs from now/);
  });

  it("accepts an event exactly maxAgeMs old or ahead, refusing only one over it, as maxAgeMs's doc says", async () => {
    const { text, signature } = fixture("response-created.form");
    const sentAt = Date.parse("2016-08-04T13:57:31-07:00");
    for (const now of [sentAt + 300_000, sentAt - 300_000]) {
      vi.useFakeTimers({ now });
      expect((await unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET, { maxAgeMs: 300_000 })).type).toBe("response.created");
    }
    vi.setSystemTime(sentAt);
    expect((await unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET, { maxAgeMs: 0 })).type).toBe("response.created");
  });

  it("reads a time Rails writes in the UTC zone (`2016-08-04 20:57:31 UTC`) as UTC", async () => {
    const text = fixture("response-created.form").text.replace(/timestamp=[^&]*/, `timestamp=${encodeURIComponent("2016-08-04 20:57:31 UTC")}`);
    vi.useFakeTimers({ now: Date.parse("2016-08-04T20:57:31Z") + 60_000 });
    expect((await unwrapWebhook(text, { "x-wootric-signature": sign(text) }, SECRET, { maxAgeMs: 300_000 })).type).toBe("response.created");
  });

  it("accepts an event of any age without maxAgeMs, as before", async () => {
    const { text, signature } = fixture("response-created.form");
    expect((await unwrapWebhook(text, { "x-wootric-signature": signature }, SECRET, {})).type).toBe("response.created");
  });

  it.each(["2016-08-04T20:57:31Z", "2016-08-04T20:57:31.329z", "2016-08-04T20:57:31+00:00", "2016-08-04 13:57:31 -0700", "2016-08-04T13:57:31-0700"])("reads %s, a time with its zone, within the window", async (timestamp) => {
    const text = fixture("response-created.form").text.replace(/timestamp=[^&]*/, `timestamp=${encodeURIComponent(timestamp)}`);
    vi.useFakeTimers({ now: Date.parse("2016-08-04T20:57:31Z") + 60_000 });
    expect((await unwrapWebhook(text, { "x-wootric-signature": sign(text) }, SECRET, { maxAgeMs: 300_000 })).type).toBe("response.created");
  });

  it("refuses a time with no zone (`2016-08-04 13:57:31`), which would be read in this machine's zone, as `stale`", async () => {
    for (const timestamp of ["2016-08-04 13:57:31", "2016-08-04T13:57:31.329"]) {
      const text = fixture("response-created.form").text.replace(/timestamp=[^&]*/, `timestamp=${encodeURIComponent(timestamp)}`);
      // Within the window whether the machine's zone is UTC or any other of up to 14 hours either way.
      for (const now of [Date.parse(`${timestamp}Z`), new Date(timestamp).getTime()]) {
        vi.useFakeTimers({ now: now + 60_000 });
        const error = await refusal(unwrapWebhook(text, { "x-wootric-signature": sign(text) }, SECRET, { maxAgeMs: 300_000 }));
        expect(error.reason).toBe("stale");
      }
    }
  });

  it.each(["", "yesterday", "13:57:31 -0700"])("refuses a signed event whose timestamp %j is no time, as `stale`", async (timestamp) => {
    const text = fixture("response-created.form").text.replace(/timestamp=[^&]*/, `timestamp=${encodeURIComponent(timestamp)}`);
    const error = await refusal(unwrapWebhook(text, { "x-wootric-signature": sign(text) }, SECRET, { maxAgeMs: 300_000 }));
    expect(error.reason).toBe("stale");
  });

  it("reads a signed event without a timestamp as before without maxAgeMs, and refuses it as `stale` with it", async () => {
    const text = fixture("response-created.form").text.replace(/&timestamp=[^&]*/, "");
    const headers = { "x-wootric-signature": sign(text) };
    expect((await unwrapWebhook(text, headers, SECRET)).type).toBe("response.created");
    expect((await refusal(unwrapWebhook(text, headers, SECRET, { maxAgeMs: 300_000 }))).reason).toBe("stale");
  });

  it("checks the signature first: a forged body with a fresh timestamp is a signature mismatch", async () => {
    const { text, signature } = fixture("response-created.form");
    const forged = text.replace(/timestamp=[^&]*/, `timestamp=${encodeURIComponent(new Date().toISOString())}`);
    expect((await refusal(unwrapWebhook(forged, { "x-wootric-signature": signature }, SECRET, { maxAgeMs: 300_000 }))).reason).toBe("signature-mismatch");
  });

  it.each([-1, Number.NaN, "300000", null])("refuses maxAgeMs %s with an InputError naming it, before anything else", async (maxAgeMs) => {
    const error = await unwrapWebhook("not signed", {}, SECRET, { maxAgeMs: maxAgeMs as number }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("maxAgeMs");
  });

  it("refuses a misspelt option, which would leave the window off, naming the one meant", async () => {
    const error = await unwrapWebhook("not signed", {}, SECRET, { maxAge: 300_000 } as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/maxAge.*maxAgeMs/);
  });

  // stripe-node's constructEvent takes its tolerance as the fourth argument: a number there left the window off.
  it.each<[string, unknown]>([
    ["a number (a tolerance passed as stripe-node takes it)", 300_000],
    ["a string", "300000"],
    // Objects, but their maxAgeMs is no own field: read as no options, the window was off without a word.
    ["a Map", new Map([["maxAgeMs", 300_000]])],
    ["a Number", new Number(300_000)],
  ])("refuses options that are %s, which would leave the window off", async (_, options) => {
    const error = await unwrapWebhook("not signed", {}, SECRET, options as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("options");
    expect((error as InputError).message).toMatch(/^options of unwrapWebhook must be \{ maxAgeMs \}, got a (number|string|Map|Number)$/);
    // A JavaScript caller's null is no options, as before: the call goes on to the signature.
    expect((await refusal(unwrapWebhook("not signed", {}, SECRET, null as never))).reason).toBe("missing-signature");
  });
});
