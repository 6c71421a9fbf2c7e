import { checkClient, checkNumber, checkOptionNames, dataOrThrow, describeValue, fieldError, InputError, isFieldObject, nameShown, shown } from "@apis/runtime";
import type { WootricClient } from "./client.js";
import type { components } from "./generated/schema.js";
import { propertiesAt } from "./properties.js";

type Schemas = components["schemas"];

/** What `POST /v1/email_survey` takes: the addresses, and the options both e-mail survey endpoints share. */
export type EmailSurveyRequest = Schemas["EmailSurveyRequest"];
/**
 * What Wootric answers an accepted send with: undocumented, so any JSON value (`unknown`; the spec's `Accepted`). The
 * helpers resolve it as it came, or `undefined` for a 2xx with no body.
 */
export type EmailSurveyResult = components["responses"]["Accepted"]["content"]["application/json"];

/**
 * The send options both e-mail survey endpoints take (spec: EmailSendOptions). A name spelt otherwise would be sent,
 * and ignored by Wootric: `survey_imediately: true` would survey on the default schedule.
 */
export const SEND_OPTIONS = ["survey_immediately", "survey_settings", "subject", "intro", "context", "senders_name", "reply_to_email", "delay", "access_token"] as const;
// Every field of the request; the compiler checks it against the spec's type both ways.
const REQUEST_FIELDS = ["emails", "external_ids", "end_user", ...SEND_OPTIONS] as const satisfies readonly (keyof EmailSurveyRequest)[];
true satisfies [Exclude<keyof EmailSurveyRequest, (typeof REQUEST_FIELDS)[number]>] extends [never] ? true : false;

/** At most 100 e-mail addresses per `POST /v1/email_survey` (vendor doc, "Email Survey"). */
export const MAX_EMAILS = 100;

// The fields of survey_settings and of its two objects; the compiler checks each list against the spec's type both ways.
const SETTINGS = ["language", "survey_template_id", "logo_url", "audience_text", "product_name", "custom_messages", "sampling"] as const satisfies readonly (keyof Schemas["SurveySettings"])[];
true satisfies [Exclude<keyof Schemas["SurveySettings"], (typeof SETTINGS)[number]>] extends [never] ? true : false;
const MESSAGES = ["followup_text", "detractor_followup_text", "passive_followup_text", "promoter_followup_text", "prompt_text", "detractor_prompt_text", "passive_prompt_text", "promoter_prompt_text"] as const satisfies readonly (keyof Schemas["CustomMessages"])[];
true satisfies [Exclude<keyof Schemas["CustomMessages"], (typeof MESSAGES)[number]>] extends [never] ? true : false;
const SAMPLING = ["first_survey_delay", "response_throttle", "decline_throttle", "registered_percent"] as const satisfies readonly (keyof Schemas["Sampling"])[];
true satisfies [Exclude<keyof Schemas["Sampling"], (typeof SAMPLING)[number]>] extends [never] ? true : false;

/**
 * Checks the options both e-mail survey endpoints share, where the docs give a rule (a `delay` of 1-31 days, a
 * `registered_percent` of 0-100), and the names in `survey_settings`: one spelt otherwise (`custom_message`,
 * `followup`) would be sent and ignored, and the survey sent without it.
 */
export function checkSendOptions(options: { delay?: unknown; survey_settings?: unknown }): void {
  checkNumber(options.delay, "delay", 1, { min: 1, max: 31, integer: true, hint: "days to wait before sending" });
  // An object or nothing: a string's or an array's names are its indexes ("0 is not an option").
  const names = (value: unknown, list: readonly string[], at: string) => {
    if (value != null && !isFieldObject(value)) throw fieldError(at, `must be an object, got ${describeValue(value)}`);
    checkOptionNames(Object(value), list, at);
    return value as { custom_messages?: unknown; sampling?: unknown; registered_percent?: unknown } | undefined;
  };
  const settings = names(options.survey_settings, SETTINGS, "survey_settings");
  names(settings?.custom_messages, MESSAGES, "survey_settings.custom_messages");
  // A chance in percent (spec: Sampling): 150 or -5 would be sent as it is.
  const sampling = names(settings?.sampling, SAMPLING, "survey_settings.sampling");
  checkNumber(sampling?.registered_percent, "survey_settings.sampling.registered_percent", 0, { min: 0, max: 100, integer: true });
}

/** Checks one address: Wootric makes an end user of every address it is given, so a typo would become one. */
export function checkEmail(address: string, field: string): void {
  if (!/^[^\s@\p{C}]+@[^\s@\p{C}]+$/u.test(address)) throw fieldError(field, `must be an e-mail address, got ${shown(address)}`);
}

/**
 * The addresses of a list field, each checked: the docs' own example sends two comma-joined addresses in one
 * `emails[]` value, so each value may hold several.
 */
export function addressesOf(list: unknown, field: string, what: string): string[] {
  if (!Array.isArray(list)) throw fieldError(field, `must be an array of ${what} strings, got ${describeValue(list)}`);
  return list.flatMap((value: unknown, index) => {
    if (typeof value !== "string") throw fieldError(`${field}[${index}]`, `must be a string (${what}), got ${describeValue(value)}`);
    // Split at each comma and the spaces around it, as the vendor's example writes a list: the parts are checked as they
    // are sent, so white space elsewhere (a no-break space, a byte-order mark) is refused with its address.
    const parts = value.split(/ *, */);
    if (parts.includes("")) throw fieldError(`${field}[${index}]`, `has an empty ${what}: remove it or its comma`);
    return parts;
  });
}

/**
 * Sends e-mail surveys (`POST /v1/email_survey`) to at most 100 addresses; unknown addresses become end users. Checked
 * before anything is sent: every address a string that looks like one, with no white space at its ends either (a value
 * may join several with commas, spaces around them allowed, as the vendor's example does; each counts), 1 to 100 of
 * them, as many `external_ids` as addresses when given, a `delay` of 1-31 days, the names in `survey_settings`, and
 * `end_user` holding `properties` alone, checked as {@link properties} checks them. Returns Wootric's answer, or
 * `undefined` when the 2xx has no body (the surveys were accepted all the same: the answer's shape is undocumented); a
 * refusal throws the status-keyed `ApiError` (`BadRequestError`, `RateLimitError`, ...) with the vendor's body.
 *
 * @example
 * await sendEmailSurvey(wootric, {
 *   emails: ["john@example.com", "jane@example.com"],
 *   survey_immediately: true,
 *   end_user: { properties: { campaign_name: "Spring" } },
 *   subject: "How was your {{service}}?",
 *   context: [{ service: "internet" }],
 * });
 */
export async function sendEmailSurvey(client: WootricClient, request: EmailSurveyRequest, options?: { signal?: AbortSignal | undefined }): Promise<EmailSurveyResult | undefined> {
  checkClient(client);
  if (!isFieldObject(request)) {
    throw new InputError("request", `sendEmailSurvey needs { emails: [...] } and the send options, got ${describeValue(request)}`);
  }
  // Names first: a misspelt field is named as such, and nothing is sent.
  checkOptionNames(request, REQUEST_FIELDS, "sendEmailSurvey");
  const emails = addressesOf(request.emails, "emails", "e-mail address");
  if (!emails.length) throw fieldError("emails", "is empty: give at least one address to survey");
  if (emails.length > MAX_EMAILS) {
    throw fieldError("emails", `has ${emails.length} addresses, over Wootric's ${MAX_EMAILS} per request: send batches`);
  }
  emails.forEach((email, index) => checkEmail(email, `emails (address ${index + 1})`));
  if (request.external_ids !== undefined) {
    const ids = addressesOf(request.external_ids, "external_ids", "external ID");
    if (ids.length != emails.length) {
      throw fieldError("external_ids", `has ${ids.length} IDs for ${emails.length} addresses: one per address, in order`);
    }
  }
  checkSendOptions(request);
  checkOptionNames(options ?? {}, ["signal"], "sendEmailSurvey");
  const endUser = request.end_user;
  // The vendor's table reads "end_user: End user properties", but { plan } there goes out as end_user[plan], ignored. Own
  // keys with a value, as the form sends them: an undefined one goes out as nothing.
  for (const [name, value] of Object.entries(Object(endUser))) if (name != "properties" && value !== undefined) throw fieldError(`end_user.${nameShown(name)}`, "is no field: end-user properties go in end_user.properties");
  // Checked and converted as everywhere else they are written (see properties): Wootric stores what it is sent, so a
  // date in milliseconds or a nested object would become a wrong segment.
  const result = await client.POST("/v1/email_survey", {
    body: endUser?.properties != null ? { ...request, end_user: { ...endUser, properties: propertiesAt(endUser.properties, "end_user.properties") } } : request,
    // A redirect throws, as the ApiError of its status: fetch would resend a 301, 302 or 303 as a GET without the body,
    // whose answer (a sign-in page) would resolve as the accepted send. Not "error", which Cloudflare Workers refuse.
    redirect: "manual",
    signal: options?.signal || null,
  });
  return dataOrThrow(result, "POST");
}
