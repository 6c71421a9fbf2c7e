import { describeValue, InputError } from "@apis/runtime";

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
