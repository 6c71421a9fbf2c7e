// AbortSignal.any and AbortSignal.timeout are missing from Node 18, so the equivalents live here.

/** A signal that follows others, and a way to stop following them. */
export interface CombinedSignal {
  signal: AbortSignal;
  /** Stops listening to the source signals; the combined signal keeps its current state. */
  dispose(): void;
}

/**
 * A signal that aborts, with the same reason, as soon as any of the given signals does.
 *
 * @example
 * const { signal, dispose } = combineSignals([request.signal, timeout.signal]);
 * try { return await fetch(url, { signal }) } finally { dispose() }
 */
export function combineSignals(signals: readonly (AbortSignal | undefined)[]): CombinedSignal {
  const controller = new AbortController();
  const sources = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const already = sources.find((signal) => signal.aborted);
  if (already) {
    controller.abort(already.reason);
    return { signal: controller.signal, dispose: () => {} };
  }
  const listeners = sources.map((source) => {
    const listener = () => {
      controller.abort(source.reason);
      dispose();
    };
    source.addEventListener("abort", listener, { once: true });
    return { source, listener };
  });
  const dispose = () => {
    for (const { source, listener } of listeners) source.removeEventListener("abort", listener);
  };
  return { signal: controller.signal, dispose };
}

/** A signal that aborts after a delay unless cleared first. */
export interface Timeout {
  signal: AbortSignal;
  /** Whether the delay elapsed (and the signal aborted because of it). */
  readonly expired: boolean;
  /** Cancels the timer; the signal will not abort because of it. */
  clear(): void;
}

/**
 * Starts a timer whose signal aborts with a `TimeoutError` after `ms` milliseconds.
 *
 * @example
 * const timeout = createTimeout(30_000);
 * try { await fetch(url, { signal: timeout.signal }) } finally { timeout.clear() }
 */
export function createTimeout(ms: number): Timeout {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(timeoutReason(ms));
  }, ms);
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear: () => clearTimeout(timer),
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
