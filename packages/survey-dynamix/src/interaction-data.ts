import { describeValue, fieldError, InputError, isFieldObject, nameShown, shown } from "@apis/runtime";
import { isWireValue } from "./wire.js";

/** The vendor's interaction-data key format: letters, digits and underscores, starting with a letter. */
export const INTERACTION_DATA_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A value of an interaction-data pair; numbers and booleans are stored as their text. */
export type InteractionDataValue = string | number | boolean;

// Fields `POST /interactions` reads as the interaction's own: a data key with one of these names would set the field.
// (Its flags, _force_new and _shorten_urls, start with an underscore, which no data key can.)
export const OWN_FIELDS = ["survey_id", "phone_number", "email", "survey_type", "scheduled_at", "external_ref", "call_type", "agent_id", "phone_connection_id", "respondent_language"];
// Names of the interaction resource the server may treat as its own, the embedded lists it returns, and its legacy
// credential parameter.
const RESOURCE_FIELDS = ["id", "uuid", "status", "web_link", "weblink", "created_at", "updated_at", "responses", "interaction_data", "auth_token"];

/** Keys `createInteraction` refuses as interaction data, because the vendor would read them as something else. */
export const RESERVED_DATA_KEYS: readonly string[] = [...OWN_FIELDS, ...RESOURCE_FIELDS];

/**
 * Checks interaction data before it is sent as extra fields of `POST /interactions`, and returns it as form fields.
 * Keys must match {@link INTERACTION_DATA_KEY} and must not be one of {@link RESERVED_DATA_KEYS}; values must be
 * strings, finite numbers or booleans (undefined ones are left out). Throws an {@link InputError} naming the key.
 *
 * @example
 * interactionDataFields({ plan: "GOLD", seats: 12 }); // { plan: "GOLD", seats: "12" }
 * interactionDataFields({ "9lives": "x" });           // InputError: keys start with a letter
 */
export function interactionDataFields(data: unknown, field = "data"): Record<string, string> {
  // A Map (or any other object of no own fields) would be sent as no data at all.
  if (!isFieldObject(data)) {
    throw fieldError(field, `must be an object of interaction-data keys and values, e.g. { plan: "GOLD" }`);
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    const at = `${field}.${nameShown(key)}`;
    // Why the vendor would not take the key, or would read it as something else, if it would.
    const refused = !INTERACTION_DATA_KEY.test(key)
      ? 'is not valid: use letters, digits and underscores, starting with a letter, e.g. "plan_tier"'
      : OWN_FIELDS.includes(key)
        ? `is a field of the interaction itself: pass it as ${key}, not in data, or rename the key, e.g. "customer_${key}"`
        : RESOURCE_FIELDS.includes(key) && `names a field the vendor reads itself: rename the key, e.g. "customer_${key}"`;
    if (refused) throw new InputError(at, `Interaction-data key ${shown(key)} ${refused}`);
    if (value === undefined) continue;
    if (!isWireValue(value)) throw fieldError(at, `must be a string, number or boolean, got ${describeValue(value)}: interaction data is stored as text`);
    fields[key] = `${value}`;
  }
  return fields;
}
