import { checkNumber, fieldError } from "./input-error.js";
import { MAX_TIMER_MS } from "./timeout.js";

/**
 * Pacing by the budget a vendor reports in its response headers, e.g. Wootric's `X-Rate-Limit-Limit`,
 * `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset`.
 */
export interface RateLimitOptions {
  /** The header names. `reset` is the time the budget refills: unix seconds, or (below 10^9) seconds from now. */
  headers: { limit?: string | undefined; remaining: string; reset: string };
  /**
   * The longest a request waits for the budget to refill, in milliseconds: one wait, for one reset. A request that
   * would wait longer is sent at once, and the vendor's 429 then takes the usual retry path (`Retry-After`, at most 60
   * s, else returned). Requests beyond the budget queue a window at a time, each wait within `maxWaitMs`, so that with
   * many in flight one may wait several windows in all (8 over a budget of 1 a second: the last about 8 s); neither
   * this nor `timeoutMs` bounds that sum: bound a call's whole time with its `signal` (`AbortSignal.timeout(ms)`).
   * Default 60 000.
   */
  maxWaitMs?: number | undefined;
}

// Timers may fire a millisecond early and vendors round the reset down to a second: a little slack avoids a 429 at the edge.
const RESET_SLACK_MS = 100;

/** The budget one client shares between all its requests. */
export interface RateLimiter {
  /**
   * How long the next request must wait, in milliseconds (0 to send now), counting it against the budget; `capped`
   * when it should have waited longer than `maxWaitMs` and goes now instead.
   */
  reserve(now?: number): { waitMs: number; capped: boolean };
  /** Reads the budget a response reports. */
  update(response: Pick<Response, "headers" | "ok">, now?: number): void;
}

/**
 * A shared budget: after a response says `remaining` requests are left until `reset`, up to that many more go out
 * at once (counted locally, so concurrent requests cannot all take the last one), and the rest wait until `reset`.
 * Once the reset time has passed, the budget is unknown again until the next response reports it; if it was spent,
 * one request goes to learn it while the others wait for its answer (asking again every 100 ms), so that requests
 * that waited together do not all go at once into 429s.
 *
 * @example
 * const limiter = createRateLimiter({ headers: { remaining: "X-Rate-Limit-Remaining", reset: "X-Rate-Limit-Reset" } });
 * const { waitMs } = limiter.reserve();
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const names = options?.headers;
  if (![names?.remaining, names?.reset].every((name) => typeof name === "string" && name)) {
    throw fieldError("rateLimit.headers", "must be { remaining, reset }, each a response header's name");
  }
  const maxWaitMs = checkNumber(options.maxWaitMs, "rateLimit.maxWaitMs", 60_000, { min: 0, max: MAX_TIMER_MS });
  // The budget is known while resetAt is set (a time in epoch ms, never 0); `remaining` means nothing otherwise.
  let remaining = 0;
  let resetAt: number | undefined;

  return {
    reserve(now = Date.now()) {
      // Unknown budget, or some left: sent now. Spent: wait until the reset.
      let waitMs = 0;
      if (resetAt) {
        if (now >= resetAt) {
          // Past the reset the budget is unknown. Spent, it had requests waiting: this one goes to learn the new budget,
          // and the others ask again RESET_SLACK_MS later (-1 marks the wait for that answer), instead of all going at once.
          if (remaining > 0) resetAt = undefined;
          else {
            remaining = -1;
            resetAt = now + RESET_SLACK_MS;
          }
        } else if (remaining > 0) remaining--;
        else waitMs = resetAt - now;
      }
      if (waitMs <= maxWaitMs) return { waitMs, capped: false };
      // Sent anyway: the vendor's 429 then takes the usual retry path, and a later response reports the new budget. A
      // wait for a new budget's answer longer than maxWaitMs is no reset beyond it.
      return { waitMs: 0, capped: remaining > -1 };
    },
    update({ headers, ok }, now = Date.now()) {
      // A header sent blank is none, not 0 (Number("") is).
      const left = +(headers.get(names.remaining) || NaN);
      const reset = +(headers.get(names.reset) || NaN);
      // Each a finite number >= 0 (NaN is neither).
      if (![left, reset].every((value) => value >= 0 && value < Infinity)) {
        // A 2xx without a budget (an endpoint that is not limited) ends a wait for one; an error without one (a proxy's
        // 502) says nothing of it.
        if (remaining < 0 && ok) resetAt = undefined;
        return;
      }
      const at = (reset < 1e9 ? now + reset * 1000 : reset * 1000) + RESET_SLACK_MS;
      // A response that left before a newer one counts against a budget that may already have been reset. A reset more
      // than a day away is no such budget: one years away (given in milliseconds) would outlast every later one. Nor is
      // the wait for a new budget (remaining -1): a vendor whose clock is behind reports a reset already past here.
      // (With no reset known, resetAt - 1000 is NaN and the first test fails.)
      if (at <= resetAt! - 1000 && resetAt! - now <= 864e5 && remaining > -1) return;
      // One less than a second from it is of the same window (a reset in seconds from now moves as answers arrive): what is
      // left only goes down.
      // (With no reset known, at - resetAt is NaN: not of the same window.)
      remaining = Math.abs(at - resetAt!) < 1000 && remaining > -1 ? Math.min(remaining, left) : left;
      resetAt = at;
    },
  };
}
