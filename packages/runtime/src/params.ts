import { describeValue, fieldError, InputError, isFieldObject } from "./input-error.js";

/**
 * The query object with every parameter name (and every key of an object value, which deepObject style puts in
 * the name) percent-encoded, since openapi-fetch writes names as they are: `{ "a&b=c": 1 }` would otherwise send a
 * parameter `b`. Square brackets stay, so `filter[status]` goes on the wire as it always has. A value openapi-fetch
 * cannot write is refused with an {@link InputError} naming it: anything but a string, number or boolean (or a list of
 * them, or an object of them one level deep), such as a Date, a symbol or a function. It would write a Date as nothing at all, leaving a filter out unseen.
 *
 * @example
 * encodeQueryNames({ "a&b=c": 1 }); // { "a%26b%3Dc": 1 }
 * encodeQueryNames({ created: new Date() }); // throws InputError on params.query.created
 */
export function encodeQueryNames(query: Record<string, unknown>, at = "params.query"): Record<string, unknown> {
  const top = at === "params.query";
  // URLSearchParams, a Map or a string has no own fields to write: the call would go without its query.
  if (!isFieldObject(query)) throw fieldError(at, `must be an object of parameters, got ${describeValue(query)}`);
  const encoded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    const field = `${at}.${name}`;
    if (!written(value) && !(top && (isFieldObject(value) || (Array.isArray(value) && value.every(written))))) {
      throw fieldError(field, `must be a string, number or boolean, got ${describeValue(value)}: write dates as the API takes them`);
    }
    encoded[encodeURIComponent(name).replace(/%5[BD]/gi, decodeURIComponent)] = top && isFieldObject(value) ? encodeQueryNames(value, field) : value;
  }
  return encoded;
}

/**
 * Refuses, with an {@link InputError} naming it, a path parameter of `template` that is missing (`undefined` or
 * `null`: openapi-fetch would send the request to the path with `{id}` left in it), a list or an object (which
 * openapi-fetch joins with commas), a number that is no safe integer (`NaN`, `1.5`, which Rails reads as id 1 in format
 * "5", or one past 2^53, which goes out as another: pass a larger id as text), or whose value would move the request to
 * another path: empty (`/tags/` is the collection), `.` or `..` (which the URL parser resolves: `DELETE /v1/tags/..`
 * is `DELETE /v1/`). `encodeURIComponent` leaves dots alone, so no encoding can make these safe.
 *
 * @example
 * checkPathParams("/v1/tags/{id}", { id: 42 });   // ok
 * checkPathParams("/v1/tags/{id}", { id: ".." }); // throws InputError on params.path.id
 * checkPathParams("/v1/tags/{id}", {});           // throws InputError on params.path.id
 */
export function checkPathParams(template: string, path: unknown): void {
  // openapi-fetch appends the path to the base URL as it is: "items" would name the host api.example.comitems.
  if (template[0] != "/") throw fieldError("path", `must start with "/"`);
  if (!template.includes("{")) return;
  // openapi-fetch's names: `{id}`, and `{.id}`, `{;id}` or `{id*}` for its other styles; in the path only, not in a
  // query written into it (`?where={"a":1}`).
  for (const [, name] of template.split("?")[0]!.matchAll(/\{[.;]?([^{}]+?)\*?\}/g)) {
    const value = (path as Record<string, unknown> | null | undefined)?.[name!];
    // One value (a string or number; a boolean or bigint is written as text too), checked before it is made text (an
    // object without a prototype has no text, and an object's own toString would run): openapi-fetch would join a list
    // or an object's entries with commas (a whole end user as /end_users/id,2,email,a%40example.com), which no
    // vendor's spec takes, and send a function's source. (The test is the form encoding's, which gzip stores once.)
    if (value != null && !/^(st|n|b|u)/.test(typeof value)) throw fieldError(`params.path.${name}`, `must be a string or number, got ${describeValue(value)}`);
    const segment = value == null ? "" : String(value);
    // NaN or Infinity (a Number() of text that held no number) would be sent as an id that nothing has: a 404. A fraction
    // is no id either, and worse: Rails reads /imports/1.5 as import 1 in format "5", so a DELETE would delete import 1.
    // Nor is a number past 2^53, which goes out as a neighbouring one, or as 1e+21 (an id that large goes as text).
    if (typeof value == "number" && !Number.isSafeInteger(value)) throw fieldError(`params.path.${name}`, `must be an integer, got ${segment}`);
    // Empty, "." or "..".
    if (/^\.{0,2}$/.test(segment)) {
      throw fieldError(`params.path.${name}`, `must not be ${value == null ? "missing" : !segment ? "empty" : `"${segment}"`}: the request would go to another path; pass the resource's own id.`);
    }
  }
}

// What openapi-fetch writes as it is: a string, finite number, boolean or bigint; null and undefined it leaves out. NaN or
// Infinity (a Number() of text that held no number) would go out as text: `?page=NaN`.
const written = (value: unknown) => value === null || /^(st|b|u)/.test(typeof value) || Number.isFinite(value);
