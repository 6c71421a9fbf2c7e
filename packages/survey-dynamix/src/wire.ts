import { describeValue, fieldError, isFieldObject, toFormUrlEncoded } from "@apis/runtime";

/**
 * The query string of a call, in the vendor's conventions: booleans as `1`/`0`, undefined and null left out, and one
 * value a name: a list is refused with an `InputError` naming the parameter.
 *
 * @example
 * serializeQuery({ survey_id: 52, started: true, email: undefined }); // "survey_id=52&started=1"
 */
export function serializeQuery(query: Record<string, unknown>): string {
  // URLSearchParams, a Map or a string has no own fields to write: the call would go without its query, or with one
  // parameter per character.
  if (!isFieldObject(query)) throw fieldError("params.query", `must be an object of parameters, got ${describeValue(query)}`);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value == null) continue;
    const at = `params.query.${name}`;
    // A boolean goes as 1 or 0. No query parameter of the spec takes a list (test/unit/wire.test.ts reads it), and the
    // vendor's PHP keeps the last of a repeated name: a list sent as survey_id=52&survey_id=53 would list survey 53
    // alone, without a word.
    if (!isWireValue(value)) {
      throw fieldError(at, Array.isArray(value) ? "takes one value, not a list: call once per value" : `must be a string, number or boolean, got ${describeValue(value)}: write dates as the API takes them`);
    }
    // The spec's boolean filters (a boolean, or 1 or 0): the vendor's PHP reads any text but "" and "0" as true, so
    // started: "false" would list the started interactions, and any number but 0 too (0.5, 2, -1).
    if (/^(started|completed|survey_ended|_include)/.test(name) && typeof value != "boolean" && value !== 0 && value !== 1) {
      throw fieldError(at, `must be true or false, got ${describeValue(value)}`);
    }
    params.append(name, `${numericBooleans(value)}`);
  }
  return params.toString();
}

/**
 * Booleans go on the wire as `1`/`0`, in the query and in forms alike: the vendor's doc types them "boolean" without a
 * spelling, and `1`/`0` is what every PHP reading agrees on, whereas the string `false` is truthy in PHP (spec:
 * info.description, decision 5).
 */
function numericBooleans(value: unknown, parents: unknown[] = []): unknown {
  if (typeof value === "boolean") return +value;
  // A field that refers back to a parent is left as it is, for the form encoding to refuse by name: followed, it
  // overflowed the stack.
  if (parents.includes(value)) return value;
  const inner = (item: unknown) => numericBooleans(item, [...parents, value]);
  if (Array.isArray(value)) return value.map(inner);
  // Fields as the runtime's form encoding reads them: an object of Object.prototype's, or of none (Object.create(null)).
  if (isFieldObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inner(item)]));
  }
  return value;
}

/**
 * A urlencoded form body in the vendor's conventions: the runtime's encoding, with booleans as `1`/`0`. A string
 * or URLSearchParams body is sent as it is.
 *
 * @example
 * serializeForm({ survey_id: 52, _force_new: true }); // "survey_id=52&_force_new=1"
 */
export const serializeForm = (body: unknown): string | URLSearchParams =>
  typeof body === "string" || body instanceof URLSearchParams ? body : toFormUrlEncoded(numericBooleans(body) as Record<string, unknown>);

// An arrow, as serializeForm and oauth.ts's oauthBaseUrl: a one-expression helper so written is shorter once bundled
// (together 4 to 5 gzipped bytes).
/**
 * Whether `value` is one the vendor takes as a query parameter or an interaction-data value: a string, a finite number
 * or a boolean (`Number.isFinite` is false for anything but a number).
 *
 * @example
 * isWireValue(52); // true
 */
export const isWireValue = (value: unknown): value is string | number | boolean => typeof value === "string" || typeof value === "boolean" || Number.isFinite(value);
