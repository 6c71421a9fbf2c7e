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
 * Calls `follower` when `signal` aborts, at once when it has aborted already; with `leave`, stops it following (the
 * last one to stop takes the listener off the signal; `signal` may be missing only then). One function for both, rather
 * than two: every vendor package bundles it, and its bytes count.
 *
 * @example
 * follow(request.signal, attempt);
 * follow(request.signal, attempt, 1); // done with it
 */
export function follow(signal: AbortSignal | undefined, follower: Follower, leave?: 1): void {
  const set = followers.get(signal!) ?? new Followers();
  if (leave) set.delete(follower) && !set.size && signal!.removeEventListener("abort", set);
  else if (signal!.aborted) follower.handleEvent();
  // Added again for each follower: an EventTarget keeps one of each listener, so the signal still holds only this one.
  else followers.set(signal!, set.add(follower)), signal!.addEventListener("abort", set, { once: true });
}
