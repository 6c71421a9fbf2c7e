import { bufferedCopy } from "./read-body.js";
import { redactText } from "./redact.js";

/** What {@link checkJsonBody} found: the response to hand on, or what the vendor sent instead of JSON. */
export type JsonCheck = { ok: true; response: Response } | { ok: false; snippet: string | undefined; contentType: string | undefined };

/**
 * Checks that the body of a 2xx response to a JSON operation, already read in full (see `readBody`), parses. A good
 * (or empty) body comes back as an equivalent Response over the same bytes, same status, headers and URL, for
 * openapi-fetch to parse; a blank body gets `Content-Length: 0` so that it reads as no data rather than failing to
 * parse. A bad one comes back as a short, redacted snippet. The bytes are decoded once, here.
 *
 * @example
 * const checked = checkJsonBody(response, read.bytes, [token]);
 * if (!checked.ok) throw new InvalidResponseError(`... ${checked.snippet}`);
 */
export function checkJsonBody(response: Response, bytes: Uint8Array, secrets: readonly string[] = []): JsonCheck {
  const text = new TextDecoder().decode(bytes);
  const blank = text.trim() === "";
  if (!blank && !parses(text)) {
    return { ok: false, snippet: snippet(text, secrets), contentType: response.headers.get("content-type") ?? undefined };
  }
  if (!blank) return { ok: true, response: bufferedCopy(response, bytes) };
  const headers = new Headers(response.headers);
  headers.set("Content-Length", "0");
  headers.delete("Transfer-Encoding");
  return { ok: true, response: bufferedCopy(response, new Uint8Array(0), headers) };
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

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function snippet(text: string, secrets: readonly string[]): string {
  // Whitespace goes before the 64 KiB cut, so that a run of it cannot pull the start of a credential cut off there
  // into the snippet; redacting before the final cut keeps one that straddles that cut from leaking its start.
  const oneLine = redactText(text.replace(/\s+/g, " ").trim().slice(0, 65_536), secrets);
  return oneLine.length > 200 ? `${oneLine.slice(0, 197)}...` : oneLine;
}
