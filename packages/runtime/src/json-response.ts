import { shorten } from "./shorten.js";

/** One decoder for every body: decode() without `stream` keeps no state between calls, and making one per call costs. */
export const UTF8 = new TextDecoder();

/** What the vendor sent instead of JSON: a snippet of it (`body`, as the error will hold it). */
export type NotJson = { reason: "not-json"; body: string | undefined };

/** What {@link checkJsonBody} found: the body's value, or what the vendor sent instead of JSON. */
export type JsonCheck = { value: unknown } | NotJson;

/**
 * The data a JSON body's text stands for, as openapi-fetch reads it: a blank body is no data (`undefined`); anything
 * else must parse, or JSON.parse throws.
 *
 * @example
 * parseJsonText(" \n"); // undefined
 */
export function parseJsonText(text: string): unknown {
  // The test stops at the first character that is not white space, copying nothing.
  return /\S/.test(text) ? JSON.parse(text) : undefined;
}

/**
 * Checks that the body of a 2xx response to a JSON operation, already read in full (see `readBody`), parses (see
 * {@link parseJsonText}). A good body comes back as its parsed value, which the caller is then given as it is (see
 * `paidResponse`), so the body is decoded and parsed once. A bad one comes back as a short, redacted snippet.
 *
 * @example
 * const checked = checkJsonBody(bytes, [token]);
 * if ("reason" in checked) throw new InvalidResponseError(`... ${checked.body}`);
 */
export function checkJsonBody(bytes: Uint8Array, secrets?: readonly string[]): JsonCheck {
  const text = UTF8.decode(bytes);
  try {
    return { value: parseJsonText(text) };
  } catch {
    // The snippet, of the whole text put on one line and redacted (see shorten), so that no cut falls inside a
    // credential before it is redacted (one cut at 64 KiB showed its start once redacting the long ones before it had
    // shrunk those 64 KiB), and one echoed with its white space changed is known too. None of a text over 1 MiB, which
    // would hold the event loop, as a token answer's (see requestToken).
    const body = text.length > 1 << 20 ? undefined : shorten(text, 200, secrets);
    return { reason: "not-json", body };
  }
}
