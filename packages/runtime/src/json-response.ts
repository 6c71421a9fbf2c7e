import { redactText } from "./redact.js";

// One decoder for every body: decode() without `stream` keeps no state between calls, and making one per call costs.
const UTF8 = new TextDecoder();
const NOT_BLANK = /\S/;

/** What {@link checkJsonBody} found: the body's text and value, or what the vendor sent instead of JSON. */
export type JsonCheck = { ok: true; text: string; value: unknown } | { ok: false; snippet: string | undefined; contentType: string | undefined };

/**
 * Checks that the body of a 2xx response to a JSON operation, already read in full (see `readBody`), parses. A good
 * body comes back as its text and parsed value, which the caller is then given as they are (see `paidResponse`), so
 * the body is decoded and parsed once; a blank body is no data (`""`, `undefined`). A bad one comes back as a
 * short, redacted snippet.
 *
 * @example
 * const checked = checkJsonBody(response, read.bytes, [token]);
 * if (!checked.ok) throw new InvalidResponseError(`... ${checked.snippet}`);
 */
export function checkJsonBody(response: Response, bytes: Uint8Array, secrets: readonly string[] = []): JsonCheck {
  const text = UTF8.decode(bytes);
  try {
    // A blank body is no data; the test stops at the first character that is not white space, copying nothing.
    return NOT_BLANK.test(text) ? { ok: true, text, value: JSON.parse(text) } : { ok: true, text: "", value: undefined };
  } catch {
    return { ok: false, snippet: snippet(text, secrets), contentType: response.headers.get("content-type") ?? undefined };
  }
}

/**
 * Whether a response to a JSON operation needs its body checked: a 2xx that may carry content.
 *
 * @example
 * if (needsJsonCheck(response, "GET")) checkJsonBody(response, bytes);
 */
export function needsJsonCheck(response: Response, method: string): boolean {
  return response.ok && response.status !== 204 && response.status !== 205 && method !== "HEAD" && response.body !== null;
}

function snippet(text: string, secrets: readonly string[]): string {
  // Whitespace goes before the 64 KiB cut, so that a run of it cannot pull the start of a credential cut off there
  // into the snippet; redacting before the final cut keeps one that straddles that cut from leaking its start.
  const oneLine = redactText(text.replace(/\s+/g, " ").trim().slice(0, 65_536), secrets);
  return oneLine.length > 200 ? `${oneLine.slice(0, 197)}...` : oneLine;
}
