import { describeValue, InputError, isFieldObject } from "./input-error.js";

/**
 * Checks a `headers` option: a `Headers`, a record of names to values, or an array of `[name, value]` pairs, each
 * name and value one that HTTP can carry. Returns it in a form openapi-fetch reads right (an array becomes a
 * `Headers`); anything else throws an {@link InputError} naming `field`, without quoting a value.
 *
 * @example
 * const headers = checkHeadersOption({ "X-Request-Source": "nightly-sync" }, "headers");
 */
export function checkHeadersOption(value: unknown, field: string): HeadersOption | undefined {
  if (value === undefined || value instanceof Headers) return value;
  const shape = `${field} must be a Headers, a { name: value } record or an array of [name, value] pairs`;
  const array = Array.isArray(value);
  if (array) {
    for (const pair of value) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
        throw new InputError(field, `${shape} of strings; one entry is ${describeValue(pair)}`);
      }
    }
  } else if (!isFieldObject(value)) {
    // A Map or an iterator has no own fields: openapi-fetch would send none of its headers.
    throw new InputError(field, `${shape}, got ${describeValue(value)}`);
  }
  for (const [name, item] of array ? (value as [string, string][]) : Object.entries(value)) {
    // One value, or the values of a header sent more than once.
    for (const one of [item].flat()) {
      if (one === null || one === undefined) continue;
      // A string, number or boolean: no other type's name starts so (bigint, symbol).
      if (!/^(st|n|bo)/.test(typeof one)) {
        throw new InputError(field, `${field}: a header value must be a string, number or boolean, got ${describeValue(one)}`);
      }
      // A token name with a value of printable ASCII is one every platform sends as it is: only others are tried on a
      // Headers (about 1 µs each, on every call of a vendor whose defaults add a header).
      const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
      if (token && /^[ -~]*$/.test(String(one))) continue;
      try {
        new Headers([[name, String(one)]]);
      } catch {
        // The platform's error quotes the value, which may be a credential.
        const shown = token ? `header ${name}` : "a header name";
        throw new InputError(field, `${field}: ${shown} cannot be sent (a line break, control or non-Latin-1 character)`);
      }
    }
  }
  return array ? new Headers(value as [string, string][]) : (value as HeadersOption);
}

/**
 * Whether a token can be sent as it is in an `Authorization` header: visible ASCII only, so no space, line break or
 * control character (which the platform refuses with an error that quotes the whole header, token included), and at
 * most 16 KiB, the bound requestToken puts on a token endpoint's credentials (remembering a longer one for redaction
 * held the event loop for about a second per megabyte).
 *
 * @example
 * isHeaderSafeToken("eyJhbGciOi.J9x-_"); // true
 * isHeaderSafeToken("abc\r\nX-Evil: 1"); // false
 */
export function isHeaderSafeToken(value: string): boolean {
  return value.length <= MAX_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(value);
}

/** The longest credential taken, in characters: what Node allows all of a request's headers (16 KiB). */
export const MAX_TOKEN_LENGTH = 16_384;

/**
 * Why a token that {@link isHeaderSafeToken} refuses cannot be used; follows the token's name. It names the space most
 * met: the token written with its scheme (`Bearer eyJ...`, as an API console shows the header, or as a server may issue
 * it), as a likely cause rather than advice, since a server's token is not the caller's to edit.
 */
export const UNSENDABLE =
  'cannot go in an HTTP header: over 16 KiB, or a space (a "Bearer " prefix?), control or non-ASCII character';

/** What openapi-fetch takes as client-wide headers. */
export type HeadersOption = Headers | Record<string, string | number | boolean | (string | number | boolean)[] | null | undefined>;
