import { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.js";
import { checkNumber, describeValue, fieldError, InputError, isFieldObject } from "./input-error.js";
import { MAX_TIMER_MS } from "./timeout.js";
import { checkOptionNames } from "./option-names.js";

/** The most retries a transport makes after the first attempt. */
export const MAX_RETRIES = 10;

/** The options of a transport that are not about authentication, checked and with defaults applied (`fetch` is only checked). */
export interface CheckedTransportOptions {
  timeoutMs: number;
  maxRetries: number;
  retryDelay: { baseMs: number; maxMs: number };
  maxResponseBytes: number;
}

/**
 * Checks the sending options every client, token source and code exchange takes, before anything is sent: `fetch`
 * a function; `timeoutMs` an integer from 1 to 2^31-1; `maxRetries` an integer from 0 to 10; `retryDelay` an object
 * whose `baseMs` and `maxMs` are numbers from 0 to 2^31-1; `rateLimit` an object, with no other name in either;
 * `maxResponseBytes` a positive safe integer, or `Infinity` for no bound (default {@link DEFAULT_MAX_RESPONSE_BYTES}). Anything
 * else throws an {@link InputError} naming the option and the accepted range, never quoting the value unless it is
 * a number.
 *
 * @example
 * const { timeoutMs, maxRetries } = checkTransportOptions({ timeoutMs: 30_000 });
 */
export function checkTransportOptions(options: {
  fetch?: unknown;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  retryDelay?: unknown;
  maxResponseBytes?: number | undefined;
  rateLimit?: unknown;
}): CheckedTransportOptions {
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw fieldError("fetch", `must be a function like globalThis.fetch, got ${describeValue(options.fetch)}`);
  }
  const retryDelay = options.retryDelay as { baseMs?: number | undefined; maxMs?: number | undefined } | undefined;
  if (retryDelay !== undefined && !isFieldObject(retryDelay)) {
    throw fieldError("retryDelay", `must be { baseMs?, maxMs? } in ms from 0 to ${MAX_TIMER_MS}, got ${describeValue(retryDelay)}`);
  }
  const rateLimit = options.rateLimit;
  if (rateLimit !== undefined && !isFieldObject(rateLimit)) {
    throw fieldError("rateLimit", `must be { headers: { remaining, reset }, maxWaitMs? }, got ${describeValue(rateLimit)}`);
  }
  // A misspelt name (initialMs, maxWait) would leave its default in force without a word.
  if (retryDelay) checkOptionNames(retryDelay, ["baseMs", "maxMs"], "retryDelay");
  if (rateLimit) checkOptionNames(rateLimit, ["headers", "maxWaitMs"], "rateLimit");
  return {
    timeoutMs: checkNumber(options.timeoutMs, "timeoutMs", 60_000, { min: 1, max: MAX_TIMER_MS, integer: true }),
    maxRetries: checkNumber(options.maxRetries, "maxRetries", 2, { min: 0, max: MAX_RETRIES, integer: true }),
    retryDelay: {
      baseMs: checkNumber(retryDelay?.baseMs, "retryDelay.baseMs", 500, { min: 0, max: MAX_TIMER_MS }),
      maxMs: checkNumber(retryDelay?.maxMs, "retryDelay.maxMs", 8000, { min: 0, max: MAX_TIMER_MS }),
    },
    maxResponseBytes:
      options.maxResponseBytes === Infinity
        ? Infinity
        : checkNumber(options.maxResponseBytes, "maxResponseBytes", DEFAULT_MAX_RESPONSE_BYTES, { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, hint: "or Infinity for no bound" }),
  };
}
