// Node 18 and 20 warn (MaxListenersExceededWarning) once an AbortSignal has more than 10 abort listeners, and the
// runtime may not raise that limit (events.setMaxListeners is Node's alone). An app that passes one signal to many
// concurrent calls would see a false leak warning with one listener per call, so every wait and attempt of the runtime
// that follows a caller's signal shares a single listener on it: added while anything follows, removed once nothing does.

import { cancelQuietly } from "./read-body.js";

/** What follows a signal: called once, when the signal aborts, unless it stopped following first. */
export interface Follower {
  handleEvent(): void;
}

// The one listener on a signal. It lets go of each follower before calling it, so that one that stops following (or
// makes another stop) while it is called skips and repeats no other; `once` takes the listener itself off the signal.
class Followers extends Set<Follower> {
  handleEvent(): void {
    for (const follower of this) this.delete(follower), follower.handleEvent();
  }
}

// Kept on the signal itself, under a key of the runtime's own: a WeakMap entry for each new signal (every Request's
// own, one per call) took about 0.8 µs to make, against 30 ns for a property.
const FOLLOWERS = Symbol();

/**
 * `promise`, or what `aborted` makes (`signal`'s reason) once `signal` aborts, whichever comes first: a `fetch` or
 * middleware of the caller's that ignores the signal it was handed cannot hold an attempt past its timeout or the
 * caller's abort, and a caller waiting on a shared token request gives up alone. `aborted` runs once, at the abort;
 * once `promise` settles, nothing follows the signal (so nothing the promise resolved is kept by it), and what it
 * resolved after the abort is let go (a late response has its body cancelled, which frees its connection).
 *
 * @example
 * const response = await untilAborted(fetch(request), attempt.signal);
 */
export function untilAborted<T>(promise: T | Promise<T>, signal: AbortSignal, aborted = () => signal.reason): Promise<T> {
  return new Promise((resolve, reject) => {
    let lost: unknown;
    const follower = { handleEvent: () => reject((lost = 1, aborted())) };
    follow(signal, follower);
    Promise.resolve(promise)
      .finally(() => follow(signal, follower, 1))
      // Caught after, not beside: a late value whose body cannot be cancelled (node-fetch's is a Node stream) would
      // otherwise reject unhandled, which ends a Node process; `reject` after settling does nothing.
      .then((value) => (lost ? cancelQuietly((value as Partial<Response> | undefined)?.body) : resolve(value)))
      .catch(reject);
  });
}

/**
 * Calls `follower` when `signal` aborts, at once when it has aborted already; with `leave`, stops it following (the
 * last one to stop takes the listener off the signal; `signal` may be missing only then). One function for both, rather
 * than two: every vendor package bundles it, and its bytes count.
 *
 * @example
 * follow(request.signal, attempt);
 * follow(request.signal, attempt, 1); // done with it
 */
export function follow(signal: (AbortSignal & { [FOLLOWERS]?: Followers | undefined }) | undefined, follower: Follower, leave?: 1): void {
  // Nothing is made to leave (every attempt leaves, most with no signal), and a signal keeps its set once it has one:
  // sequential calls on one signal then add and remove the one listener, as they did with a listener each.
  const set = signal?.[FOLLOWERS];
  if (leave) set?.delete(follower) && !set.size && signal!.removeEventListener("abort", set);
  else if (signal!.aborted) follower.handleEvent();
  else {
    if (!set?.size) signal!.addEventListener("abort", (signal![FOLLOWERS] ??= new Followers()), { once: true });
    signal![FOLLOWERS]!.add(follower);
  }
}
