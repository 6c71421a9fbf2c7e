import { InputError } from "@apis/runtime";

/**
 * Returns `value` if it is a CMIX ID (a positive integer), else throws an `InputError` naming `field`: anything else
 * would build a URL the vendor cannot answer.
 *
 * @example
 * const surveyId = requireId(options.surveyId, "surveyId");
 */
export function requireId(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new InputError(field, `${field} must be a positive integer ID, got ${typeof value === "number" ? value : JSON.stringify(value) ?? typeof value}`);
  }
  return value;
}

/**
 * Returns a number option, `fallback` when it is left out, or throws an `InputError` naming `field` when it is not a
 * finite number of at least `rule.min` (and an integer if `rule.integer`).
 *
 * @example
 * const maxAttempts = numberOption(options.maxAttempts, "maxAttempts", 120, { min: 1, integer: true, hint: "how many polls" });
 */
export function numberOption(value: unknown, field: string, fallback: number, rule: { min: number; integer?: boolean; hint: string }): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < rule.min || (rule.integer === true && !Number.isInteger(value))) {
    throw new InputError(field, `${field} must be ${rule.integer ? "an integer" : "a number"} >= ${rule.min} (${rule.hint}), got ${String(value)}`);
  }
  return value;
}
