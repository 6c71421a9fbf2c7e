import { redactBody } from "./redact.js";
import { shorten } from "./shorten.js";
import { isIdempotent, NOT_RETRIED } from "./retry.js";

/**
 * One line describing a vendor error body: its `message`, `error_description`, `error` or first `errors` entry,
 * else the body itself, shortened. Credentials are redacted.
 *
 * @example
 * summarizeBody({ error: "invalid_grant", error_description: "Bad password" }); // "invalid_grant (Bad password)"
 */
export function summarizeBody(body: unknown): string {
  // Typed as the object its fields are read from below: a string, number or boolean is written out before them.
  const clean = redactBody(body) as Record<string, unknown> | null | undefined;
  const text = (() => {
    // A string as it is, null and undefined as nothing.
    if (typeof clean !== "object" || clean === null) return clean == null ? "" : String(clean);
    const { error, error_description: description, errors } = clean;
    if (typeof error === "string" && error && typeof description === "string" && description) return `${error} (${description})`;
    for (const candidate of [clean.message, description, error, clean.detail, clean.title]) {
      if (typeof candidate === "string" && candidate) return candidate;
    }
    if (Array.isArray(errors)) {
      // An empty list's first entry is undefined, which matches neither test.
      const first: unknown = errors[0];
      if (typeof first === "string") return first;
      // redactBody wrote any function as a string, so a value with a string message here is an object.
      if (typeof (first as { message?: unknown } | null | undefined)?.message === "string") return (first as { message: string }).message;
    }
    return JSON.stringify(clean) ?? "";
  })();
  return shorten(text, 200);
}

/**
 * What to check for an HTTP failure of this status, as the end of an error message. The wait a 429 or 503 asked for
 * is the error's `retryAfterMs`, not part of the message. A server error to a request that is not safe to resend (a
 * POST or PATCH) may have been carried out before the server failed: it says {@link NOT_RETRIED} instead of "retry later".
 *
 * @example
 * hintForStatus(404); // "Check the URL, its IDs included: ..."
 */
export function hintForStatus(status: number, method?: string): string {
  if (status === 400 || status === 422) return "Check the request's parameters and body.";
  if (status === 401) return "Check the credentials: missing, wrong or expired.";
  if (status === 403) return "Check the account's permissions.";
  if (status === 404) return "Check the URL, its IDs included: no such resource, or not this account's.";
  if (status === 409) return "Changed or already exists: fetch it again before retrying.";
  if (status === 429) return "Rate limited: slow down and retry later.";
  if (status >= 500) return method && !isIdempotent(method) ? `The vendor failed.${NOT_RETRIED}` : "The vendor failed: retry later.";
  return "See `body` for the vendor's explanation.";
}

/**
 * `text` ended as a sentence: with a full stop, unless it already ends with `.`, `?` or `!` (a vendor's message, a
 * platform's network error), which a second one would follow as a typo ("first.. Check ...").
 *
 * @example
 * endSentence("No such tag"); // "No such tag."
 * endSentence("Is the survey live?"); // "Is the survey live?"
 */
export function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
