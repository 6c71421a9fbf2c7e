// Node 18 and 20 warn (MaxListenersExceededWarning) once an AbortSignal has more than 10 abort listeners, and the
// runtime may not raise that limit (events.setMaxListeners is Node's alone). An app that passes one signal to many
// concurrent calls would see a false leak warning with one listener per call, so every wait and attempt of the runtime
// that follows a caller's signal shares a single listener on it: added while anything follows, removed once nothing does.

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

const followers = new WeakMap<AbortSignal, Followers>();

/**
 * Calls `follower` when `signal` aborts, at once when it has aborted already.
 *
 * @example
 * follow(request.signal, attempt);
 */
export function follow(signal: AbortSignal, follower: Follower): void {
  if (signal.aborted) return follower.handleEvent();
  const set = followers.get(signal) || new Followers();
  followers.set(signal, set);
  // Added again for each follower: an EventTarget keeps one of each listener, so the signal still holds only this one.
  signal.addEventListener("abort", set, { once: true });
  set.add(follower);
}

/**
 * Stops `follower` following `signal` (see {@link follow}); the last one to stop takes the listener off the signal.
 *
 * @example
 * unfollow(request.signal, attempt);
 */
export function unfollow(signal: AbortSignal | undefined, follower: Follower): void {
  const set = followers.get(signal!);
  if (set?.delete(follower) && !set.size) signal!.removeEventListener("abort", set);
}
