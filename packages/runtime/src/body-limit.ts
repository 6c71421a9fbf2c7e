import { checkNumber } from "./input-error.js";

/** Default of `maxResponseBytes`: 128 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 134_217_728;

/**
 * Checks a `maxResponseBytes` option: a positive safe integer of bytes, or `Infinity` to turn the bound off. Left
 * out, it is {@link DEFAULT_MAX_RESPONSE_BYTES}; anything else throws an `InputError` naming the option (see
 * `checkNumber`).
 *
 * @example
 * const maxBytes = checkMaxResponseBytes(options.maxResponseBytes); // 134217728
 */
export function checkMaxResponseBytes(value: number | undefined): number {
  if (value === Infinity) return value;
  const rule = { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, hint: "or Infinity for no bound" };
  return checkNumber(value, "maxResponseBytes", DEFAULT_MAX_RESPONSE_BYTES, rule);
}
