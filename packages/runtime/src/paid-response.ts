import { redactSecrets } from "./known-secrets.js";
import { bufferedCopy } from "./read-body.js";

// One decoder for every body: decode() without `stream` keeps no state between calls, and making one per call costs.
const UTF8 = new TextDecoder();

/**
 * The response the transport read, handed on as it is, with its body methods answering from what was read: the body
 * the runtime checked is the body the caller gets, with no copy of the response and, for JSON, no second parse
 * (`json()` returns the value the check parsed). `clone()` alone builds a copy, and only when someone asks for one.
 * `text` and `value` are the decoded text and parsed JSON when the check has them already. The status text is the
 * server's free text and ends up in error messages, so known credentials are removed from it.
 *
 * @example
 * const checked = checkJsonBody(response, bytes);
 * if (checked.ok) return paidResponse(response, bytes, checked);
 */
export function paidResponse(response: Response, bytes: Uint8Array, parsed?: { text: string; value: unknown }): Response {
  let text = parsed?.text;
  const readText = () => (text ??= UTF8.decode(bytes));
  const own = response as unknown as Record<string, unknown>;
  // What openapi-fetch reads (json, text, blob) answers directly; the rest, rarely asked for, reads a copy.
  for (const method of ["arrayBuffer", "bytes", "formData"]) own[method] = () => (bufferedCopy(response, bytes) as unknown as Record<string, () => unknown>)[method]!();
  own.blob = async () => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: response.headers.get("content-type") ?? "" });
  own.text = async () => readText();
  own.json = parsed === undefined ? async () => JSON.parse(readText()) : async () => parsed.value;
  own.clone = () => bufferedCopy(response, bytes);
  const statusText = redactSecrets(response.statusText);
  if (statusText !== response.statusText) Object.defineProperty(response, "statusText", { value: statusText, enumerable: true, configurable: true });
  return response;
}
