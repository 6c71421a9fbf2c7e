// Imported first, in this order, for bundle size only: these modules need no error class, so a bundler puts them
// before errors.js, which brings the error class names within gzip's 32 KiB window of the entry's export list (about
// 50 gzipped bytes in @apis/survey-dynamix and @apis/cmix). No side effects; order them back freely if sizes allow.
import { attemptInit, attemptRequest } from "./layers/attempt-request.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { callerThrew, checkResponse, compose, middlewareLayers, type AttemptMiddleware, type Layer } from "./layers/layer.js";
import { checkTransportOptions } from "./transport-options.js";
import { authorizeAny, type Authorize } from "./auth.js";
import { fieldError, InputError } from "./input-error.js";
import { attemptLog } from "./layers/attempt-log.js";
import { attemptTimeoutLayer } from "./layers/attempt-timeout.js";
import { startCall } from "./layers/call.js";
import { responseCheckLayer } from "./layers/response-check.js";
// After response-check.js, in this order, for bundle size only: pacing.js, redirect-guard.js, then credentials.js (gzip
// finds more repeated text in that module order); no side effects.
import { pacingLayer } from "./layers/pacing.js";
import { redirectGuardLayer } from "./layers/redirect-guard.js";
import { credentialsLayer } from "./layers/credentials.js";
import { defaultShouldRetry, retryLayer, type Policy, type ShouldRetry } from "./layers/retry.js";
import type { Auth } from "./auth.js";
import type { Logger } from "./logger.js";
import type { RetryDelayOptions } from "./retry.js";
import { checkSecureUrl } from "./secure-url.js";
import { cancelQuietly, cancelRequestBody } from "./read-body.js";
import { untilAborted } from "./signal-followers.js";

/** The fetch underneath a transport. The platform's `fetch` fits; so does any function that answers a Request. */
export type FetchLike = (request: Request) => Promise<Response>;

/** How a transport sends requests. */
export interface TransportOptions {
  /** How requests are authenticated. Default `{ type: "none" }`. */
  auth?: Auth | undefined;
  /**
   * The fetch underneath. Default: `globalThis.fetch`, looked up at each call so late polyfills and spies apply. One
   * that ignores the signal it is handed still ends each attempt at `timeoutMs` or the caller's abort (as middleware does).
   */
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
   * An error status's body is read up to 1 MiB: past that it is cancelled, and a note stands in for it as `error`.
   */
  maxResponseBytes?: number | undefined;
  /** Retries after the first attempt, where a retry is safe: an integer from 0 to 10. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff tuning, each from 0 to 2^31-1 ms. Defaults 500 / 8000 ms. */
  retryDelay?: RetryDelayOptions | undefined;
  /** Receives one debug line per attempt (method, redacted URL, status or error, attempt, duration). */
  logger?: Logger | undefined;
  /**
   * Whether this transport sends token requests (`token`) or API calls (`api`, the default); named in each log line.
   * A token request is retried like a GET, on timeouts, network errors, 408 and 5xx too: sent twice, a password or
   * client-credentials grant issues a second token at worst; a refresh token or an authorization code that the first
   * request spent is refused (`invalid_grant`), as the same request sent by the next call would be, and one that was
   * never received (a gateway's 503) goes through.
   */
  purpose?: "api" | "token" | undefined;
  /** Paces requests by the budget the vendor reports in response headers; see {@link RateLimitOptions}. */
  rateLimit?: RateLimitOptions | undefined;
  /**
   * Layers `(request, next) => Promise<Response>` that run on every attempt, inside retries, after credentials are
   * applied and within the attempt's timeout, first one outermost: each sees (and may change) exactly what is sent,
   * every redirect hop of a request followed by hand included, and gets the response before its body is read. This
   * differs from openapi-fetch's `client.use(...)`, which runs once per call, before credentials and outside retries.
   * A layer that reads the body reads a clone's: a Request whose body was read, or sent by one `next` already, fails
   * the call once with an `InputError`. What a layer sees holds the credential (an `Authorization` header, a query
   * credential in `request.url`): nothing redacts what it logs itself, so leave it out, or use `logger`, which does.
   */
  middleware?: readonly AttemptMiddleware[] | undefined;
  /** Whether an attempt is sent again (only when it answers `true`), while retries are left; default {@link defaultShouldRetry}. */
  shouldRetry?: ShouldRetry | undefined;
}

/** What every transport of a client shares, its token endpoint's included: the fetch, the bounds, the retries and the logger. */
export type BaseTransportOptions = Pick<TransportOptions, "fetch" | "timeoutMs" | "maxResponseBytes" | "maxRetries" | "retryDelay" | "logger">;

/**
 * Those of `options` that every transport takes (see {@link BaseTransportOptions}).
 *
 * @example
 * const send = createTransport({ ...baseTransportOptions(options), purpose: "token" });
 */
export function baseTransportOptions(options: BaseTransportOptions): BaseTransportOptions {
  return Object.fromEntries(BASE_TRANSPORT_OPTIONS.map((name) => [name, options[name]]));
}

/** The names of the {@link BaseTransportOptions}, kept whole by the type: one added there must be named here. */
export const BASE_TRANSPORT_OPTIONS = ["fetch", "timeoutMs", "maxResponseBytes", "maxRetries", "retryDelay", "logger"] satisfies (keyof BaseTransportOptions)[];
// The compiler checks the list against the type both ways. A list, not the keys of an object: gzip finds more of it
// repeated (with FORWARDED_OPTIONS's, 14 to 21 bytes a package).
true satisfies [Exclude<keyof BaseTransportOptions, (typeof BASE_TRANSPORT_OPTIONS)[number]>] extends [never] ? true : false;

/** Per-request choices of a transport call. */
export interface SendOptions {
  /** False for operations that take no credentials (`security: []`). Default true. */
  authenticate?: boolean | undefined;
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
  /** Credentials the request carries that the transport holds none of (those in its body): redacted from its errors. */
  secrets?: readonly string[] | undefined;
  /**
   * Whether the request may be sent again whatever its method (`OperationMeta.idempotent`, a read sent as POST): it is
   * then retried like a GET. Only `true` counts. Default false: a POST or PATCH is retried only when it cannot have
   * been carried out.
   */
  safe?: boolean | undefined;
  /**
   * Whether a 2xx answer spends the request, as one to an authorization code's exchange spends the code (RFC 6749
   * §4.1.2): sent again, it would be refused. A request otherwise safe to resend (see `safe`) is then still retried
   * until a 2xx comes, but not after one whose body broke off, stalled or was not JSON. Default false.
   */
  oneTime?: boolean | undefined;
}

/** Sends a Request with authentication, a per-attempt timeout and safe retries; see {@link createTransport}. */
export type Transport = (request: Request, options?: SendOptions) => Promise<Response>;

// The platform's fetch is looked up at each call, so that late polyfills and spies apply. A fetch of the caller's may
// ignore the signal it is handed (a wrapper that drops it): the attempt ends at its `signal` all the same. That is the
// attempt's own signal (the timeout layer's), not the Request's: Node's Request follows it only while the Request lives
// (nodejs/node#55428), and a fetch that holds nothing lets the Request, and so the whole call, be collected unsettled.
async function answered(request: Request, fetch: FetchLike | undefined, signal: AbortSignal): Promise<Response> {
  // Only middleware hands on a Request of its own here: one whose body it read (not a clone's), or that one `next` sent
  // already. fetch would fail it as a network error, and a POST's would say the server may have acted; nothing was sent.
  // The message is the one the transport gives a caller's Request, so it costs few bytes.
  if (request.bodyUsed) throw new InputError("request", "the request's body was already read: send a new Request");
  return checkResponse(await (fetch ? untilAborted(fetch(request), signal) : globalThis.fetch(request)), "fetch", "fetch");
}

/**
 * Creates the resilient fetch every client sends through.
 *
 * - Authentication: sets `Authorization` unless the request already has one or `authenticate` is false; query auth
 *   sets its parameter in the URL instead, replacing one of the same name. With OAuth 2, a 401 makes it invalidate
 *   the token, fetch a new one and resend once; a second 401 is returned.
 * - Retries: GET, HEAD, OPTIONS, PUT and DELETE are retried on network errors, timeouts, 408, 429 and 5xx; POST and
 *   PATCH only on 429 or when the connection failed before anything was sent, so they are never carried out twice,
 *   except by a token endpoint's transport (`purpose: "token"`) and for an operation marked `idempotent` (a read
 *   sent as POST), whose requests are retried like a GET.
 *   Backoff is exponential with jitter; `Retry-After`/`retry-after-ms` is honoured up to 60 s, and a response that
 *   asks for longer is returned as it is. A request with a body is cloned only while it may have to be sent again.
 *   `shouldRetry` replaces the policy (see {@link defaultShouldRetry}).
 * - JSON checks: for `response: "json"`, a 2xx whose body is not JSON (a proxy's HTML page) is retried like a 500
 *   where safe, then thrown as an {@link InvalidResponseError}; a POST is never resent after it, since the server
 *   acted (unless marked `safe`).
 * - Timeouts and sizes: `timeoutMs` bounds each attempt until its buffered body has been read in full, headers and
 *   body alike; a body the caller streams (`parseAs: "stream"`, CX `downloadFile`) is bounded only until its headers
 *   arrive, and the caller's signal still cancels it. `maxResponseBytes` bounds every body the client buffers (JSON,
 *   text, blob, error bodies and token responses): a larger body is cancelled and the call fails with a
 *   {@link ResponseTooLargeError} naming the limit. An error status's body is read up to 1 MiB: past that it is cancelled, and a note
 *   stands in for it as `error`.
 * - Redirects: a request that carries a credential (a token request, `credentialBody`, query auth, or a URL whose
 *   query names a credential) follows redirects by hand, only within its own origin and over https, at most 5 hops,
 *   each carrying a query credential; 307/308 keep the method and body, 301/302/303 are followed only by GET and HEAD.
 *   Any other redirect throws a {@link RedirectError} quoting its Location as sent (redacted; not at all with user
 *   info), and nothing is sent there. Other requests (no
 *   credential, or only an Authorization header, which fetch drops across origins) keep the platform's behaviour.
 * - Redaction: every credential the client holds or built is removed, in every encoding, from error bodies, errors
 *   and log lines.
 * - Cancellation: the request's signal (openapi-fetch's `signal` option) stops everything at once, including a
 *   backoff wait, with an {@link ApiUserAbortError}.
 * - Plain http: a request to an http URL other than loopback is refused with an {@link InputError} before it is sent.
 * - Logging: `logger.debug` gets one line per attempt, with the URL redacted and no header or body.
 * - Rate limits: with `rateLimit`, a request waits (up to `maxWaitMs`) for the budget the vendor reported to refill.
 * - Middleware: `middleware` layers run on every attempt, after credentials; see {@link TransportOptions.middleware}.
 * - A body the transport reads is the body the caller gets: the response is handed on as it came, its `json()`,
 *   `text()` and `blob()` answering from what was read, so nothing is copied or parsed twice.
 *
 * The work is a pipeline of per-attempt layers (`./layers/`), outermost first: retry, credentials, rate-limit pacing,
 * attempt timeout, response check, attempt log, redirect guard, then `middleware`, then `fetch`.
 *
 * @example
 * const send = createTransport({ auth: { type: "bearer", token }, maxRetries: 3 });
 * const response = await send(new Request("https://api.example.com/v1/items"));
 */
export function createTransport(options: TransportOptions = {}): Transport {
  return transportWith(options, authorizeAny, (shouldRetry = defaultShouldRetry) => {
    if (typeof shouldRetry !== "function") throw fieldError("shouldRetry", "must be a function (outcome) => boolean");
    // A policy that throws is the caller's bug, not a network failure: the call fails once, with an InputError that
    // says so, redacted like a middleware layer's (a policy may quote the response's URL, query credential and all), and
    // the response it was asked about, never handed on, is cancelled so that it holds no connection.
    return (outcome, call) => {
      try {
        return (shouldRetry as ShouldRetry)(outcome);
      } catch (error) {
        cancelQuietly((outcome as { response?: Response | undefined }).response?.body);
        throw callerThrew("shouldRetry", "shouldRetry", error, call);
      }
    };
  });
}

/**
 * {@link createTransport} for the runtime's own clients and token sources, whose `auth` becomes credentials by
 * `authorize`: a bundle holds only the kinds it names, and a vendor's clients skip the checks its builders made (see
 * `authorizeBy`). Only createTransport takes a `shouldRetry`: `policyOf` checks it where the transport would have checked
 * it (after the other options, before `middleware`) and makes of it the policy the retry layer asks; without
 * `policyOf`, the transport asks {@link defaultShouldRetry}.
 *
 * @example
 * const send = transportWith({ ...baseTransportOptions(options), purpose: "token" }, noneAuthorizer);
 */
export function transportWith(options: TransportOptions, authorize: Authorize, policyOf?: (shouldRetry: unknown) => Policy): Transport {
  const checked = checkTransportOptions(options);
  const { timeoutMs, maxResponseBytes } = checked;
  const authorizer = authorize(options.auth);
  const purpose = options.purpose ?? "api";
  const log = attemptLog(options.logger, purpose, timeoutMs);
  const { middleware = [] } = options as { middleware?: unknown };
  const policy = policyOf?.(options.shouldRetry) ?? defaultShouldRetry;
  if (!Array.isArray(middleware) || middleware.some((layer) => typeof layer !== "function")) {
    throw fieldError("middleware", "must be an array of functions (request, next) => Promise<Response>");
  }
  // Pacing and the attempt log only where their options are given (checked: an object or undefined).
  const layers: Layer[] = [
    retryLayer({ ...checked, shouldRetry: policy }),
    credentialsLayer(authorizer, purpose),
    options.rateLimit && pacingLayer(createRateLimiter(options.rateLimit), log),
    attemptTimeoutLayer(timeoutMs),
    responseCheckLayer(maxResponseBytes, timeoutMs),
    options.logger && log.layer,
    redirectGuardLayer,
    ...middlewareLayers(middleware as AttemptMiddleware[]),
  ].filter(Boolean) as Layer[];
  // Looked up at each call, so late polyfills and spies apply.
  const run = compose(layers, (request, call) => {
    const fetch = call.options.fetch ?? options.fetch;
    // The platform's fetch takes the request as URL and init, unless a layer made it whole (see attemptRequest), which
    // goes as it is; another fetch gets a whole Request.
    return !fetch && !call.ready ? globalThis.fetch(...attemptInit(request, call)) : answered(call.ready ? request : attemptRequest(request, call), fetch, call.attempt!.signal);
  });
  // Up to 16 origins already found secure: a Request's URL is absolute and normalized, so the part before its path is
  // parsed and checked once (see checkSecureUrl), then recognised by its prefix, the path's first "/" included.
  const secureOrigins: string[] = [];
  // async, so that a request refused before sending rejects like any other failed one.
  return async (request, sendOptions = {}) => {
    const { url } = request;
    if (!secureOrigins.some((origin) => url.startsWith(origin))) {
      checkSecureUrl(url, "url");
      const pathAt = url.indexOf("/", url.indexOf("//") + 2);
      if (pathAt > 0 && secureOrigins.length < 16) secureOrigins.push(url.slice(0, pathAt + 1));
    }
    if (request.bodyUsed) throw new InputError("request", "the request's body was already read: send a new Request");
    // A token request is repeated like a GET: sent twice, it issues a second token at worst (see TransportOptions.purpose).
    return run(request, startCall(request, sendOptions, purpose == "token" || sendOptions.safe === true)).catch((error: unknown) => {
      // A body not yet sent (or not sent in full, where nothing holds it) is cancelled, so that its source (a file
      // being read) is let go; a body fetch holds is fetch's to end.
      cancelRequestBody(request);
      throw error;
    });
  };
}

export { defaultShouldRetry, type AttemptMiddleware, type ShouldRetry };
export type { RetryOutcome } from "./layers/retry.js";
