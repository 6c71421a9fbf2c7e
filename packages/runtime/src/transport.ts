import { createAuthorizer, type Auth, type Credential } from "./auth.js";
import { checkMaxResponseBytes, tooLargeHint } from "./body-limit.js";
import { urlCarriesCredential } from "./credential-bearing.js";
import { ApiConnectionError, ApiTimeoutError, ApiUserAbortError, InvalidResponseError, RedirectError, ResponseTooLargeError, type ApiErrorInit } from "./errors.js";
import { describeValue, InputError } from "./input-error.js";
import { toLog, type Logger } from "./logger.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { bodyMode, receiveBody, type Received } from "./receive-body.js";
import { redactText, redactUrl } from "./redact.js";
import { fetchWithinOrigin } from "./redirect.js";
import { backoffMs, describeError, isIdempotent, isNotSentError, isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs, type RetryDelayOptions } from "./retry.js";
import { checkSecureUrl } from "./secure-url.js";
import { createAttemptSignal, sleep, type AttemptSignal } from "./timeout.js";
import { checkTransportOptions } from "./transport-options.js";
import { requestTo, setQueryParam } from "./url.js";

/** The fetch underneath a transport. The platform's `fetch` fits; so does any function that answers a Request. */
export type FetchLike = (request: Request) => Promise<Response>;

/** How a transport sends requests. */
export interface TransportOptions {
  /** How requests are authenticated. Default `{ type: "none" }`. */
  auth?: Auth;
  /** The fetch underneath. Default: `globalThis.fetch`, looked up at each call so late polyfills and spies apply. */
  fetch?: FetchLike | undefined;
  /**
   * Bound on each attempt, in milliseconds: an integer from 1 to 2^31-1. Default 60 000. `timeoutMs` bounds each attempt until its buffered body
   * has been read in full, headers and body alike; a body the caller streams (`parseAs: "stream"`, CX
   * `downloadFile`) is bounded only until its headers arrive.
   */
  timeoutMs?: number | undefined;
  /**
   * Bound on the size of every body the client buffers, in bytes. Default 134 217 728 (128 MiB); `Infinity` turns it
   * off. `maxResponseBytes` bounds every body the client buffers (JSON, text, blob, error bodies and token
   * responses): a larger body is cancelled and the call fails with a `ResponseTooLargeError` naming the limit.
   */
  maxResponseBytes?: number | undefined;
  /** Retries after the first attempt, where a retry is safe: an integer from 0 to 10. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff tuning, each from 0 to 2^31-1 ms. Defaults 500 / 8000 ms. */
  retryDelay?: RetryDelayOptions | undefined;
  /** Receives one debug line per attempt (method, redacted URL, status or error, attempt, duration). */
  logger?: Logger | undefined;
  /** Whether this transport sends token requests (`token`) or API calls (`api`, the default); named in each log line. */
  purpose?: "api" | "token" | undefined;
  /** Paces requests by the budget the vendor reports in response headers; see {@link RateLimitOptions}. */
  rateLimit?: RateLimitOptions | undefined;
}

/** Per-request choices of a transport call. */
export interface SendOptions {
  /** False for operations that take no credentials (`security: []`). Default true. */
  authenticate?: boolean;
  /** A fetch for this request only, e.g. the one a caller passed to a single openapi-fetch call. */
  fetch?: FetchLike | undefined;
  /**
   * What the operation answers (`OperationMeta.response`). With `json`, a 2xx body is read and checked: one that is
   * not JSON is treated like a 500, then thrown as an {@link InvalidResponseError}. Any other value, or none, leaves
   * the body unread, so a download streams, unless `buffer` is true.
   */
  response?: "json" | "binary" | "text" | undefined;
  /**
   * Read a 2xx body whole before returning it, within `timeoutMs` and `maxResponseBytes`: for a body the caller
   * reads whole anyway (openapi-fetch's json, text or blob; a token response). Default false, so that a download
   * streams. The body of an error status is always read whole.
   */
  buffer?: boolean | undefined;
  /**
   * Whether the body carries a credential (a password, a client secret, a code): the request then follows redirects
   * only within its origin, like token requests and requests with a query credential (see {@link createTransport}).
   */
  credentialBody?: boolean | undefined;
}

/** Sends a Request with authentication, a per-attempt timeout and safe retries; see {@link createTransport}. */
export type Transport = (request: Request, options?: SendOptions) => Promise<Response>;

/**
 * Creates the resilient fetch every client sends through.
 *
 * - Authentication: sets `Authorization` unless the request already has one or `authenticate` is false; query auth
 *   sets its parameter in the URL instead, replacing one of the same name. With OAuth 2, a 401 makes it invalidate
 *   the token, fetch a new one and resend once; a second 401 is returned.
 * - Retries: GET, HEAD, OPTIONS, PUT and DELETE are retried on network errors, timeouts, 408, 429 and 5xx; POST and
 *   PATCH only on 429 or when the connection failed before anything was sent, so they are never carried out twice.
 *   Backoff is exponential with jitter; `Retry-After`/`retry-after-ms` is honoured up to 60 s, and a response that
 *   asks for longer is returned as it is. Each attempt sends a fresh clone of the request.
 * - JSON checks: for `response: "json"`, a 2xx whose body is not JSON (a proxy's HTML page) is retried like a 500
 *   where safe, then thrown as an {@link InvalidResponseError}; a POST is never resent after it, since the server acted.
 * - Timeouts and sizes: `timeoutMs` bounds each attempt until its buffered body has been read in full, headers and
 *   body alike; a body the caller streams (`parseAs: "stream"`, CX `downloadFile`) is bounded only until its headers
 *   arrive, and the caller's signal still cancels it. `maxResponseBytes` bounds every body the client buffers (JSON,
 *   text, blob, error bodies and token responses): a larger body is cancelled and the call fails with a
 *   {@link ResponseTooLargeError} naming the limit.
 * - Redirects: a request that carries a credential (a token request, `credentialBody`, query auth, or a URL whose
 *   query names a credential) follows redirects by hand, only within its own origin and over https, at most 5 hops;
 *   307/308 keep the method and body, 301/302/303 are followed only by GET and HEAD. Any other redirect throws a
 *   {@link RedirectError} naming where it pointed (redacted), and nothing is sent there. Other requests (no
 *   credential, or only an Authorization header, which fetch drops across origins) keep the platform's behaviour.
 * - Redaction: every credential the client holds or built is removed, in every encoding, from error bodies, errors
 *   and log lines.
 * - Cancellation: the request's signal (openapi-fetch's `signal` option) stops everything at once, including a
 *   backoff wait, with an {@link ApiUserAbortError}.
 * - Plain http: a request to an http URL other than loopback is refused with an {@link InputError} before it is sent.
 * - Logging: `logger.debug` gets one line per attempt, with the URL redacted and no header or body.
 * - Rate limits: with `rateLimit`, a request waits (up to `maxWaitMs`) for the budget the vendor reported to refill.
 *
 * @example
 * const send = createTransport({ auth: { type: "bearer", token }, maxRetries: 3 });
 * const response = await send(new Request("https://api.example.com/v1/items"));
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const { timeoutMs, maxRetries, retryDelay } = checkTransportOptions(options);
  const maxResponseBytes = checkMaxResponseBytes(options.maxResponseBytes);
  const authorizer = createAuthorizer(options.auth ?? { type: "none" });
  const log = toLog(options.logger, (message) => {
    throw new InputError("logger", message);
  });
  // Without a logger nothing is logged, so the per-attempt line (which redacts the URL) is not even built.
  const logging = options.logger !== undefined;
  const purpose = options.purpose ?? "api";
  const limiter = options.rateLimit === undefined ? undefined : createRateLimiter(options.rateLimit);

  // Origins already found secure. Only a URL's scheme and host decide, and a Request's URL is absolute and
  // normalized, so the part before its path is parsed and checked once, then recognised by its prefix.
  const secureOrigins: string[] = [];
  const checkSecureOrigin = (url: string) => {
    for (const origin of secureOrigins) if (url.startsWith(origin) && url.charCodeAt(origin.length) === 47 /* "/" */) return;
    checkSecureUrl(url, "url");
    const pathAt = url.indexOf("/", url.indexOf("//") + 2);
    if (pathAt > 0 && secureOrigins.length < 16) secureOrigins.push(url.slice(0, pathAt));
  };

  return async function send(request: Request, sendOptions: SendOptions = {}): Promise<Response> {
    const fetchImpl = sendOptions.fetch ?? options.fetch;
    checkSecureOrigin(request.url);
    const method = request.method.toUpperCase();
    const userSignal = request.signal;
    // The URL actually sent, which query auth changes; errors name it (redacted) so they show what was tried.
    let url = request.url;
    const secrets: string[] = [];
    const context = () => ({ method, url, secrets });
    const target = () => `${method} ${redactUrl(url)}`;
    const userAbort = () => new ApiUserAbortError(`${target()} was aborted by the caller.`, { ...context(), cause: userSignal.reason });
    // The caller's own Authorization header wins over ours; it also means there is no token of ours to refresh.
    const authenticate = sendOptions.authenticate !== false && !(authorizer.location === "header" && request.headers.has("authorization"));
    // The original is kept unsent as the template: every attempt consumes a clone, so a retry can resend the body.
    const template = request;
    let movedBody: Blob | null | undefined;
    let retries = 0;
    let sent = 0;
    let reauthenticated = false;
    // The URL as a log line may show it: query credentials and any other known secret redacted.
    const shownUrl = () => redactText(redactUrl(url), secrets);
    const logAttempt = (started: number, outcome: { status: number } | { error: unknown }) => {
      if (!logging) return;
      const fields = {
        method,
        url: shownUrl(),
        attempt: sent,
        ...("status" in outcome ? { status: outcome.status } : { error: redactText(describeError(outcome.error), secrets) }),
        durationMs: Math.round(Date.now() - started),
        purpose,
      };
      const result = "status" in fields ? String(fields.status) : `failed: ${fields.error}`;
      log(`${purpose === "token" ? "token request " : ""}${method} ${fields.url} -> ${result} (attempt ${sent}, ${fields.durationMs} ms)`, fields);
    };

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
      if (credential?.query !== undefined) {
        url = setQueryParam(template.url, credential.query.name, credential.query.value);
        if (!secrets.includes(credential.query.value)) secrets.push(credential.query.value);
      }
      // Redirects of a request that carries a credential are followed by hand (see fetchWithinOrigin); an
      // Authorization header alone needs no care, since fetch drops it on the way to another origin.
      const guarded = purpose === "token" || sendOptions.credentialBody === true || credential?.query !== undefined || urlCarriesCredential(url);
      if (guarded || url !== template.url) {
        // Read once, before any timeout starts: a Request cannot move to another URL, or be resent after a
        // redirect, with its body stream.
        movedBody ??= template.body === null ? null : await template.clone().blob();
      }

      if (limiter !== undefined) {
        // Re-asked after every wait: requests that waited together must not all spend the same refilled budget.
        let reserved = limiter.reserve();
        if (reserved.capped && logging) {
          const shown = shownUrl();
          log(`${method} ${shown} is sent although the rate limit is spent: its reset is further away than rateLimit.maxWaitMs`, { method, url: shown, purpose });
        }
        for (; reserved.waitMs > 0; reserved = limiter.reserve()) {
          if (logging) {
            const shown = shownUrl();
            const waitMs = Math.round(reserved.waitMs);
            log(`${method} ${shown} waits ${waitMs} ms for the rate limit to reset`, { method, url: shown, waitMs, purpose });
          }
          await wait(reserved.waitMs, userSignal, userAbort);
        }
      }

      // Aborts when the caller's signal does, or when no response headers came within timeoutMs.
      const attemptSignal = createAttemptSignal(userSignal, timeoutMs);
      let attempt: Request;
      try {
        // A template without a body has nothing an attempt could consume, so it needs no clone; the attempt gets a
        // copy of the template's headers, to which the credential is added.
        attempt =
          guarded || url !== template.url
            ? requestTo(url, template, {
                body: movedBody ?? null,
                headers: new Headers(template.headers),
                signal: attemptSignal.signal,
                redirect: guarded ? "manual" : undefined,
              })
            : new Request(template.body === null ? template : template.clone(), { signal: attemptSignal.signal });
        if (credential?.header !== undefined) attempt.headers.set("Authorization", credential.header);
      } catch (error) {
        // A body already read elsewhere cannot be cloned: a programming error, not a network one, so no retry.
        attemptSignal.clear();
        attemptSignal.dispose();
        throw error;
      }
      let response: Response;
      sent++;
      const started = Date.now();
      try {
        const fetchNow = (request: Request) => answered(fetchImpl ?? globalFetch, request);
        response = guarded ? await fetchWithinOrigin(fetchNow, attempt, movedBody ?? null, { secrets }) : await fetchNow(attempt);
      } catch (error) {
        attemptSignal.clear();
        attemptSignal.dispose();
        logAttempt(started, { error: attemptSignal.expired ? new Error(`no response within ${timeoutMs} ms`) : error });
        if (userSignal.aborted) throw userAbort();
        if (error instanceof RedirectError || error instanceof InputError) throw error;
        const timedOut = attemptSignal.expired;
        // A timed-out or reset POST may have been carried out; only a connection that never opened is safe to redo.
        const safe = isIdempotent(method) || (!timedOut && isNotSentError(error));
        if (safe && retries < maxRetries) {
          await wait(backoffMs(retries, retryDelay), userSignal, userAbort);
          retries++;
          continue;
        }
        const attempts = countAttempts(retries);
        const notRetried = safe ? "" : NOT_RETRIED;
        if (timedOut) {
          throw new ApiTimeoutError(
            `${target()} got no response within ${timeoutMs} ms (${attempts}).${notRetried || " Raise timeoutMs or check the vendor's status."}`,
            { ...context(), cause: error },
          );
        }
        throw new ApiConnectionError(
          `${target()} failed with a network error (${attempts}): ${describeError(error)}.${notRetried || " Check the network and the base URL."}`,
          { ...context(), cause: error },
        );
      }
      logAttempt(started, { status: response.status });
      limiter?.update(response.headers);

      if (response.status === 401 && credential?.token !== undefined && authorizer.refreshable && !reauthenticated) {
        // A 401 means the server did not act, so resending is safe for every method; once, so a revoked grant cannot loop.
        reauthenticated = true;
        endAttempt(attemptSignal, response);
        authorizer.invalidate(credential);
        continue;
      }

      const retryInMs = retries < maxRetries ? retryDelayFor(response, method, retries, retryDelay) : undefined;
      if (retryInMs !== undefined) {
        endAttempt(attemptSignal, response);
        await wait(retryInMs, userSignal, userAbort);
        retries++;
        continue;
      }

      const mode = bodyMode(response, method, sendOptions);
      if (mode === "none") {
        // A streamed body is bounded only until its headers; the signal stays linked so the caller can still cancel it.
        attemptSignal.clear();
        return response;
      }
      const received = await receiveBody(response, { json: mode === "json", signal: attemptSignal.signal, maxBytes: maxResponseBytes, secrets });
      endAttempt(attemptSignal);
      if (received.ok) return received.response;
      if (userSignal.aborted) throw userAbort();
      const failure = { target: target(), init: { ...context(), status: response.status }, attempts: countAttempts(retries), method };
      if (received.reason === "too-large") {
        // The same request would bring the same body: not retried.
        throw new ResponseTooLargeError(`${failure.target} returned ${response.status} but ${tooLargeHint(maxResponseBytes)}.`, { ...failure.init, limit: maxResponseBytes });
      }
      // The server answered, so only a method that may be carried out twice is sent again.
      if (isIdempotent(method) && retries < maxRetries) {
        await wait(backoffMs(retries, retryDelay), userSignal, userAbort);
        retries++;
        continue;
      }
      throw bodyError(failure, received, attemptSignal.expired ? timeoutMs : undefined);
    }
  };
}

// Looked up at each call, so that late polyfills and spies apply.
const globalFetch: FetchLike = (request) => globalThis.fetch(request);

// A fetch that answers something other than a Response is a programming error, not a network one: not retried.
// Responses of another fetch implementation (node-fetch, undici from npm) are not instances of the global one.
async function answered(fetch: FetchLike, request: Request): Promise<Response> {
  const response: unknown = await fetch(request);
  const like = response as Partial<Response> | null | undefined;
  if (typeof like?.status === "number" && typeof like.headers?.get === "function") return response as Response;
  throw new InputError("fetch", `fetch must resolve a Response, got ${describeValue(response)}`);
}

const NOT_RETRIED = " It was not retried because the server may already have acted on it: check whether it took effect before sending it again.";

function countAttempts(retries: number): string {
  return `${retries + 1} attempt${retries === 0 ? "" : "s"}`;
}

async function wait(ms: number, signal: AbortSignal, onAbort: () => Error): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw onAbort();
  }
}

/** Where a body failed, for its error: the request as errors name it, the error's fields and the attempts made. */
interface BodyFailure {
  target: string;
  init: ApiErrorInit;
  attempts: string;
  method: string;
}

// The error for a body that could not be read (`timedOutAfterMs` when the attempt's timeout ended it) or was not JSON.
function bodyError(failure: BodyFailure, received: Exclude<Received, { ok: true } | { reason: "too-large" }>, timedOutAfterMs: number | undefined): Error {
  const { target, init, attempts, method } = failure;
  const status = init.status;
  if (received.reason === "failed" && timedOutAfterMs !== undefined) {
    return new ApiTimeoutError(
      `${target} returned ${status} but its body was not read in full within ${timedOutAfterMs} ms (${attempts}).${isIdempotent(method) ? " Raise timeoutMs or check the vendor's status." : NOT_RETRIED}`,
      { ...init, cause: received.error },
    );
  }
  if (received.reason === "failed") {
    return new ApiConnectionError(
      `${target} returned ${status} but the connection failed while its body was read (${attempts}): ${describeError(received.error)}.${isIdempotent(method) ? " Check the network." : NOT_RETRIED}`,
      { ...init, cause: received.error },
    );
  }
  const type = received.contentType === undefined ? "" : ` (${received.contentType.split(";", 1)[0]})`;
  return new InvalidResponseError(
    `${target} returned ${status}${type} with a body that is not JSON (treated as a server error, ${attempts}).${
      isIdempotent(method) ? " The vendor or a proxy in front of it is failing: retry later; `body` holds the start of what it sent." : NOT_RETRIED
    }`,
    { ...init, body: received.snippet },
  );
}

// How long to wait before resending after this response, or undefined when it is to be returned: a status not worth
// retrying for this method, or a Retry-After longer than MAX_RETRY_AFTER_MS.
function retryDelayFor(response: Response, method: string, retries: number, retryDelay: RetryDelayOptions): number | undefined {
  if (!isRetryableStatus(response.status, method)) return undefined;
  const asked = retryAfterMs(response.headers);
  if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) return undefined;
  return asked ?? backoffMs(retries, retryDelay);
}

// An attempt that is over: its timer and its link to the caller's signal go, and a body left unread is cancelled,
// since it would keep its connection busy until garbage collection.
function endAttempt(attemptSignal: AttemptSignal, unread?: Response): void {
  attemptSignal.clear();
  attemptSignal.dispose();
  unread?.body?.cancel().catch(() => {});
}
