import type { RateLimiter } from "../rate-limit.js";
import { pause } from "./call.js";
import type { Layer } from "./layer.js";
import type { AttemptLog } from "./attempt-log.js";

/**
 * The rate-limit layer: before each attempt, waits (up to the limiter's `maxWaitMs`) for the budget the vendor last
 * reported to refill, asking again after every wait, since requests that waited together must not all spend the same
 * refilled budget; after it, reads the budget the response reports. Each wait, and each request sent although the
 * budget is spent (its reset is further away than `maxWaitMs`), is logged.
 *
 * @example
 * const layer = pacingLayer(createRateLimiter({ headers: { remaining: "X-Rate-Limit-Remaining", reset: "X-Rate-Limit-Reset" } }), log);
 */
export function pacingLayer(limiter: RateLimiter, log: AttemptLog): Layer {
  return async (request, next, call) => {
    let reserved = limiter.reserve();
    if (reserved.capped) log.note(call, "is sent with the rate limit spent: its reset is beyond rateLimit.maxWaitMs");
    for (; reserved.waitMs > 0; reserved = limiter.reserve()) {
      const waitMs = Math.round(reserved.waitMs);
      log.note(call, `waits ${waitMs} ms for the rate limit to reset`, { waitMs });
      // The wait logged, to the millisecond: a reset with a fraction of one (seconds given as 1.0004) is waited to within half.
      await pause(call, waitMs);
    }
    const response = await next(request, call);
    limiter.update(response);
    return response;
  };
}

