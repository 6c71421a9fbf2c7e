import { createAuthorizer, type Auth, type Credential } from "./auth.js";
import { ApiConnectionError, ApiTimeoutError, ApiUserAbortError } from "./errors.js";
import { InputError } from "./input-error.js";
import { redactUrl } from "./redact.js";
import { backoffMs, isIdempotent, isNotSentError, isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs, type RetryDelayOptions } from "./retry.js";
import { combineSignals, createTimeout, sleep } from "./timeout.js";

/** The fetch underneath a transport. The platform's `fetch` fits; so does any function that answers a Request. */
export type FetchLike = (request: Request) => Promise<Response>;

/** How a transport sends requests. */
export interface TransportOptions {
  /** How requests are authenticated. Default `{ type: "none" }`. */
  auth?: Auth;
  /** The fetch underneath. Default: `globalThis.fetch`, looked up at each call so late polyfills and spies apply. */
  fetch?: FetchLike | undefined;
  /** Bound on each attempt, from sending to receiving the response headers, in milliseconds. Default 60 000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, where a retry is safe. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff tuning. Defaults 500 / 8000 ms. */
  retryDelay?: RetryDelayOptions | undefined;
}

/** Per-request choices of a transport call. */
export interface SendOptions {
  /** False for operations that take no credentials (`security: []`). Default true. */
  authenticate?: boolean;
  /** A fetch for this request only, e.g. the one a caller passed to a single openapi-fetch call. */
  fetch?: FetchLike | undefined;
}

/** Sends a Request with authentication, a per-attempt timeout and safe retries; see {@link createTransport}. */
export type Transport = (request: Request, options?: SendOptions) => Promise<Response>;

/**
 * Creates the resilient fetch every client sends through.
 *
 * - Authentication: sets `Authorization` unless the request already has one or `authenticate` is false. With
 *   OAuth 2, a 401 makes it invalidate the token, fetch a new one and resend once; a second 401 is returned.
 * - Retries: GET, HEAD, OPTIONS, PUT and DELETE are retried on network errors, timeouts, 408, 429 and 5xx; POST and
 *   PATCH only on 429 or when the connection failed before anything was sent, so they are never carried out twice.
 *   Backoff is exponential with jitter; `Retry-After`/`retry-after-ms` is honoured up to 60 s, and a response that
 *   asks for longer is returned as it is. Each attempt sends a fresh clone of the request.
 * - Timeouts: `timeoutMs` bounds each attempt until the response headers arrive. Reading the body is not bounded by
 *   it (a large export may stream for minutes); the caller's signal still cancels it.
 * - Cancellation: the request's signal (openapi-fetch's `signal` option) stops everything at once, including a
 *   backoff wait, with an {@link ApiUserAbortError}.
 *
 * @example
 * const send = createTransport({ auth: { type: "bearer", token }, maxRetries: 3 });
 * const response = await send(new Request("https://api.example.com/v1/items"));
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const authorizer = createAuthorizer(options.auth ?? { type: "none" });
  const timeoutMs = checkNumber(options.timeoutMs, "timeoutMs", 60_000, { min: 1 });
  const maxRetries = checkNumber(options.maxRetries, "maxRetries", 2, { min: 0, integer: true });
  const retryDelay = {
    baseMs: checkNumber(options.retryDelay?.baseMs, "retryDelay.baseMs", 500, { min: 0 }),
    maxMs: checkNumber(options.retryDelay?.maxMs, "retryDelay.maxMs", 8000, { min: 0 }),
  };

  return async function send(request: Request, sendOptions: SendOptions = {}): Promise<Response> {
    const fetchImpl = sendOptions.fetch ?? options.fetch;
    const method = request.method.toUpperCase();
    const userSignal = request.signal;
    const context = { method, url: request.url };
    const target = `${method} ${redactUrl(request.url)}`;
    const userAbort = () => new ApiUserAbortError(`${target} was aborted by the caller.`, { ...context, cause: userSignal.reason });
    // The caller's own Authorization header wins; it also means there is no token of ours to refresh.
    const authenticate = sendOptions.authenticate !== false && !request.headers.has("authorization");
    // The original is kept unsent as the template: every attempt consumes a clone, so a retry can resend the body.
    const template = request;
    let retries = 0;
    let reauthenticated = false;

    for (;;) {
      if (userSignal.aborted) throw userAbort();
      let credential: Credential | undefined;
      if (authenticate) {
        try {
          credential = await authorizer.credential(userSignal);
        } catch (error) {
          if (userSignal.aborted) throw userAbort();
          throw error;
        }
      }
      const headers = new Headers(template.headers);
      if (credential) headers.set("Authorization", credential.header);

      const timeout = createTimeout(timeoutMs);
      const attemptSignal = combineSignals([userSignal, timeout.signal]);
      let attempt: Request;
      try {
        attempt = new Request(template.clone(), { headers, signal: attemptSignal.signal });
      } catch (error) {
        // A body already read elsewhere cannot be cloned: a programming error, not a network one, so no retry.
        timeout.clear();
        attemptSignal.dispose();
        throw error;
      }
      let response: Response;
      try {
        response = await (fetchImpl ? fetchImpl(attempt) : globalThis.fetch(attempt));
      } catch (error) {
        timeout.clear();
        attemptSignal.dispose();
        if (userSignal.aborted) throw userAbort();
        const timedOut = timeout.expired;
        // A timed-out or reset POST may have been carried out; only a connection that never opened is safe to redo.
        const safe = isIdempotent(method) || (!timedOut && isNotSentError(error));
        if (safe && retries < maxRetries) {
          await wait(backoffMs(retries, retryDelay), userSignal, userAbort);
          retries++;
          continue;
        }
        const attempts = `${retries + 1} attempt${retries === 0 ? "" : "s"}`;
        const notRetried = safe ? "" : " It was not retried because the server may already have acted on it: check whether it took effect before sending it again.";
        if (timedOut) {
          throw new ApiTimeoutError(
            `${target} got no response within ${timeoutMs} ms (${attempts}).${notRetried || " Raise timeoutMs or check the vendor's status."}`,
            { ...context, cause: error },
          );
        }
        throw new ApiConnectionError(
          `${target} failed with a network error (${attempts}): ${describeError(error)}.${notRetried || " Check the network and the base URL."}`,
          { ...context, cause: error },
        );
      }
      // Only the wait for headers is bounded; the combined signal stays linked so the caller can still cancel the body.
      timeout.clear();

      if (response.status === 401 && credential?.token !== undefined && authorizer.refreshable && !reauthenticated) {
        // A 401 means the server did not act, so resending is safe for every method; once, so a revoked grant cannot loop.
        reauthenticated = true;
        discard(response);
        attemptSignal.dispose();
        authorizer.invalidate(credential);
        continue;
      }

      if (!isRetryableStatus(response.status, method) || retries >= maxRetries) return response;
      const asked = retryAfterMs(response.headers);
      if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) return response;
      discard(response);
      attemptSignal.dispose();
      await wait(asked ?? backoffMs(retries, retryDelay), userSignal, userAbort);
      retries++;
    }
  };
}

async function wait(ms: number, signal: AbortSignal, onAbort: () => Error): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw onAbort();
  }
}

// A response that is not read keeps its connection busy until garbage collection; cancelling frees it now.
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

// "fetch failed" alone says nothing: the causes carry the useful part (e.g. "connect ECONNREFUSED 10.0.0.1:443").
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && typeof current === "object" && current !== null; depth++) {
    const { message, code } = current as { message?: unknown; code?: unknown };
    const text = typeof message === "string" ? message.trim() : "";
    if (text && !parts.some((part) => part.includes(text))) parts.push(text);
    if (typeof code === "string" && !parts.some((part) => part.includes(code))) parts.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  if (typeof current === "string" && current) parts.push(current);
  return (parts.join(": ") || "network error").slice(0, 300);
}

function checkNumber(
  value: number | undefined,
  field: string,
  fallback: number,
  rule: { min: number; integer?: boolean },
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < rule.min || (rule.integer && !Number.isInteger(value))) {
    throw new InputError(field, `${field} must be a${rule.integer ? "n integer" : " number"} >= ${rule.min}, got ${String(value)}`);
  }
  return value;
}
