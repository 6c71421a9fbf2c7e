// read-body.js first and known-secrets.js last, for bundle size only (gzip finds a few more bytes in that module
// order); no side effects.
import { bufferedCopy } from "./read-body.js";
import { parseJsonText, UTF8 } from "./json-response.js";
import { redactSecrets } from "./known-secrets.js";

const PAID = Symbol();

/** What a paid response's body methods answer from: the bytes read, and the JSON check's value until it is handed out. */
type Paid = { bytes: Uint8Array; value?: unknown };
type PaidResponse = Response & { [PAID]: Paid };

// Decoded at each call, not kept: the response outlives the call for a while (see json()), and text() is asked for once.
const readText = (paid: Paid) => UTF8.decode(paid.bytes);

// The body methods every paid response shares: functions of `this`, not closures made for each response. What
// openapi-fetch reads (json, text, blob) answers directly, a blob with no copy of the bytes but its own; arrayBuffer and
// bytes, rarely asked for, read a copy. (An API's answer is never a form: formData() stays the platform's, which
// refuses a body already read.)
const METHODS: Record<string, (this: PaidResponse) => unknown> = {
  async json() {
    const paid = this[PAID], value = paid.value;
    // The value is handed out once, then let go (a second json() parses the bytes again, as a fresh value): Node's
    // fetch holds each Response weakly (a WeakRef, and a FinalizationRegistry entry that frees its connection), which
    // young-generation collections treat as strong, so a page of a long list hung on it went to the old generation
    // with it, growing the heap page by page until a full collection. A falsy value (a blank body's undefined, null,
    // 0, "", false) holds nothing and is kept: a blank body cannot be parsed again (JSON.parse would throw).
    return "value" in paid ? (value && delete paid.value, value) : JSON.parse(readText(paid));
  },
  async text() {
    return readText(this[PAID]);
  },
  async blob() {
    return new Blob([this[PAID].bytes as Uint8Array<ArrayBuffer>], { type: this.headers.get("content-type") ?? "" });
  },
  clone() {
    return bufferedCopy(this, this[PAID].bytes);
  },
};
for (const name of ["arrayBuffer", "bytes"]) {
  METHODS[name] = function () {
    return (this.clone() as unknown as Record<string, () => unknown>)[name]!();
  };
}

/**
 * The data of a 2xx response to a JSON operation, as openapi-fetch has it (a blank body is no data): the value the
 * transport's check parsed, so the body is parsed once, or, for a response put in place after the transport (by an
 * openapi-fetch middleware), its body parsed here.
 *
 * @example
 * const data = await jsonData(response);
 */
export async function jsonData(response: Response): Promise<unknown> {
  // A paid response's json() answers alike: the value, or the bytes parsed again once a middleware's json() took a
  // value (never a blank body's, which stays). One without a value (an operation declared without content) parses its
  // bytes, and a blank body's SyntaxError is read as no data by the client, as any other.
  return PAID in response ? response.json() : parseJsonText(await response.text());
}

/**
 * The response the transport read, handed on as it is, with its body methods answering from what was read: the body
 * the runtime checked is the body the caller gets, with no copy of the response and, for JSON, no second parse
 * (the first `json()` returns the value the check parsed). `clone()` alone builds a copy, and only when someone asks for one.
 * `parsed` holds the JSON check's value, when there is one. The status text is the server's free text and ends up in
 * error messages: a response whose status text holds a known credential or one of `secrets` (those the call sent), or one that takes no properties (frozen by a
 * fetch of the caller's own), is handed on as a copy of what was read instead (see `bufferedCopy`, which cleans the
 * status text).
 *
 * @example
 * const checked = checkJsonBody(bytes);
 * if ("value" in checked) return paidResponse(response, bytes, checked, call.secrets);
 */
export function paidResponse(response: Response, bytes: Uint8Array, parsed?: { value: unknown }, secrets?: readonly string[]): Response {
  if (!Object.isExtensible(response) || redactSecrets(response.statusText, secrets) !== response.statusText) return bufferedCopy(response, bytes, secrets);
  // The bytes and the value, not the text too: text() is rarely asked for once the value is parsed, and decodes on
  // demand, so a page of a long list is not held twice.
  // `value` is there only when the check parsed one (which may be undefined, for a blank body).
  (Object.assign(response, METHODS) as unknown as PaidResponse)[PAID] = { bytes, ...parsed };
  return response;
}
