import type { TokenSource } from "./auth.js";
import { ApiUserAbortError, AuthenticationError, type ApiError } from "./errors.js";
import { isHeaderSafeToken, UNSENDABLE } from "./header-value.js";
import { fieldError, shownNumber } from "./input-error.js";
import { rememberSecret } from "./known-secrets.js";
import { untilAborted } from "./signal-followers.js";

/** What a `fetchToken` callback resolves: the token, and how long it lives when the vendor says. */
export interface FetchedToken {
  accessToken: string;
  /** Lifetime from now, in milliseconds. Leave it out (or give anything but a positive number) when unknown: the token is then used until the server rejects it. */
  expiresInMs?: number | undefined;
}

/** Options of {@link createTokenSource}. */
export interface TokenSourceOptions {
  /**
   * Gets a new token from the vendor, throwing (e.g. an {@link AuthenticationError}) when it cannot. A call waiting
   * for it throws an {@link ApiError} or an `InputError` as it is, and anything else as the `cause` of an
   * `AuthenticationError`, a redacted copy (see {@link ApiError}): an HTTP client's error holding the request it sent
   * shows none of it. Concurrent callers share one call. `signal` aborts once every caller waiting for it has given
   * up; ignore it when an abandoned request must still finish, e.g. one that rotates a refresh token. It must bound its
   * own time: a client's `timeoutMs` bounds each attempt's request, not the wait for a token, so a `fetchToken` that
   * never settles holds every call made without a signal of its own. Send it through a runtime transport (whose
   * `timeoutMs` bounds it, as `createOAuth2TokenSource` does) or give its request a timeout beside `signal`, e.g.
   * `AbortSignal.any([signal, AbortSignal.timeout(30_000)])` (a timeout in place of `signal` no longer cancels it once every caller has given up).
   */
  fetchToken: (signal?: AbortSignal) => Promise<FetchedToken>;
  /** Refresh this long before expiry, in milliseconds; a token living shorter is refreshed at half-life. Default 60 000. */
  refreshSkewMs?: number | undefined;
  /** Clock in epoch milliseconds, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * A token the caller already has; it is used until `expiresAt` (epoch milliseconds, as `Date.now()` gives them; a
   * time in seconds is refused) nears or the server rejects it.
   */
  initial?: { accessToken: string; expiresAt?: number | undefined } | undefined;
  /** Where tokens come from, only to name it in the error a caller's abort gives. */
  tokenUrl?: string | undefined;
}

interface Flight {
  promise: Promise<string>;
  controller: AbortController;
  /** Callers waiting with a signal, which may still give up. */
  waiting: number;
  /** Whether a caller without a signal waits, so the request is kept going whatever the others do (absent: none yet). */
  kept?: true | undefined;
}

/**
 * {@link createTokenSource} for options checked already: a `fetchToken` known to be a function, and a `refreshSkewMs`
 * and `initial.accessToken` {@link checkSourceOptions} passed (or none), such as createOAuth2TokenSource's own. `checkToken` is given each token
 * `fetchToken` resolves, before it is used: createTokenSource's checks that a caller's is one; createOAuth2TokenSource's
 * tokens were checked as the token endpoint's answer was read.
 *
 * @example
 * return tokenSourceOf({ fetchToken: acquire, tokenUrl: shownUrl });
 */
export function tokenSourceOf(options: TokenSourceOptions, checkToken?: (token: FetchedToken) => void): TokenSource {
  const skew = options.refreshSkewMs ?? 60_000;
  const now = options.now ?? Date.now;
  const where = options.tokenUrl === undefined ? "" : ` from ${options.tokenUrl}`;
  let accessToken = options.initial?.accessToken || undefined; // One a header can carry (see checkSourceOptions), or none.
  // `expiresAt` in epoch ms, as now() gives them: one in seconds (or NaN) would read as spent before its first use.
  const expiresAt = options.initial?.expiresAt;
  if (expiresAt !== undefined && !(expiresAt >= now() / 100)) {
    throw fieldError("initial.expiresAt", `must be in epoch ms (Date.now() + lifetime), got ${shownNumber(expiresAt)}`);
  }
  let refreshAt = expiresAt === undefined ? undefined : expiresAt - skew;
  let flight: Flight | undefined;
  const start = (): Flight => {
    const controller = new AbortController();
    const promise = (async () => {
      const token = await options.fetchToken(controller.signal);
      checkToken?.(token);
      // One that can travel in a header; quoted nowhere, so not handed to the error as a secret (a megabyte's forms took a second to index).
      if (!isHeaderSafeToken(token.accessToken)) throw new AuthenticationError(`The access token obtained${where} ${UNSENDABLE}.`, { url: options.tokenUrl });
      const lifetime = token.expiresInMs;
      rememberSecret(token.accessToken);
      accessToken = token.accessToken;
      // A lifetime shorter than the skew would make every call refresh; refreshing at half-life bounds that. Number.isFinite refuses a non-number.
      refreshAt = Number.isFinite(lifetime) && lifetime! > 0 ? now() + Math.max(lifetime! - skew, lifetime! / 2) : undefined;
      return token.accessToken;
    })().finally(() => {
      if (flight === started) flight = undefined;
    });
    // Waiters may all have given up by the time it settles; the rejection is theirs to see, not the process's.
    promise.catch(() => {});
    const started: Flight = { promise, controller, waiting: 0 };
    return started;
  };
  return {
    getToken(signal?: AbortSignal): Promise<string> {
      const abortError = () => new ApiUserAbortError(`Waiting for an access token${where} was aborted by the caller.`, { url: options.tokenUrl, cause: signal?.reason });
      if (signal?.aborted) return Promise.reject(abortError());
      // The token in hand (none is undefined; each one held a header can carry, never empty), while it is not due for a refresh.
      if (accessToken && (refreshAt === undefined || now() < refreshAt)) return Promise.resolve(accessToken);
      const joined = (flight ??= start());
      if (!signal) {
        joined.kept = true;
        return joined.promise;
      }
      // A caller with a signal gives up alone (not once the flight settled: see untilAborted); the last to give up, while
      // none without one waits, cancels the flight nobody wants any more: the next caller starts afresh, not joining it.
      joined.waiting++;
      return untilAborted(joined.promise, signal, () => {
        if (!--joined.waiting && !joined.kept) {
          if (flight === joined) flight = undefined;
          joined.controller.abort(signal.reason);
        }
        return abortError();
      });
    },
    invalidate(rejected: string): void {
      if (accessToken === rejected) accessToken = refreshAt = undefined;
    },
  };
}

/**
 * A {@link TokenSource} over any way of getting a token, for vendors whose token request is not an RFC 6749 form
 * (a JSON body, a custom header). It caches the token, refreshes it `refreshSkewMs` before it expires, shares one
 * request among concurrent callers, and after a 401 drops only the token that was rejected. A failed `fetchToken`
 * rejects every caller waiting for it and is not cached: the next call tries again.
 *
 * @example
 * const tokens = createTokenSource({
 *   fetchToken: async (signal) => {
 *     // Bounded by its own timeout, and still cancelled once every caller has given up (AbortSignal.any: Node 20.3+).
 *     const bounded = AbortSignal.any([signal!, AbortSignal.timeout(30_000)]);
 *     const response = await fetch(`${baseUrl}/token`, { method: "POST", body: JSON.stringify({ username, password }), signal: bounded });
 *     if (!response.ok) throw ApiError.fromResponse(response, await response.text(), "POST");
 *     const { token } = await response.json();
 *     return { accessToken: token, expiresInMs: 3_600_000 };
 *   },
 * });
 * const client = createApiClient<paths>({ baseUrl, operations, auth: { type: "oauth2", tokens } });
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  if (typeof options?.fetchToken !== "function") {
    throw fieldError("fetchToken", "is required: a function resolving { accessToken, expiresInMs? }");
  }
  checkSourceOptions(options);
  return tokenSourceOf(options, (token) => {
    // A non-empty token (the caller's fetchToken may resolve anything). An InputError, the caller's mistake: it reaches
    // the call as it is, not as an authentication failure.
    if (typeof token?.accessToken !== "string" || token.accessToken === "") throw fieldError("fetchToken", "must resolve { accessToken, expiresInMs? }, got no accessToken");
  });
}

/**
 * Refuses a `refreshSkewMs` that is no number from 0 up (null or left out: the default), then an `initial.accessToken`
 * no header can carry (empty or left out: none). Checked by createTokenSource and createOAuth2TokenSource, not by
 * {@link tokenSourceOf}: a vendor's token source leaves the skew out, and its builders check the token they hand on as
 * `initial` (Wootric's `auth.accessToken`, named as the caller wrote it).
 *
 * @example
 * checkSourceOptions({ refreshSkewMs: -1 }); // InputError: refreshSkewMs must be a number >= 0, got -1
 */
export function checkSourceOptions(options: Pick<TokenSourceOptions, "refreshSkewMs" | "initial">): void {
  const skew = options.refreshSkewMs ?? 60_000;
  if (typeof skew !== "number" || !(skew >= 0)) throw fieldError("refreshSkewMs", `must be a number >= 0, got ${shownNumber(skew)}`);
  const accessToken = options.initial?.accessToken;
  if (accessToken && !isHeaderSafeToken(accessToken)) throw fieldError("initial.accessToken", UNSENDABLE);
}
