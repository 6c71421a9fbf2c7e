import { checkClient, checkOptionNames, ConflictError, describeValue, endSentence, fieldError, idOrThrow, InputError, isFieldObject, nameErrorClasses, nameShown, normalizeName, shown, summarizeBody } from "@apis/runtime";
import type { SurveyDynamixClient } from "./client.js";
import { INTERACTION_DATA_KEY, interactionDataFields, OWN_FIELDS, RESERVED_DATA_KEYS, type InteractionDataValue } from "./interaction-data.js";
import { vendorTimestamp } from "./timestamps.js";
import type { Interaction, InteractionUpdate, NewInteraction, SurveyType } from "./types.js";

/**
 * `T` whose optional properties also take `undefined`, as the client reads them, so that a project compiled with
 * `exactOptionalPropertyTypes` can pass a value that may be missing (the generated types declare `external_ref?: string`).
 */
type OrUndefined<T> = { [K in keyof T]: {} extends Pick<T, K> ? T[K] | undefined : T[K] };

/**
 * Who an interaction reaches, as {@link createInteraction} checks it: `phone_number` for a voice, SMS or web-SMS survey,
 * `email` for an email one, neither for `web` (the default). The check also refuses an empty string, which no type can,
 * and a phone number not in international format (`0409999999`: `GET /phone_numbers/{phone_number}` converts it).
 */
type Respondent = OrUndefined<Partial<Pick<NewInteraction, "phone_number" | "email">>> &
  (
    // NonNullable, not Required: the generated field takes undefined (for exactOptionalPropertyTypes), which Required keeps.
    | { survey_type: Extract<SurveyType, "inbound" | "outbound" | "sms" | "websms">; phone_number: NonNullable<NewInteraction["phone_number"]> }
    | { survey_type: Extract<SurveyType, "email">; email: NonNullable<NewInteraction["email"]> }
    | { survey_type?: Extract<SurveyType, "web"> | undefined }
  );

/** What {@link createInteraction} takes: the interaction's own fields, and its interaction data in `data`. */
export type CreateInteractionInput = OrUndefined<Omit<NewInteraction, "_force_new" | "_shorten_urls" | "scheduled_at" | "survey_type" | "phone_number" | "email">> & Respondent & {
  /** Create it even while a pending interaction for the same phone number and survey exists. Default false. */
  _force_new?: boolean | undefined;
  /** Send the survey's start and unsubscribe links as short URLs. Default false. */
  _shorten_urls?: boolean | undefined;
  /** A Date, a UTC time `YYYY-MM-DD HH:MM:SS`, or `Now + X Days|Hours|Minutes`. Default: now. */
  scheduled_at?: string | Date | undefined;
  /** Interaction data: keys of letters, digits and underscores starting with a letter, e.g. `{ plan: "GOLD" }`. */
  data?: Record<string, InteractionDataValue | undefined> | undefined;
};

/** What {@link updateInteraction} takes: the interaction as `GET` returns it, with the fields to change edited. */
export type UpdateInteractionInput = OrUndefined<Omit<InteractionUpdate, "id" | "scheduled_at">> & {
  id?: number | undefined;
  /** A Date, or a UTC time `YYYY-MM-DD HH:MM:SS`, as the vendor writes it. */
  scheduled_at?: string | Date | undefined;
};

const VOICE_OR_SMS = ["inbound", "outbound", "sms", "websms"];
const FLAGS = ["_force_new", "_shorten_urls"] as const;
// data last: the message listing the fields leaves it out.
const FIELDS = [...OWN_FIELDS, ...FLAGS, "data"];
const SURVEY_TYPES = [...VOICE_OR_SMS, "web", "email"];
const STRING_FIELDS = ["phone_number", "email", "external_ref", "call_type", "agent_id", "respondent_language"] as const;

/**
 * `POST /interactions` was answered 409, without `_force_new`. The docs give that answer when a pending interaction
 * for the same phone number already exists on the survey; the message quotes the vendor's own reason (`body`), which
 * may say otherwise. If a duplicate is the cause, send the call again with `_force_new: true` to create another.
 *
 * @example
 * catch (e) { if (e instanceof DuplicateInteractionError) await createInteraction(sdx, { ...input, _force_new: true }) }
 */
export class DuplicateInteractionError extends ConflictError {
  /** The survey the interaction was for. Declared, not a class field: the constructor sets it (see ApiError). */
  declare readonly surveyId: number;

  constructor(response: Response, body: unknown, surveyId: number) {
    // The vendor's reason first: its 409 may have another cause than the one the docs give ("Survey 52 is closed").
    const reason = summarizeBody(body);
    super(
      `POST /interactions was refused with 409 Conflict${endSentence(reason && `: ${reason}`)} The docs give 409 when survey ${surveyId} ` +
        "already has a pending interaction for this respondent: then pass _force_new: true to create another.",
      { status: response.status, method: "POST", url: response.url || undefined, body },
    );
    this.surveyId = surveyId;
  }
}
nameErrorClasses({ DuplicateInteractionError });

// Safe: past 2^53 a number is no ID anyone was given, and 1e21 would go out as "1e+21".
function checkPositiveInteger(value: unknown, field: string, what: string): asserts value is number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) throw fieldError(field, `must be ${what}, a positive integer`);
}

/**
 * Creates an interaction (`POST /interactions`), sending `data` as the extra form fields the vendor stores as
 * interaction data. Checks before sending: known fields only (anything else would silently become interaction data;
 * one written another way, `surveyId` or `forceNew`, is told the field it means),
 * `phone_number` in international format (`+61409999999`) for voice, SMS and web-SMS surveys, `email` for email ones, and every data key (see
 * `interactionDataFields`); a problem throws an `InputError`. Returns the interaction created; an error status throws
 * the status-keyed `ApiError` with the vendor's body, and 409 (unless `_force_new` was sent) a {@link DuplicateInteractionError} (a `ConflictError`),
 * whose way out is `_force_new: true`.
 *
 * @example
 * const interaction = await createInteraction(sdx, {
 *   survey_id: 52, survey_type: "sms", phone_number: "+61409999999", scheduled_at: "Now + 5 minutes",
 *   data: { plan: "GOLD", order_id: 1234 },
 * });
 */
export async function createInteraction(client: SurveyDynamixClient, input: CreateInteractionInput, options?: { signal?: AbortSignal | undefined }): Promise<Interaction> {
  checkClient(client);
  if (typeof input !== "object" || input === null) {
    throw new InputError("input", 'createInteraction needs the interaction\'s fields, e.g. { survey_id: 52 }');
  }
  checkOptionNames(options ?? {}, ["signal"], "createInteraction");
  const unknown = Object.keys(input).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) {
    // One written another way (surveyId, Survey-Type) is a misspelt field, not interaction data: the field is named.
    const meant = FIELDS.find((field) => normalizeName(field) == normalizeName(unknown));
    throw new InputError(
      nameShown(unknown),
      // The example only for a key interaction data takes (another would be refused there too, and written out whole).
      `Unknown interaction field ${shown(unknown)}: ${meant ? `did you mean ${meant}?` : `the fields are ${FIELDS.slice(0, -1).join(", ")}; put interaction data in data${INTERACTION_DATA_KEY.test(unknown) && !RESERVED_DATA_KEYS.includes(unknown) ? `, e.g. { data: { ${unknown}: ... } }` : ""}`}`,
    );
  }
  const { data, scheduled_at, ...fields } = input;
  checkPositiveInteger(fields.survey_id, "survey_id", "the survey's ID (top right of the survey page)");
  // A null type is refused, not read as web: it would go out as survey_type= (see wire.ts), which the vendor may not read so.
  const { survey_type: type = "web" } = fields;
  if (!SURVEY_TYPES.includes(type)) throw fieldError("survey_type", `must be one of ${SURVEY_TYPES.join(", ")}`);
  for (const name of STRING_FIELDS) {
    const value: unknown = fields[name];
    if (value !== undefined && value !== null && typeof value !== "string") {
      const example = name === "phone_number" ? ' in international format, e.g. "+61409999999"' : "";
      throw fieldError(name, `must be a string${example}, got ${describeValue(value)}`);
    }
  }
  // The vendor's PHP reads any text but "" and "0" as true: a string "false" would create a duplicate.
  for (const flag of FLAGS) {
    const value: unknown = fields[flag];
    if (value != null && typeof value != "boolean") throw fieldError(flag, `must be true or false, got ${describeValue(value)}`);
  }
  if (fields.phone_connection_id != null) checkPositiveInteger(fields.phone_connection_id, "phone_connection_id", "an ID");
  if (scheduled_at !== undefined && typeof scheduled_at !== "string" && !(scheduled_at instanceof Date)) {
    throw fieldError("scheduled_at", `must be a Date, a UTC time "YYYY-MM-DD HH:MM:SS" or "Now + X Days|Hours|Minutes", got ${describeValue(scheduled_at)}`);
  }
  // A blank cell (or undefined, null: "undefined") is no number, nor a national one (no country): the vendor requires "+"
  // and digits alone (its "12 character string", the spec's pattern): "+61 409 999 999" or a trailing "\r" from a CSV is refused.
  if (VOICE_OR_SMS.includes(type) && !/^\+\d+$/.test(fields.phone_number!)) {
    throw new InputError("phone_number", `A ${type} interaction needs phone_number in international format, digits only, e.g. "+61409999999"`);
  }
  if (type == "email" && !fields.email?.trim()) throw new InputError("email", "An email interaction needs email: where to send the survey link");
  // The data keys are not in the spec's form schema, on purpose: there a misspelt field is a type error.
  // A JavaScript caller's null options read as none, as left out.
  const result = await client.POST("/interactions", {
    body: {
      ...interactionDataFields(data ?? {}),
      ...fields,
      // Left undefined, it is left out of the form, as every undefined field is.
      scheduled_at: scheduled_at instanceof Date ? vendorTimestamp(scheduled_at, "scheduled_at") : scheduled_at,
    } as NewInteraction,
    signal: options?.signal || null,
  });
  // With _force_new the vendor skips its duplicate check, so a 409 then has another cause: its own error says which.
  if (result.response.status === 409 && !fields._force_new) throw new DuplicateInteractionError(result.response, result.error, fields.survey_id);
  // The interaction a 2xx returns: one without its id (empty, null, a list, an envelope) is a server fault, and the
  // error's `body` keeps what came, so that an id it holds is not lost.
  return idOrThrow(result, "POST", "without the interaction's id (see body): find it with GET /interactions");
}

/**
 * Updates an interaction (`PUT /interactions/{interaction_id}`): JSON-encodes the object into the form field
 * `interaction`, as the vendor takes it. Pass the interaction as `GET` returns it with the fields to change edited;
 * its `id` is filled in from `interactionId` and must match it if given, and the `responses` / `interaction_data`
 * lists that `_include_*` add are left out, and a Date is written as the vendor's UTC `YYYY-MM-DD HH:MM:SS`. Returns the interaction stored; an error status throws the status-keyed
 * `ApiError` with the vendor's body.
 *
 * @example
 * const { data: current } = await sdx.GET("/interactions/{interaction_id}", { params: { path: { interaction_id: 891234 } } });
 * const updated = await updateInteraction(sdx, 891234, { ...current!, agent_id: "nevilr" });
 */
export async function updateInteraction(
  client: SurveyDynamixClient,
  interactionId: number,
  interaction: UpdateInteractionInput,
  options?: { signal?: AbortSignal | undefined },
): Promise<Interaction> {
  checkClient(client);
  checkPositiveInteger(interactionId, "interactionId", "the interaction's ID");
  checkOptionNames(options ?? {}, ["signal"], "updateInteraction");
  // A Map's entries are no own fields: the interaction would be sent as its id alone.
  if (!isFieldObject(interaction)) {
    throw fieldError("interaction", "must be the object GET /interactions/{interaction_id} returns, with the fields to change edited");
  }
  // As createInteraction's: JSON would write 1e21 as 1e+21, and an ID past 2^53 as a neighbouring one.
  if (interaction.survey_id !== undefined) checkPositiveInteger(interaction.survey_id, "interaction.survey_id", "the survey's ID");
  if (interaction.id !== undefined && interaction.id !== interactionId) {
    // The value is not quoted: JSON.stringify would write an object out whole, and throw on a BigInt. "Number" says what
    // "891234" lacks, which "must match 891234" did not.
    throw fieldError("interaction.id", `must be the number ${interactionId}, as interactionId, or left out`);
  }
  const { responses: _responses, interaction_data: _data, ...fields } = interaction as UpdateInteractionInput & Partial<Pick<Interaction, "responses" | "interaction_data">>;
  // The vendor takes the interaction as GET returns it, every field snake_case: agentId, or createInteraction's data or
  // flags (FLAGS: _force_new, _shorten_urls), names none of them, and what it carries would not be changed. Other lower-case names pass: GET may
  // return fields the doc does not list.
  for (const key in fields) if (/[A-Z]/.test(key) || key === "data" || (FLAGS as readonly string[]).includes(key)) throw fieldError(`interaction.${nameShown(key)}`, "is not a field of an interaction");
  const result = await client.PUT("/interactions/{interaction_id}", {
    params: { path: { interaction_id: interactionId } },
    // A Date as createInteraction writes it, where JSON would give ISO 8601 (and null for an invalid one).
    // NaN or Infinity, which JSON writes as null, would clear the field; a BigInt (a database driver's int8) JSON cannot
    // write: its TypeError named no field.
    body: { interaction: JSON.stringify({ ...fields, id: interactionId }, function (this: Record<string, unknown>, key, value: unknown) {
      if (typeof value == "bigint" || (typeof value == "number" && !isFinite(value))) throw fieldError(`interaction.${key}`, `must be a finite number, got ${describeValue(value)}`);
      return this[key] instanceof Date ? vendorTimestamp(this[key], `interaction.${key}`) : value;
    }) },
    signal: options?.signal || null,
  });
  // An answer for another interaction is no sign that this one was updated.
  return idOrThrow(result, "PUT", `without interaction ${interactionId} (see body)`, interactionId);
}

/**
 * The link a respondent follows to complete the survey. The vendor's doc spells the field `web_link` in one place
 * and `weblink` in another; this reads either.
 *
 * @example
 * const link = interactionWebLink(interaction); // "https://surveydynamix.com/web_survey/7aa870f0-..."
 */
export function interactionWebLink(interaction: Pick<Interaction, "web_link" | "weblink">): string | undefined {
  if (typeof interaction !== "object" || interaction === null) {
    throw fieldError("interaction", "must be the object createInteraction or GET /interactions/{interaction_id} returns");
  }
  return interaction.web_link ?? interaction.weblink;
}
