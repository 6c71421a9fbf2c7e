import { describeValue, InputError } from "./input-error.js";

/** Default of `maxResponseBytes`: 128 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 134_217_728;

/**
 * Checks a `maxResponseBytes` option: a positive whole number of bytes, or `Infinity` to turn the bound off. Left
 * out, it is {@link DEFAULT_MAX_RESPONSE_BYTES}; anything else throws an {@link InputError} naming the option.
 *
 * @example
 * const maxBytes = checkMaxResponseBytes(options.maxResponseBytes); // 134217728
 */
export function checkMaxResponseBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (value === Infinity || (typeof value === "number" && Number.isSafeInteger(value) && value > 0)) return value;
  throw new InputError(
    "maxResponseBytes",
    `maxResponseBytes must be a whole number of bytes >= 1, or Infinity to turn the bound off, got ${typeof value === "number" ? String(value) : describeValue(value)}`,
  );
}

/**
 * The sentence an error gives when a body passed the bound, naming the option and the limit.
 *
 * @example
 * tooLargeHint(1024); // "its body is larger than maxResponseBytes (1024 bytes) and was cancelled: raise ..."
 */
export function tooLargeHint(limit: number): string {
  return `its body is larger than maxResponseBytes (${limit} bytes) and was cancelled: raise maxResponseBytes or ask for less (a smaller page)`;
}
