import { describeValue, fieldError, isAbortSignal, shownNumber, type InputError } from "./input-error.js";
import { delay, MAX_TIMER_MS } from "./timeout.js";

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as `signal` aborts. `ms` is a number
 * up to 2^31-1 (about 24.8 days), the longest the platform's timers wait: a longer wait, which a timer would end at
 * once, is refused with an {@link InputError} (cap it: a wait a vendor asks for may be longer), and so are NaN and a
 * `signal` that is no AbortSignal. A negative wait is none, as for `setTimeout`, so `sleep(deadline - Date.now())` is
 * safe past the deadline.
 *
 * @example
 * catch (e) { if (e instanceof RateLimitError) await sleep(Math.min(e.retryAfterMs ?? 60_000, 3_600_000), signal) }
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  // NaN, and anything but a number (a string of digits would compare as one), fails the test.
  if (typeof ms != "number" || !(ms <= MAX_TIMER_MS)) {
    throw fieldError("ms", `must be a number of milliseconds up to ${MAX_TIMER_MS} (about 24.8 days, the longest a timer waits: cap longer waits), got ${shownNumber(ms)}`);
  }
  if (signal != null && !isAbortSignal(signal)) throw fieldError("signal", `must be an AbortSignal, got ${describeValue(signal)}`);
  // A JavaScript caller's null goes as it is: delay, like AttemptSignal, reads no signal then.
  return delay(Math.max(ms, 0), signal);
}
