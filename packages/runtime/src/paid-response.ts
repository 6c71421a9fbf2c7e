import { redactSecrets } from "./known-secrets.js";
import { bufferedCopy } from "./read-body.js";

// One decoder for every body: decode() without `stream` keeps no state between calls, and making one per call costs.
const UTF8 = new TextDecoder();

const PAID = Symbol();

/** What a paid response's body methods answer from: the bytes read, and their text and parsed JSON once known. */
type Paid = { bytes: Uint8Array; text?: string | undefined; parsed?: { value: unknown } | undefined };
type PaidResponse = Response & { [PAID]: Paid };

const readText = (paid: Paid) => (paid.text ??= UTF8.decode(paid.bytes));

// The body methods every paid response shares: functions of `this`, not closures made for each response. What
// openapi-fetch reads as JSON or text answers directly; the rest (a blob, bytes) reads a copy.
const METHODS: Record<string, (this: PaidResponse) => unknown> = {
  async json() {
    const paid = this[PAID];
    return paid.parsed ? paid.parsed.value : JSON.parse(readText(paid));
  },
  async text() {
    return readText(this[PAID]);
  },
  clone() {
    return bufferedCopy(this, this[PAID].bytes);
  },
};
for (const name of ["arrayBuffer", "blob", "bytes", "formData"]) {
  METHODS[name] = function () {
    return (this.clone() as unknown as Record<string, () => unknown>)[name]!();
  };
}

/**
 * The response the transport read, handed on as it is, with its body methods answering from what was read: the body
 * the runtime checked is the body the caller gets, with no copy of the response and, for JSON, no second parse
 * (`json()` returns the value the check parsed). `clone()` alone builds a copy, and only when someone asks for one.
 * `parsed` holds the decoded text and parsed JSON when the check has them already. The status text is the server's
 * free text and ends up in error messages, so known credentials are removed from it.
 *
 * @example
 * const checked = checkJsonBody(response, bytes);
 * if (checked.ok) return paidResponse(response, bytes, checked);
 */
export function paidResponse(response: Response, bytes: Uint8Array, parsed?: { text: string; value: unknown }): Response {
  (Object.assign(response, METHODS) as unknown as PaidResponse)[PAID] = { bytes, text: parsed?.text, parsed };
  const statusText = redactSecrets(response.statusText);
  if (statusText !== response.statusText) Object.defineProperty(response, "statusText", { value: statusText, enumerable: true, configurable: true });
  return response;
}
