import { checkNumber, checkOptionNames, describeValue, fieldError, InputError, isFieldObject, requireString } from "@apis/runtime";
import type { components } from "./generated/schema.js";
// webhook-fields.js first, then bracket-form.js, the signature check and the error, for bundle size only (gzip finds
// more repeated text in that module order); no side effects.
import { DECLINE_FIELDS, EVENT_FIELDS, RESPONSE_FIELDS, typeFields } from "./webhook-fields.js";
import { parseBracketForm, UNSAFE_KEYS } from "./bracket-form.js";
import { verifySignature } from "./webhook-signature.js";
import { WebhookVerificationError } from "./webhook-error.js";

export { WebhookVerificationError, type WebhookFailure } from "./webhook-error.js";

type Schemas = components["schemas"];

/** `response created`: an end user answered a survey. */
export type ResponseCreatedEvent = { type: "response.created" } & Schemas["ResponseEvent"] & { event_name: "created" };
/** `response updated`: an end user changed the score or added a comment. */
export type ResponseUpdatedEvent = { type: "response.updated" } & Schemas["ResponseEvent"] & { event_name: "updated" };
/** `decline created`: an end user dismissed the survey. */
export type DeclineCreatedEvent = { type: "decline.created" } & Schemas["DeclineEvent"];
/**
 * Every event Wootric's outgoing webhooks send, told apart by `type`. `timestamp` and `account_token` may be absent: an
 * older payload lacks them (`maxAgeMs` refuses an event without a timestamp as stale).
 */
export type WootricWebhookEvent = ResponseCreatedEvent | ResponseUpdatedEvent | DeclineCreatedEvent;

/** Request headers as fetch (`Headers`) or Node's http (`IncomingHttpHeaders`) hand them over. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

const SIGNATURE_HEADER = "x-wootric-signature";

// The header's value as given: a plain object's may be anything (see unwrapWebhook).
function signatureHeader(headers: WebhookHeaders): unknown {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(SIGNATURE_HEADER) ?? undefined;
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (name.toLowerCase() != SIGNATURE_HEADER || value === undefined) continue;
    // A repeated header is not something Wootric sends: refuse rather than pick one.
    if (Array.isArray(value)) return value.length == 1 ? value[0] : "";
    return value;
  }
  return undefined;
}

function typedEvent(payload: unknown): WootricWebhookEvent {
  // An object (a form, or JSON that starts with {), or nothing (undefined) for JSON that does not parse.
  const raw: Record<string, unknown> = Object(payload);
  const event = typeFields(raw, EVENT_FIELDS);
  // Without a response the subject is a decline, missing too if there is neither. One refusal for each way a payload
  // is no event: event fields of the wrong type, no response or decline object (or one whose fields are), or an event
  // Wootric does not send.
  const subject = "response" in raw ? "response" : "decline";
  const inner = raw[subject];
  const record = isFieldObject(inner) ? typeFields(inner, subject == "response" ? RESPONSE_FIELDS : DECLINE_FIELDS) : undefined;
  // event_name is a string once typeFields accepted it (or undefined): written as String() would write it. Event fields
  // of the wrong type (no event) leave it undefined, and "response.undefined" is no event Wootric sends: refused below.
  const type = `${subject}.${event?.["event_name"]}`;
  if (!record || !/^(response\.(created|updated)|decline\.created)$/.test(type)) {
    throw new WebhookVerificationError("unrecognized-payload");
  }
  // `type` after the payload's own fields: a top-level `type` the vendor adds must not replace the discriminant.
  return { ...event, type, [subject]: record } as WootricWebhookEvent;
}

/**
 * Verifies a Wootric webhook and returns its event, typed. The signature (`X-Wootric-Signature: sha1=<hex>`, any
 * header case) must be the HMAC-SHA1 of the raw body keyed with the account's webhook secret; it is checked with
 * WebCrypto in constant time before the body is parsed. Pass the body exactly as received (bytes, or the
 * undecoded text): a re-serialized body does not match.
 *
 * @throws WebhookVerificationError when the header is missing, malformed or wrong, the body is no known event, or
 * (with `maxAgeMs`) the event's timestamp is unreadable or too far from now; its `reason` says which.
 * @throws InputError when the secret is no string or white space alone (an unset environment variable), the body is
 * already parsed (no string or bytes), the headers are missing or hold a signature that is no string, or an option is
 * misspelt or out of range: the receiver's own mistake, not a forged request (answer 500, not 401).
 * @example
 * // fetch-style handler (Workers, Deno, Bun, Next.js route handlers)
 * const event = await unwrapWebhook(await request.arrayBuffer(), request.headers, process.env.WOOTRIC_WEBHOOK_SECRET!);
 * if (event.type === "response.created") console.log(event.response.score);
 */
export async function unwrapWebhook(body: string | Uint8Array | ArrayBuffer, headers: WebhookHeaders, secret: string, options?: UnwrapWebhookOptions): Promise<WootricWebhookEvent> {
  // White space alone is no secret (an unset environment variable's blank line): anyone could sign with it.
  requireString(secret, "secret", "the webhook secret of unwrapWebhook");
  // A misspelt name would leave the replay window off without a word, as would a number in place of the options (a
  // tolerance, where stripe-node's constructEvent takes it).
  const given = options ?? {};
  if (!isFieldObject(given)) throw fieldError("options", `of unwrapWebhook must be { maxAgeMs }, got ${describeValue(given)}`);
  checkOptionNames(given, ["maxAgeMs"], "unwrapWebhook");
  // Infinity, the default, is no bound.
  const maxAgeMs = checkNumber(given.maxAgeMs, "maxAgeMs", Infinity, { min: 0 });
  // A signature header that is no string (a number, an array of one: a plain object's values are the caller's) is a
  // caller's mistake, as no headers are (0 stands for those); it failed as a bare TypeError.
  const header = typeof headers === "object" && headers ? signatureHeader(headers) : 0;
  const noHeaders = header !== undefined && typeof header != "string";
  // A body already parsed (express.json(), a framework's form parser) cannot be verified: its bytes are gone.
  // isView and the brand, not instanceof: bytes and buffers from another realm (a vm context, as in Jest) count, and
  // a SharedArrayBuffer (a worker's).
  if (noHeaders || !(typeof body === "string" || ArrayBuffer.isView(body) || /ArrayBuffer]$/.test({}.toString.call(body)))) {
    throw new InputError(noHeaders ? "headers" : "body", "unwrapWebhook needs the raw body (a string, Uint8Array or ArrayBuffer) and the headers");
  }
  if (header == null) throw new WebhookVerificationError("missing-signature");
  // The bytes a view stands on (a DataView, a Buffer from another realm), not its elements.
  // An ArrayBuffer, which has no buffer or byteOffset, is read from 0 to its byteLength. Copied (slice): WebCrypto
  // takes no bytes on a SharedArrayBuffer.
  const bytes =
    typeof body === "string"
      ? new TextEncoder().encode(body)
      : new Uint8Array((body as Uint8Array).buffer ?? body, (body as Uint8Array).byteOffset, body.byteLength).slice();
  await verifySignature(bytes, header, secret);
  // The verified bytes, decoded, whatever form the body came in: a string's BOM or lone surrogate is read as signed.
  const text = new TextDecoder().decode(bytes);
  let payload: unknown;
  // The webhook's format is chosen on Wootric's settings page: a bracket form (default) or JSON.
  if (/^\s*\{/.test(text)) {
    try {
      // The same keys a form body drops: an own `__proto__` would reach a caller's merge (end users set the properties).
      payload = JSON.parse(text, (key, value: unknown) => (UNSAFE_KEYS.test(key) ? undefined : value));
    } catch {
      // Left undefined, and refused by typedEvent, as a JSON value that is no object is.
    }
  } else payload = parseBracketForm(text);
  const event = typedEvent(payload);
  // The timestamp, `2016-08-04 13:57:31 -0700` (or `... UTC`, as Rails writes that zone) in forms and ISO 8601 in JSON,
  // read as ISO 8601, which every engine parses alike. Not `> maxAgeMs`, so that one that is no time (NaN), or none, is
  // refused too; and as far ahead as behind, or a body signed with a time to come could be replayed until then. One
  // with no zone is refused unread: it would be read in this machine's zone.
  const stamp = `${event.timestamp}`.replace(/ ?([+-]\d\d):?(\d\d)$/, "$1:$2").replace(/ UTC$/, "Z").replace(" ", "T");
  if (maxAgeMs < Infinity && !(/(z|[+-]\d\d:\d\d)$/i.test(stamp) && Math.abs(Date.now() - Date.parse(stamp)) <= maxAgeMs)) throw new WebhookVerificationError("stale");
  return event;
}

/** Options of {@link unwrapWebhook}. */
export interface UnwrapWebhookOptions {
  /**
   * Refuse (as `stale`) an event whose `timestamp`, which the signature covers, is more than this many milliseconds
   * before or after this machine's clock, or unreadable: a signed body sent again by someone who saw it is then
   * refused once it is that old, and one dated ahead cannot be kept for later. Default: no bound, since how late
   * Wootric may redeliver an event is not documented. 300 000 (5 minutes) is a common choice.
   */
  maxAgeMs?: number | undefined;
}

