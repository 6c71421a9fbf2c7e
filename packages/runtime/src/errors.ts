// In this order for bundle size only (gzip finds a few more bytes in that module order); no side effects.
import { redactBody, redactError, redactText, redactUrl } from "./redact.js";
import { endSentence, hintForStatus, summarizeBody } from "./error-summary.js";
import { MAX_TIMER_MS } from "./timeout.js";
import { redactSecrets } from "./known-secrets.js";
import { nameErrorClasses } from "./error-names.js";
import { shorten } from "./shorten.js";
import { retryAfterMs } from "./retry.js";

/** What an {@link ApiError} is built from. Everything, `cause` included, is redacted on the way in. */
export interface ApiErrorInit {
  status?: number | undefined;
  method?: string | undefined;
  url?: string | undefined;
  body?: unknown;
  cause?: unknown;
  /** Credential values to blank wherever they appear, on top of the name-based rules (at least 4 characters). */
  secrets?: readonly string[] | undefined;
  /**
   * The response's headers, read for the wait they ask for (see {@link ApiError.retryAfterMs}) and not kept; anything
   * without a `get` method (a plain object of a JavaScript caller) is ignored.
   */
  headers?: Headers | undefined;
}

/** What `JSON.stringify(error)` gives for every error of this package. */
export interface ApiErrorJSON {
  name: string;
  message: string;
  status: number | undefined;
  method: string | undefined;
  url: string | undefined;
  body: unknown;
  /** A subclass's own fields, e.g. a `ResponseTooLargeError`'s `limit` or a `PaginationLimitError`'s `maxPage`. */
  [field: string]: unknown;
}

/**
 * Base class of every error the clients throw about a request. Catch this one to handle them all.
 * No credential ever appears in it: `url` has credential query values redacted, `body` has credential fields
 * redacted, and no header is kept.
 *
 * @example
 * try { for await (const item of paginate(options)) use(item) } catch (e) { if (e instanceof ApiError) console.error(e.status, e.body) }
 */
export class ApiError extends Error {
  // Fields are declared, not class fields: each constructor sets them all, in this order, and a class field would only
  // repeat its name in every bundle. The same holds for the subclasses' fields.
  /** HTTP status of the response at fault; undefined when no response arrived. */
  declare readonly status: number | undefined;
  /** HTTP method of the request, e.g. `GET`; undefined when it is not known (e.g. a page fetched by a callback). */
  declare readonly method: string | undefined;
  /** URL of the request, with credential query values redacted. */
  declare readonly url: string | undefined;
  /** The vendor's error body, parsed from JSON when it was JSON, with credential fields redacted. */
  declare readonly body: unknown;
  /**
   * The wait the response asked for before trying again, in milliseconds, from its `retry-after-ms` or `Retry-After`
   * (seconds, or an HTTP date counted from when the error was made), as a 429 or a 503 may send it. Present only when
   * the response asked for a wait the client could read, of at most 2^31-1 ms (about 24.8 days, the longest a timer
   * and `sleep` keep), whose digits hold no credential (a digits-only key or password a server echoes into either
   * header is not carried; the bound leaves no room for a longer one). The client waits out one of up to a minute
   * ({@link MAX_RETRY_AFTER_MS}) within its retries; a longer one ends the call at once, with this error.
   */
  declare readonly retryAfterMs?: number;

  constructor(message: string, init: ApiErrorInit = {}) {
    const secrets = init.secrets ?? [];
    // A redacted copy (see redactError), an ApiUserAbortError's too: the caller's abort reason may quote what it aborted,
    // and the signal still holds the reason itself. Set by the Error constructor, so not enumerable.
    super(redactText(message, secrets), init.cause === undefined ? undefined : { cause: redactError(init.cause, secrets) });
    this.status = init.status;
    this.method = init.method;
    this.url = init.url && redactText(redactUrl(init.url), secrets);
    this.body = redactBody(init.body, secrets);
    // Building an error must not throw: headers that are no Headers (a plain object, null, one whose get throws) ask for
    // no wait.
    let wait: number | undefined;
    try {
      wait = retryAfterMs(init.headers!);
    } catch {}
    // The wait's digits: a digits-only key a server echoes into retry-after-ms or Retry-After (which adds zeros), or
    // writes there with the point moved, is among them.
    const heard = `${wait}`;
    // Only when one was asked for (undefined is not <=), so that an error without one lists no such field; only a wait a
    // timer keeps (sleep takes up to MAX_TIMER_MS, about 24.8 days), which leaves a server no room for a long key in any
    // form; and only one that holds no credential.
    if (wait! <= MAX_TIMER_MS && redactSecrets(heard, secrets) == heard) (this as { retryAfterMs?: number | undefined }).retryAfterMs = wait;
  }

  /**
   * Builds the error for a response the vendor answered with an error status, e.g. an openapi-fetch `{ error, response }`.
   * `safe`: the request was one the client sends again (an operation marked idempotent, a read sent as POST), so that a
   * 5xx's advice is a GET's ("retry later") whatever `method` is.
   *
   * @example
   * const { data, error, response } = await client.GET("/v1/tags");
   * if (error !== undefined) throw ApiError.fromResponse(response, error, "GET");
   */
  static fromResponse(response: Response, body: unknown, method?: string, safe?: boolean): ApiError {
    return ApiError.generate(response.status, body, { method, url: response.url || undefined, statusText: response.statusText, headers: response.headers, safe });
  }

  /**
   * Makes the status-keyed error for an HTTP failure: `BadRequestError` for 400, `UnauthorizedError` 401,
   * `ForbiddenError` 403, `NotFoundError` 404, `ConflictError` 409, `UnprocessableEntityError` 422,
   * `RateLimitError` 429, `InternalServerError` for 5xx, and a plain `ApiError` for any other status. Without a
   * `message`, one is written from the status and the body (with `safe`, a 5xx's hint is a GET's: see `fromResponse`).
   * Given the response's `headers`, the error carries the wait its `Retry-After` (or `retry-after-ms`) asks for as
   * `retryAfterMs`; no header is kept.
   *
   * @example
   * throw ApiError.generate(404, { message: "No such tag" }, { method: "GET", url: response.url });
   * // NotFoundError: GET https://... failed with 404: No such tag. Check the URL, its IDs included: ...
   */
  static generate(
    status: number | undefined,
    body: unknown,
    init: Omit<ApiErrorInit, "status" | "body"> & { message?: string | undefined; statusText?: string | undefined; safe?: boolean | undefined } = {},
  ): ApiError {
    const { message, statusText, safe, ...rest } = init;
    const summary = summarizeBody(body);
    // The class of each status; no status finds no class and is no 5xx: a plain ApiError.
    const byStatus: Partial<Record<number, typeof ApiError>> = {
      400: BadRequestError,
      401: UnauthorizedError,
      403: ForbiddenError,
      404: NotFoundError,
      409: ConflictError,
      422: UnprocessableEntityError,
      429: RateLimitError,
    };
    const ErrorClass = byStatus[status!] ?? (status! >= 500 ? InternalServerError : ApiError);
    // Without a message: what failed (the method and URL, else "The request"), the status, the body's summary, a hint.
    return new ErrorClass(
      message ??
        `${[init.method, init.url && redactUrl(init.url)].filter(Boolean).join(" ") || "The request"} failed with ${status ?? "no response"}${statusText ? ` ${shorten(statusText, 100, rest.secrets)}` : ""}${endSentence(summary ? `: ${summary}` : "")}${status === undefined ? "" : ` ${hintForStatus(status, safe ? "" : init.method)}`}`,
      { ...rest, status, body },
    );
  }

  /**
   * The fields worth logging: the name and message, which `JSON.stringify` would otherwise drop, then every field of
   * the error's own (`status`, `method`, `url`, `body`, and a subclass's, such as CMIX's `archiveId`), all redacted.
   * Redacted here too: a field set later (by a subclass, or the caller's own, such as a request it attached) may quote
   * a credential or refer back to the error, whose toJSON would then recurse for ever.
   */
  toJSON(): ApiErrorJSON {
    return { name: this.name, message: this.message, ...(redactBody(this) as object) } as ApiErrorJSON;
  }
}

/**
 * The vendor answered 400 Bad Request: the request's parameters or body are wrong. `body` says how.
 *
 * @example
 * catch (e) { if (e instanceof BadRequestError) console.error(e.body) }
 */
export class BadRequestError extends ApiError {}

/**
 * The vendor answered 401 Unauthorized, after any token refresh: the credentials are missing, wrong or expired.
 *
 * @example
 * catch (e) { if (e instanceof UnauthorizedError) askForNewCredentials() }
 */
export class UnauthorizedError extends ApiError {}

/**
 * The vendor answered 403 Forbidden: the credentials are valid but may not do this.
 *
 * @example
 * catch (e) { if (e instanceof ForbiddenError) console.error("check the account's permissions") }
 */
export class ForbiddenError extends ApiError {}

/**
 * The vendor answered 404 Not Found: the resource does not exist or this account cannot see it.
 *
 * @example
 * catch (e) { if (e instanceof NotFoundError) return undefined }
 */
export class NotFoundError extends ApiError {}

/**
 * The vendor answered 409 Conflict: the resource already exists or changed meanwhile.
 *
 * @example
 * catch (e) { if (e instanceof ConflictError) await reloadAndRetry() }
 */
export class ConflictError extends ApiError {}

/**
 * The vendor answered 422 Unprocessable Entity: the request was understood but its content is refused.
 *
 * @example
 * catch (e) { if (e instanceof UnprocessableEntityError) console.error(e.body) }
 */
export class UnprocessableEntityError extends ApiError {}

/**
 * The vendor answered 429 Too Many Requests, after any retries: slow down. `retryAfterMs` holds the wait it asked for,
 * when it named one: the server's number, bounded only by what a number holds, so cap it before waiting (a timer given
 * more than about 24.8 days fires at once, and `sleep` refuses such a wait).
 *
 * @example
 * catch (e) { if (e instanceof RateLimitError) await sleep(Math.min(e.retryAfterMs ?? 60_000, 3_600_000)) }
 */
export class RateLimitError extends ApiError {}

/**
 * The vendor answered a 5xx status, after any retries that were safe: its failure, not the request's.
 *
 * @example
 * catch (e) { if (e instanceof InternalServerError) scheduleLater() }
 */
export class InternalServerError extends ApiError {}

/**
 * The request never got a response: DNS, connection or TLS failure, or a reset, after any retries that were safe.
 *
 * @example
 * catch (e) { if (e instanceof ApiConnectionError) scheduleLater() }
 */
export class ApiConnectionError extends ApiError {}

/**
 * An attempt did not get its response within `timeoutMs`, after any retries that were safe: no headers, or a body the
 * client buffers that was not read in full (one that drips or stalls).
 *
 * @example
 * catch (e) { if (e instanceof ApiTimeoutError) console.error("raise timeoutMs?", e.message) }
 */
export class ApiTimeoutError extends ApiConnectionError {}

/**
 * The caller's `AbortSignal` fired. `cause` is a redacted copy of the signal's reason, like every error's cause: its
 * name (`"AbortError"` for a bare `abort()`), message, stack and `code`; `signal.reason` is the value itself.
 *
 * @example
 * catch (e) { if (e instanceof ApiUserAbortError) return }
 */
export class ApiUserAbortError extends ApiError {}

/**
 * The token endpoint refused to issue an access token. `status` is the token endpoint's status and `body` its
 * parsed error (RFC 6749), e.g. `{ error: "invalid_grant" }`; the credentials themselves are never included. A token
 * response that asked for a wait (a 429 or a 503 asking for more than the minute the client waits out, or the last
 * retry's) carries it as `retryAfterMs`.
 *
 * @example
 * catch (e) { if (e instanceof AuthenticationError && (e.body as any)?.error === "invalid_grant") askForNewPassword() }
 */
export class AuthenticationError extends ApiError {}

/**
 * A 2xx response to a JSON operation whose body is not JSON, typically a proxy's or load balancer's HTML error
 * page. It is treated like a 500 (retried where that is safe) and thrown once the retries are used up or when the
 * method may not be resent. `status` is the 2xx that arrived and `body` the start of what was sent, redacted (none over 1 MiB).
 *
 * @example
 * catch (e) { if (e instanceof InvalidResponseError) console.error(e.status, e.body) }
 */
export class InvalidResponseError extends ApiError {}

/**
 * A request that carries a credential (a token request, a password or secret in its body, a token in its query) was
 * redirected somewhere it may not follow: another origin, plain http, a POST turned into a GET, too many hops, or a
 * target the platform hides (a browser's opaque redirect). Nothing was sent there. `status` is the redirect's status
 * and the message names where it pointed, redacted. Any other request that fetch gave up redirecting (a loop) fails
 * with one too, without a status, and is not retried, where fetch says so: Node's fetch and undiciFetch ("redirect count
 * exceeded"), Deno's and Bun's. A browser's fetch tells a loop from no network in no way ("Failed to fetch"): there a
 * loop is an ApiConnectionError, retried as one.
 *
 * @example
 * catch (e) { if (e instanceof RedirectError) console.error("check the tokenUrl:", e.message) }
 */
export class RedirectError extends ApiError {}

/**
 * A response body the client would have buffered (JSON, text, blob, an error body, a token response) is larger than
 * `maxResponseBytes`: it was cancelled, unread beyond the limit, and the call fails. It is not retried, since the
 * same request would bring the same body. `status` is the response's status and `limit` the bound in bytes; a response
 * that asked for a wait (a 429, a 503) has it as `retryAfterMs`, as any error built from a response does.
 *
 * @example
 * catch (e) { if (e instanceof ResponseTooLargeError) console.error(`over ${e.limit} bytes: page through it`) }
 */
export class ResponseTooLargeError extends ApiError {
  /** The `maxResponseBytes` in force, in bytes. */
  declare readonly limit: number;

  constructor(message: string, init: ApiErrorInit & { limit: number }) {
    super(message, init);
    this.limit = init.limit;
  }
}

/**
 * The user (or the vendor) refused the authorization: the callback carried `error=...` or `deny=true`. It is an
 * {@link ApiError} without status or URL, so one `catch (e instanceof ApiError)` covers the whole sign-in; `body`
 * holds the callback's `error`, `error_description` and `error_uri`, and never the code.
 *
 * @example
 * catch (e) { if (e instanceof AuthorizationDeniedError && e.error === "access_denied") showSignInAgain() }
 */
export class AuthorizationDeniedError extends ApiError {
  /** The OAuth error code, e.g. `access_denied`. */
  declare readonly error: string;
  /** The vendor's explanation, when it gave one. */
  declare readonly errorDescription: string | undefined;

  constructor(message: string, init: { error: string; errorDescription?: string | undefined; errorUri?: string | undefined }) {
    super(message, { body: { error: init.error, error_description: init.errorDescription, error_uri: init.errorUri } });
    // As the body has them, redacted: the callback's text is the vendor's, or whoever forged the callback.
    ({ error: this.error, error_description: this.errorDescription } = this.body as { error: string; error_description?: string | undefined });
  }
}

/** What a {@link PaginationLimitError} adds to an {@link ApiError}. */
export interface PaginationLimitInit extends ApiErrorInit {
  maxPage: number;
  perPage: number;
  itemsYielded: number;
}

/**
 * Pagination reached the vendor's last reachable page while more items may remain. It is thrown after every
 * reachable item was yielded, so nothing is dropped silently; narrow the query to reach the rest.
 *
 * @example
 * catch (e) { if (e instanceof PaginationLimitError) console.warn(`stopped after ${e.itemsYielded} items`) }
 */
export class PaginationLimitError extends ApiError {
  /** The vendor's last reachable page. */
  declare readonly maxPage: number;
  /** Items per page that were asked for. */
  declare readonly perPage: number;
  /** Items yielded before stopping. */
  declare readonly itemsYielded: number;

  constructor(message: string, init: PaginationLimitInit) {
    super(message, init);
    ({ maxPage: this.maxPage, perPage: this.perPage, itemsYielded: this.itemsYielded } = init);
  }
}

nameErrorClasses({
  ApiError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  InvalidResponseError,
  RedirectError,
  ResponseTooLargeError,
  AuthorizationDeniedError,
  PaginationLimitError,
});
