// AbortSignal.any and AbortSignal.timeout are missing from Node 18, so the equivalents live here.

/** The longest delay a timer can wait: `setTimeout` fires at once for anything longer (2^31-1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The signal of one attempt of a request: it follows the caller's signal and aborts on its own after a delay. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** Whether the delay elapsed (and the signal aborted because of it). */
  readonly expired: boolean;
  /** Cancels the timer; the signal will not abort because of it. */
  clear(): void;
  /** Stops following the caller's signal; the attempt's signal keeps its current state. */
  dispose(): void;
}

/**
 * A signal that aborts with `parent`'s reason as soon as `parent` aborts, or with a `TimeoutError` after `ms`
 * milliseconds unless cleared first. One controller serves both, since a transport makes one per attempt.
 *
 * @example
 * const attempt = createAttemptSignal(request.signal, 30_000);
 * try { await fetch(url, { signal: attempt.signal }) } finally { attempt.clear(); attempt.dispose() }
 */
export function createAttemptSignal(parent: AbortSignal, ms: number): AttemptSignal {
  const controller = new AbortController();
  let expired = false;
  const follow = () => {
    clearTimeout(timer);
    controller.abort(parent.reason);
  };
  const timer = setTimeout(() => {
    expired = true;
    parent.removeEventListener("abort", follow);
    controller.abort(timeoutReason(ms));
  }, ms);
  if (parent.aborted) follow();
  else parent.addEventListener("abort", follow, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear: () => clearTimeout(timer),
    dispose: () => parent.removeEventListener("abort", follow),
  };
}

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as the signal aborts.
 *
 * @example
 * await sleep(500, request.signal);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function timeoutReason(ms: number): Error {
  const message = `The operation timed out after ${ms} ms.`;
  return typeof DOMException === "function" ? new DOMException(message, "TimeoutError") : new Error(message);
}
