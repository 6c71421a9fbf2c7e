import { describeValue, fieldError, isFieldObject, nameShown } from "@apis/runtime";
import type { components } from "./generated/schema.js";

/** End-user properties as the spec declares them: one level of names to strings, numbers or booleans. */
export type Properties = components["schemas"]["Properties"];

/** What {@link properties} takes: a Date stands for a `*_date` property's Unix timestamp. */
export type PropertyInput = Record<string, string | number | boolean | Date | null | undefined>;

/**
 * End-user properties for a write body (`properties`, `end_user.properties`), checked and converted before they are
 * sent in Rails bracket notation (`properties[plan]=Pro`): names must be non-empty and free of `[` and `]` (which
 * would nest another key), values flat (Wootric keeps one level), a `*_amount` property a whole number and a
 * `*_date` property a Date or Unix timestamp in seconds (vendor doc `_custom_fields.md`: "Integers must be suffixed
 * with _amount and dates must be in Unix timestamp format and suffixed with _date"); a Date becomes seconds. Undefined values are left out. Throws an {@link InputError} naming the property.
 *
 * @example
 * await wootric.POST("/v1/end_users", { body: { email, properties: properties({ plan: "Pro", revenue_amount: 10000, purchase_date: new Date() }) } });
 */
export function properties(input: PropertyInput): Properties {
  return propertiesAt(input, "properties");
}

/**
 * {@link properties}, naming a bad one under `at`, where the caller wrote them (`end_user.properties` in
 * sendEmailSurvey). Not public: a second argument of properties would be an index in `list.map(properties)`.
 *
 * @example
 * propertiesAt(endUser.properties, "end_user.properties");
 */
export function propertiesAt(input: PropertyInput, at: string): Properties {
  // A Map's entries are no own fields: they would be dropped without a word.
  if (!isFieldObject(input)) throw fieldError(at, `must be an object of names to values, got ${describeValue(input)}`);
  const result: Properties = {};
  for (const [name, value] of Object.entries(input)) {
    const field = `${at}.${nameShown(name)}`;
    // __proto__ would set the result's prototype (null) or be dropped (anything else), not go out as a property.
    if (!name.trim() || /[[\]]|^__proto__$/.test(name)) throw fieldError(field, "is no property name: names must be non-empty, not __proto__ and without [ or ], which nest keys");
    if (value === undefined) continue;
    const converted = value instanceof Date ? Math.floor(+value / 1000) : value;
    // Kept before it is checked: a value refused throws, and the result goes with it. null is sent as it is, whatever
    // the name.
    result[name] = converted;
    if (converted == null) continue;
    // A string, number or boolean: no other type's name starts so (bigint, symbol).
    if (!/^(st|n|bo)/.test(typeof converted)) {
      throw fieldError(field, `must be a string, number, boolean or Date, got ${describeValue(value)}: Wootric keeps one level of properties`);
    }
    if (typeof converted === "number" && !Number.isFinite(converted)) throw fieldError(field, `must be a finite number, got ${value}`);
    if (name.endsWith("_amount") && !Number.isInteger(converted)) {
      throw fieldError(field, `must be a whole number (a property ending in _amount is an integer segment), got ${describeValue(value)}`);
    }
    // 1e10 seconds is the year 2286 (or 1653): a larger number is milliseconds (Date.now()), which Wootric would store.
    // Whole: Date.now() / 1000 without Math.floor is seconds already, and "not milliseconds" alone would not say why.
    if (name.endsWith("_date") && !(Number.isInteger(converted) && Math.abs(converted as number) < 1e10)) {
      throw fieldError(field, `must be a Date or whole Unix seconds, not milliseconds (a property ending in _date is a date segment), got ${describeValue(value)}`);
    }
  }
  return result;
}
