import type { FormValue } from "./bracket-form.js";
import { isFieldObject } from "@apis/runtime";

type Typed = string | number | boolean | null | { [key: string]: unknown };

/**
 * How a form field is typed (the form carries strings only, the spec's schemas say what each one is): the value as its
 * field type says, or `undefined` when it cannot be one (the caller refuses the payload).
 */
export type FieldType = (value: unknown) => Typed | undefined;

// The value (digits as text read as their number) if it is a safe integer, else undefined: find finds nothing. Beyond
// 2^53 a number is rounded to another one (an id to a neighbour's): refused instead.
const integer: FieldType = (value) => [typeof value === "string" && /^-?\d+$/.test(value) ? +value : value].find(Number.isSafeInteger) as number | undefined;
// A boolean, or its name as text; else undefined: find finds nothing.
const boolean: FieldType = (value) => [true, false].find((flag) => value === flag || value === `${flag}`);
// A string or a number: no other type's name starts so (symbol, bigint).
const string: FieldType = (value) => (/^(st|n)/.test(typeof value) ? `${value}` : undefined);
// The event's name, timestamp and account token (the last two may be left out, not null): a null in one is refused, as
// one in an integer is (every integer field is a required one), where one in an optional field reads as the field left out.
const text: FieldType = (value) => string(value);
// A form cannot tell null from "": Rails writes both as `key=`; the JSON format sends null.
const nullableString: FieldType = (value) => (value === null || typeof value === "string" ? value || null : undefined);
const properties: FieldType = (value) => (isFieldObject(value) ? { ...value } : undefined);

/** Each field type under the name the spec's schemas give it (a test reads the tables below through it). */
export const FIELD_TYPES = { integer, boolean, string, text, "nullable-string": nullableString, properties };

/**
 * Field types of `WebhookDecline` and `WebhookResponse` in specs/wootric/openapi.yaml (a test checks both tables
 * against the spec). A response carries every field of a decline, plus its score, comment and exclusion flag.
 */
export const DECLINE_FIELDS: Record<string, FieldType> = {
  id: integer,
  email: nullableString,
  external_id: nullableString,
  ip_address: string,
  origin_url: string,
  end_user_id: integer,
  end_user_properties: properties,
  survey_id: integer,
  created_at: string,
  updated_at: string,
};

export const RESPONSE_FIELDS: Record<string, FieldType> = {
  ...DECLINE_FIELDS,
  score: integer,
  text: nullableString,
  excluded_from_calculations: boolean,
};

/** Fields of the event itself, beside `response` or `decline`. */
export const EVENT_FIELDS: Record<string, FieldType> = {
  event_name: text,
  timestamp: text,
  account_token: text,
  survey_mode: string,
};

/**
 * Types the known fields of a parsed object; unknown fields are kept as they came (new vendor fields pass
 * through). Returns undefined if a known field has a value of the wrong kind, or an integer one is missing. A JSON null in an optional field that
 * takes none (`ip_address`, `origin_url`, `end_user_properties`, `updated_at`, ...) is read as the field left out
 * (undefined), so that an event the form format writes with an empty field (Rails' nil) is not refused in JSON; one in
 * a required field (an integer, or text) is refused. The form's empty value (`response[end_user_properties]=`) in a
 * field that is no string (properties, a boolean) is read the same way. That Wootric's JSON carries such nulls is a guess: the vendor's
 * two JSON samples (_webhooks.md) have none but `text`.
 */
export function typeFields(raw: { [key: string]: FormValue | unknown }, fields: Record<string, FieldType>): { [key: string]: unknown } | undefined {
  const result: { [key: string]: unknown } = { ...raw };
  for (const [name, type] of Object.entries(fields)) {
    // An id or a score (every integer field is a required one) left out is refused as a null one is: the type says it
    // is there. The event's timestamp and account token may be left out, as before: its data is the caller's either way
    // (account_token reached Wootric's docs after the events; maxAgeMs refuses an event without a timestamp as
    // stale). Without event_name the event has no type, and is refused as such.
    if (!(name in raw) && type != integer) continue;
    const typed = type(raw[name]);
    // A form's empty value (Rails writes nil as `key=`) is read as a JSON null is: an empty end_user_properties or
    // excluded_from_calculations is left out, not a reason to refuse the event.
    if (typed === undefined && ((raw[name] ?? "") !== "" || type == integer || type == text)) return undefined;
    result[name] = typed;
  }
  return result;
}
