// AbortSignal.any and AbortSignal.timeout are missing from Node 18, so the equivalents live here.

import { follow } from "./signal-followers.js";

/** The longest delay a timer can wait: `setTimeout` fires at once for anything longer (2^31-1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The signal of one attempt of a request: it aborts with `parent`'s reason as soon as `parent` aborts, or with a
 * `TimeoutError` after `ms` milliseconds unless cleared first. A controller of its own that listens to the parent
 * itself (`handleEvent`) rather than closures around one: a transport makes one per attempt, and methods on a
 * prototype are not made anew each time. `ms` must be at most {@link MAX_TIMER_MS}: a timer fires at once beyond it.
 *
 * @example
 * const attempt = new AttemptSignal(request.signal, 30_000);
 * try { await fetch(url, { signal: attempt.signal }) } finally { attempt.clear() }
 */
export class AttemptSignal extends AbortController {
  /** True once the delay elapsed (and the signal aborted because of it); until then unset. */
  declare timeout: true | undefined;
  // Declared, not initialised as class fields: they are set once below, and each field would cost every attempt.
  declare private id: ReturnType<typeof setTimeout>;
  declare private caller: AbortSignal | undefined;

  constructor(parent: AbortSignal | undefined, ms: number) {
    super();
    this.caller = parent;
    this.id = setTimeout(() => {
      this.timeout = true;
      this.clear();
      this.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError"));
    }, ms);
    // One listener per caller's signal, shared by every attempt and wait that follows it (see signal-followers).
    if (parent) follow(parent, this);
  }

  /** The parent aborted: so does the attempt, with the parent's reason; nothing stays listening to the parent. */
  handleEvent(): void {
    this.clear();
    this.abort(this.caller!.reason);
  }

  /** Cancels the timer and stops following the caller's signal; the attempt's signal keeps its current state. */
  clear(): void {
    clearTimeout(this.id);
    follow(this.caller, this, 1);
  }

  /**
   * For a body handed on unread (a stream): cancels the timer and follows the caller's signal, weakly, for as long as
   * `body` lives. `body` keeps `owner` alive, which holds this attempt and the requests between it and the caller's
   * signal: Node's `Request` follows the signal it was given only while the Request lives (nodejs/node#55428), so
   * without them the caller could no longer cancel a download after a garbage collection. Once `body` is collected, so
   * is the listener: one signal shared by many downloads does not keep each of them until it aborts.
   */
  hold(body: unknown, owner: object): void {
    this.clear();
    // Object(): the body of another fetch's Response may be missing or not an object (nothing there to keep).
    held.set(Object(body), owner);
    const parent = this.caller;
    if (!parent) return;
    const attempt = new WeakRef(this);
    const follower = { handleEvent: () => attempt.deref()?.handleEvent() };
    follow(parent, follower);
    finalized.register(this, () => follow(parent, follower, 1));
  }
}

// What keeps each held attempt, for as long as its body lives; once it is collected, its listener goes too.
const held = new WeakMap<object, object>();
// Runs what is left to do once an object is collected: an attempt's listener above, a dropped stream's read (ownStream).
export const finalized = new FinalizationRegistry<() => void>((remove) => remove());

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as the signal aborts: an attempt
 * signal whose timeout is the wait, and which ends it either way. Unchecked, for the runtime's own waits (callers
 * get the checked `sleep`).
 *
 * @example
 * await delay(500, request.signal);
 */
export async function delay(ms: number, signal?: AbortSignal): Promise<void> {
  // Every caller waits from 0 ms to MAX_TIMER_MS (a backoff, a pacing or Retry-After wait, a checked sleep).
  const wait = new AttemptSignal(signal, ms);
  await new Promise<void>((handleEvent) => follow(wait.signal, { handleEvent }));
  if (!wait.timeout) throw signal!.reason;
}
