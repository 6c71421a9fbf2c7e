import { checkOptionNames, describeValue, fieldError, isFieldObject, type ForwardedOptions } from "@apis/runtime";

/** Wootric's rate-limit headers, the same on the main API and CXI (spec: components.headers). */
export const RATE_LIMIT_HEADERS = { limit: "X-Rate-Limit-Limit", remaining: "X-Rate-Limit-Remaining", reset: "X-Rate-Limit-Reset" } as const;

/**
 * The `rateLimit` option of both Wootric clients: pacing by `X-Rate-Limit-Remaining`/`X-Rate-Limit-Reset`, so that
 * once the budget is spent requests wait for the reset instead of meeting a 429, for at most `maxWaitMs` (default
 * 60 000); beyond that they are sent and the 429 is handled like any other. `false` turns pacing off.
 */
export type WootricRateLimit = { maxWaitMs?: number | undefined } | false;

/**
 * The runtime's `rateLimit` for a Wootric client's option, checked; shared by `@apis/wootric` and `@apis/wootric-cxi`.
 *
 * @example
 * defineVendorClient({ ..., defaults: (options) => rateLimitDefaults(options.rateLimit) });
 */
export function rateLimitDefaults(option: WootricRateLimit | undefined): Partial<ForwardedOptions> {
  if (option === false) return {};
  // An object of fields: an array, a Map or a Date has no maxWaitMs to read, and the default pacing went on unseen.
  if (option !== undefined && !isFieldObject(option)) {
    throw fieldError("rateLimit", `must be { maxWaitMs? } or false, got ${describeValue(option)}`);
  }
  if (option) checkOptionNames(option, ["maxWaitMs"], "rateLimit");
  // The runtime reads an undefined maxWaitMs as left out (its 60 000 default).
  return { rateLimit: { headers: RATE_LIMIT_HEADERS, maxWaitMs: option?.maxWaitMs } };
}
