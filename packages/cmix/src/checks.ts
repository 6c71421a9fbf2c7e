import { checkOptionNames, fieldError, InputError, isAbortSignal, shown } from "@apis/runtime";
import type { CmixClient } from "./client.js";

/** Refuses a respondent type other than CMIX's two (`RespondentType`: live or test respondents), naming `field`. */
export function requireRespondentType(value: unknown, field: string): void {
  if (value !== "LIVE" && value !== "TEST") throw fieldError(field, `must be "LIVE" or "TEST", got ${shown(value)}`);
}

/**
 * Returns `value` if it is a CMIX ID (a positive integer), else throws an `InputError` naming `field`: anything else
 * would build a URL the vendor cannot answer.
 *
 * @example
 * const surveyId = requireId(options.surveyId, "surveyId");
 */
export function requireId(value: unknown, field: string): number {
  if (!isId(value)) throw fieldError(field, `must be a positive integer ID, got ${shown(value)}`);
  return value;
}

/**
 * The `{ signal }` options of the helper `of` as a request init takes them; null options count as left out, and an
 * option that is not one of `names` (`Signal`, `timeout`), the signal itself passed as the options, or a `signal` that
 * is none throws an `InputError`, where each would be ignored or fail later and the call never stopped.
 *
 * @example
 * await cmix.survey.GET("/surveys/{surveyId}/data-layouts", { params, ...signalOf(options, "getDataLayouts") });
 */
export function signalOf(options: { signal?: AbortSignal | undefined } | null | undefined, of: string, names = ["signal"]): { signal?: AbortSignal | undefined } {
  const opts = options ?? {};
  checkOptionNames(opts, names, of);
  const signal = opts.signal;
  // null reads as none, as fetch reads it; anything else that is no signal would fail later with the platform's TypeError
  // (or, between polls, never stop the wait). Duck-typed: one from another realm is no instance of this one's AbortSignal.
  if (signal != null && !isAbortSignal(signal)) {
    throw fieldError("signal", "must be an AbortSignal, e.g. AbortController#signal");
  }
  return signal ? { signal } : {};
}

/**
 * Refuses, with an `InputError`, anything but a CMIX client with the `service` a helper calls (null, `{}`, another
 * vendor's client, one service's client such as `cmix.survey`, createClient's options): each would fail deep inside
 * with a TypeError ("Cannot read properties of undefined").
 *
 * @example
 * checkClient(cmix, "reporting");
 */
export function checkClient(cmix: CmixClient, service: "survey" | "reporting" = "survey"): void {
  if (!cmix?.[service]) throw fieldError("cmix", "must be the client createClient() returns");
}

/**
 * Whether `value` can be a CMIX ID (of a survey, an archive, a data layout): a positive integer. Used on what the vendor
 * sends too: the create call's `dataLayoutId` is undocumented (Dynata's own client ignores it and polls through the
 * `Default` layout).
 *
 * @example
 * const layout = isId(archive.dataLayoutId) ? archive.dataLayoutId : undefined;
 */
export function isId(value: unknown): value is number {
  // Number.isSafeInteger is false for anything but a number, so no typeof test before it (2 to 3 gzipped bytes).
  return Number.isSafeInteger(value) && (value as number) > 0;
}
