import { fieldError, isFieldObject, redactSecrets } from "@apis/runtime";

/** The segments bulk update, whose body {@link checkSegmentsBody} checks on raw calls. */
export const SEGMENTS_PATH = "/v1/segments/update_bulk";

// The field that names the entry of each list: Rails starts the entry's hash at it.
const LEADS: Record<string, string> = { responses: "id", users: "user_id" };

// A field left out (undefined), or sent as none or as a list (an empty object or array, `[413]`), starts no hash: null
// goes as an empty value, which Rails does see.
function need(object: Record<string, unknown> | undefined, key: string, at: string): void {
  const value = object?.[key];
  if (value === undefined || isFieldObject(value) || Array.isArray(value)) throw fieldError(at + key, "is required, as one value: Rails would merge what follows into the entry before");
}

/**
 * Refuses, with an `InputError` naming the field, a `PUT /v1/segments/update_bulk` body that Rails would read as other
 * updates than it lists. Rails reads `responses[][id]=1&responses[][custom_properties][][key]=plan&...` as lists of
 * hashes, starting a new one only at a field the last one has: an entry without its `id` (`user_id` for `users`), or a
 * property without its `key` or `value`, was merged into the one before or after it, setting a value on the wrong
 * response or property. An entry's `custom_properties` must be such a list (not a map such as `{ plan: "Pro" }`). A
 * body without either list (`{}`, or `response` misspelt) would update nothing.
 *
 * @example
 * checkSegmentsBody({ responses: [{ id: 413, custom_properties: [{ key: "plan", value: "Pro" }] }] }); // ok
 * checkSegmentsBody({ responses: [{ custom_properties: [{ key: "plan", value: "Pro" }] }] }); // throws on body.responses[0].id
 */
export function checkSegmentsBody(body: unknown): void {
  // Anything else but a body left out is refused by the form encoding; left out, none is sent.
  if (body !== undefined && !isFieldObject(body)) return;
  const lists = Object.entries(body ?? {}).filter(([, list]) => list !== undefined);
  if (!lists.length) throw fieldError("body", "must have responses or users: nothing would be updated");
  for (const [name, list] of lists) {
    // LEADS' own: a list named as a built-in of every object (toString, constructor) is none. The name as given, but
    // for a credential the package knows (one pasted as a key).
    if (!Object.hasOwn(LEADS, name) || !Array.isArray(list)) throw fieldError(`body.${redactSecrets(name)}`, "is not read: send lists of responses or users");
    list.forEach((entry: Record<string, unknown> | undefined, index) => {
      const at = `body.${name}[${index}].`;
      need(entry, LEADS[name]!, at);
      // A map ({ plan: "Pro" }) or one property in place of the list is read as a hash, a string or null as one value:
      // no list of properties, which Wootric updates by.
      const properties = entry!.custom_properties;
      if (properties !== undefined && !Array.isArray(properties)) throw fieldError(at + "custom_properties", "must be a list");
      properties?.forEach((property: Record<string, unknown> | undefined, i) => {
        const propertyAt = `${at}custom_properties[${i}].`;
        need(property, "key", propertyAt);
        need(property, "value", propertyAt);
      });
    });
  }
}
