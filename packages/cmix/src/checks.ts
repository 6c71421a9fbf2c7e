import { checkOptionNames, describeValue, InputError } from "@apis/runtime";

/**
 * Returns `value` if it is a CMIX ID (a positive integer), else throws an `InputError` naming `field`: anything else
 * would build a URL the vendor cannot answer.
 *
 * @example
 * const surveyId = requireId(options.surveyId, "surveyId");
 */
export function requireId(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    // Only a number or string is quoted: JSON.stringify throws on a BigInt or an object whose references loop.
    throw new InputError(field, `${field} must be a positive integer ID, got ${typeof value === "number" ? value : typeof value === "string" ? JSON.stringify(value) : describeValue(value)}`);
  }
  return value;
}

/**
 * A helper's `{ signal }` options as a request init takes them; null options count as left out, and a misspelt name
 * (`Signal`, or another of `names`) or the signal itself passed as the options throws an `InputError`, where either
 * would be ignored and the call never stopped.
 *
 * @example
 * await cmix.survey.GET("/surveys/{surveyId}/data-layouts", { params, ...signalOf(options) });
 */
export function signalOf(options: { signal?: AbortSignal } | null | undefined, names = ["signal"]): { signal?: AbortSignal } {
  const opts = options ?? {};
  // Duck-typed, as checkPollOptions checks a signal: one from another realm is no instance of this one's AbortSignal.
  if (typeof (opts as { aborted?: unknown }).aborted == "boolean") throw new InputError("options", "options is an AbortSignal: pass it as { signal }");
  checkOptionNames(opts, names);
  return opts.signal ? { signal: opts.signal } : {};
}
