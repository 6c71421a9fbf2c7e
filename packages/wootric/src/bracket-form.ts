import { decodeQueryName, isFieldObject } from "@apis/runtime";

/** A parsed form: strings at the leaves, objects for `a[b]` and arrays for `a[]`. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

// Keys that would reach Object.prototype if assigned: dropped, never set.
export const UNSAFE_KEYS = /^(__proto__|constructor|prototype)$/;

type FormObject = { [key: string]: FormValue };

/**
 * Parses an `application/x-www-form-urlencoded` body written in Rails bracket notation (`a[b][c]=`, `a[]=`) into
 * nested objects, as Rack reads it; every leaf stays a string. Lists of hashes (`a[][k]=`) do not occur in
 * Wootric's webhooks and are not rebuilt as lists.
 *
 * @example
 * parseBracketForm("response[score]=7&response[end_user_properties][plan]=Pro&event_name=created")
 * // { response: { score: "7", end_user_properties: { plan: "Pro" } }, event_name: "created" }
 */
export function parseBracketForm(text: string): FormObject {
  const result: FormObject = {};
  for (const pair of text.split("&")) {
    // The name before the first "=", the value after it ("" without one); an empty pair has the empty name.
    const [name, value = ""] = pair.split(/=(.*)/s).map(decodeQueryName) as [string, string?];
    // `a[b][]` is the path a, b, "": the name up to its first bracket, then what each pair of brackets holds.
    const open = name.indexOf("[");
    const path = open > 0 ? [name.slice(0, open), ...Array.from(name.slice(open).matchAll(/\[([^\]]*)\]/g), (match) => match[1]!)] : [name];
    if (!name || path.some((key) => UNSAFE_KEYS.test(key))) continue;
    // `a[]=x` adds x to a list of scalars: a last empty key marks one, and is taken off the path (pop() gives "").
    const list = path.length > 1 && !path.at(-1) && !path.pop();
    const key = path.pop()!;
    // The objects on the way, made where there are none (or a string or list stood).
    const node = path.reduce((node, key) => (isFieldObject(node[key]) ? node[key] : (node[key] = {})) as FormObject, result);
    if (!list) node[key] = value;
    else if (Array.isArray(node[key])) node[key].push(value);
    else node[key] = [value];
  }
  return result;
}
