// In this order for bundle size only (gzip finds a few more bytes in that module order); no side effects.
import { checkBaseUrl } from "./secure-url.js";
import { ApiConnectionError, ApiError, AuthenticationError } from "./errors.js";
import { describeValue, fieldError, InputError, shown } from "./input-error.js";
import { redactUrl } from "./redact.js";
import type { Logger } from "./logger.js";
import { checkSourceOptions, tokenSourceOf, type FetchedToken } from "./token-source.js";
import { shorten } from "./shorten.js";
import { noneAuthorizer, type TokenSource } from "./auth.js";
import type { RetryDelayOptions } from "./retry.js";
import { transportWith, baseTransportOptions, type FetchLike } from "./transport.js";
import { requestToken } from "./token-request.js";
import { rememberSecret } from "./known-secrets.js";

/** The grant a token source obtains its first token with. */
export type OAuth2Grant =
  /**
   * Resource owner password credentials. `query` is added to the token URL, e.g. Wootric's `account_token`; a
   * confidential client also sends its `clientId`/`clientSecret` (RFC 6749 §4.3.2, e.g. CMIX).
   */
  | { type: "password"; username: string; password: string; query?: Record<string, string> | undefined; clientId?: string | undefined; clientSecret?: string | undefined }
  | { type: "client_credentials"; clientId: string; clientSecret: string }
  /** Only a refresh token, e.g. one the caller obtained itself. */
  | { type: "refresh_token"; refreshToken: string };

/** Options of {@link createOAuth2TokenSource}. */
export interface OAuth2TokenSourceOptions {
  /** Full URL of the token endpoint. */
  tokenUrl: string;
  grant: OAuth2Grant;
  /**
   * A token the caller already has; it is used until `expiresAt` (epoch milliseconds) nears or the server rejects it.
   * `onRefreshToken` is given each refresh token the server issues after it (even in an answer refused otherwise), to
   * store in place of `refreshToken`: a server that rotates them may have spent the one stored. An async one is waited
   * for before the new access token is used, and its failure fails that token request; `timeoutMs` does not bound it, so
   * bound it yourself: one that never settles holds every later token request.
   */
  initial?: { accessToken: string; refreshToken?: string | undefined; expiresAt?: number | undefined; onRefreshToken?: ((refreshToken: string) => unknown) | undefined } | undefined;
  /**
   * The fetch underneath. Default `globalThis.fetch`, looked up at call time. One that ignores the signal it is given
   * still has each token request attempt end at `timeoutMs` (see `TransportOptions.fetch`).
   */
  fetch?: FetchLike | undefined;
  /** Refresh this long before expiry, in milliseconds. Default 60 000. */
  refreshSkewMs?: number | undefined;
  /** Clock in epoch milliseconds, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * Bound on each token request attempt, in milliseconds: an integer from 1 to 2^31-1. Default 60 000. `timeoutMs` bounds each attempt until its
   * buffered body has been read in full, headers and body alike; a body the caller streams (`parseAs: "stream"`, CX
   * `downloadFile`) is bounded only until its headers arrive. A token response is always read whole.
   */
  timeoutMs?: number | undefined;
  /**
   * Bound on the size of the token response, in bytes. Default 134 217 728 (128 MiB); `Infinity` turns it off.
   * `maxResponseBytes` bounds every body the client buffers (JSON, text, blob, error bodies and token responses): a
   * larger body is cancelled and the call fails with a `ResponseTooLargeError` naming the limit.
   * An error status's body is read up to 1 MiB: past that it is cancelled, and a note stands in for it as `error`.
   */
  maxResponseBytes?: number | undefined;
  /** Retries of a token request, as a GET's (timeouts, network errors, 408, 429 and 5xx): an integer from 0 to 10. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff tuning of those retries. Defaults 500 / 8000 ms. */
  retryDelay?: RetryDelayOptions | undefined;
  /** Receives one debug line per token request attempt, with no credential in it. */
  logger?: Logger | undefined;
  /** How the grant is sent: `form` (RFC 6749, the default) or `json`, for token endpoints that take JSON (CMIX). */
  bodyFormat?: "form" | "json" | undefined;
  /**
   * Hints for the errors of a refused grant and of a URL that is no token endpoint, naming the vendor's own options,
   * e.g. `{ refused: "check auth.username and auth.password", endpoint: "check authBaseUrl" }`.
   */
  hints?: { refused?: string | undefined; endpoint?: string | undefined } | undefined;
}

type GrantType = OAuth2Grant["type"];
// The grant's own credentials, read off any grant: undefined where its type has none.
type Held = { password?: string | undefined; clientSecret?: string | undefined };

function checkGrant(grant: OAuth2Grant): OAuth2Grant {
  // A field of the grant (or the value given for it) that must be a non-empty string.
  const need = (key: string, value: unknown = (grant as unknown as Record<string, unknown>)[key]) => {
    if (typeof value !== "string" || value === "") throw fieldError(`grant.${key}`, `must be a non-empty string`);
  };
  if (typeof grant !== "object" || grant === null) {
    throw fieldError("grant", `is required: an object whose type is ${GRANT_TYPES}`);
  }
  switch (grant.type) {
    case "password":
      need("username");
      need("password");
      for (const key of ["clientId", "clientSecret"] as const) if (grant[key] !== undefined) need(key);
      // The client's credentials are sent only with its ID: a secret alone would be left out of every request.
      if (grant.clientSecret !== undefined && grant.clientId === undefined) {
        throw fieldError("grant.clientId", "is required with grant.clientSecret");
      }
      for (const [name, value] of Object.entries(grant.query ?? {})) need(`query.${name}`, value);
      return grant;
    case "client_credentials":
      need("clientId");
      need("clientSecret");
      return grant;
    case "refresh_token":
      need("refreshToken");
      return grant;
    default:
      throw new InputError(
        "grant.type",
        `Unknown grant type ${shown((grant as { type?: unknown }).type)}: use ${GRANT_TYPES}`,
      );
  }
}

/**
 * Refuses an `onRefreshToken` that is neither a function nor left out, with an {@link InputError} on `field`: it is
 * read only at the first refresh token the server rotates, perhaps hours on, and would fail that refresh with a bare
 * TypeError. The value is described, not quoted: a refresh token passed there by mistake would be written out.
 *
 * @example
 * checkRefreshTokenStore(auth.onRefreshToken, "auth.onRefreshToken");
 */
export function checkRefreshTokenStore(store: unknown, field: string): void {
  if (store != null && typeof store != "function") throw fieldError(field, `must be a function that stores the new refresh token, got ${describeValue(store)}`);
}

// A string: createOAuth2TokenSource checks it, and a vendor's is a URL option (urlOption).
function buildTokenUrl(tokenUrl: string, query: Record<string, string> | undefined): string {
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    throw fieldError("tokenUrl", `must be a full URL, e.g. https://api.example.com/oauth/token, got ${shown(redactUrl(tokenUrl))}`);
  }
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.append(name, value);
  return url.href;
}

/**
 * A {@link TokenSource} that gets tokens from an OAuth 2 token endpoint (RFC 6749): it POSTs the grant as
 * `application/x-www-form-urlencoded` (credentials in the body, never in the URL), caches the token, refreshes it
 * `refreshSkewMs` before it expires with the refresh token the server issued (keeping each new one), and falls
 * back to the original credentials when a refresh is refused. Concurrent callers share one token request.
 *
 * A refused or unreadable token response throws an {@link AuthenticationError}; a token endpoint that cannot be
 * reached throws {@link ApiConnectionError}, and one that does not answer in full (headers and body) within
 * `timeoutMs` an {@link ApiTimeoutError}. Token requests are retried like a GET (timeouts, network errors, 408, 429,
 * 5xx; `maxRetries`, `retryDelay`). A failed request is not kept: the next call starts a fresh one. A caller's
 * signal stops that caller's wait; once every waiting caller has given up, the shared request is cancelled too, so
 * no timer or connection outlives them, except a refresh: its answer may hold the only copy of a rotated refresh
 * token, so it runs on, retries included (at most `maxRetries + 1` attempts of `timeoutMs` each, with the waits
 * between them), and the next token request waits for it. Redirects of token requests are
 * followed only within the token endpoint's origin.
 *
 * @example
 * const tokens = createOAuth2TokenSource({
 *   tokenUrl: "https://api.wootric.com/oauth/token",
 *   grant: { type: "password", username, password, query: { account_token: "NPS-123" } },
 * });
 * const client = createApiClient<paths>({ baseUrl, operations, auth: { type: "oauth2", tokens } });
 */
export function createOAuth2TokenSource(options: OAuth2TokenSourceOptions): TokenSource {
  const grant = checkGrant(options.grant);
  checkRefreshTokenStore(options.initial?.onRefreshToken, "initial.onRefreshToken");
  const tokenUrl: unknown = options.tokenUrl;
  if (typeof tokenUrl !== "string") throw fieldError("tokenUrl", "must be the token endpoint's full URL");
  // Parsed first, so that a URL that is none is named as such; grantTokenSource parses it again, with the grant's query.
  buildTokenUrl(tokenUrl, undefined);
  checkBaseUrl(tokenUrl, "tokenUrl", "pass them in grant");
  // The skew and the initial token are checked where the token source would have checked them: after the token
  // requests' options.
  return grantTokenSource(options, grant, () => checkSourceOptions(options));
}

// `check` runs the checks that are createOAuth2TokenSource's alone, just before the token source is made.
// Each answer is read in requestGrant. Its token_type must be Bearer, the scheme tokens are sent with: another would be
// refused on every call with no clue why. White space around it is none: quoted on one line, "Bearer " read as Bearer,
// and the error contradicted itself. It is quoted on one line, redacted before it is cut short: a credential cut in two
// would no longer be recognized. Some vendors send expires_in as a string; anything unreadable means "until the server
// rejects it". A number or a string: no other type's name starts so (symbol, bigint). A lifetime that is no finite
// positive number (NaN, 0, -5, 1e308 seconds, which is Infinity in ms) is taken as unknown by tokenSourceOf, the one
// reader of this answer.
function grantTokenSource(options: OAuth2TokenSourceOptions, grant: OAuth2Grant, check?: () => void): TokenSource {
  const tokenUrl = buildTokenUrl(options.tokenUrl, grant.type === "password" ? grant.query : undefined);
  const shownUrl = redactUrl(tokenUrl);
  // Token requests go through their own transport: bounded, retried where safe, redirects kept within the origin.
  const send = transportWith({ ...baseTransportOptions(options), purpose: "token" }, noneAuthorizer);
  // An empty initial refresh token (one never stored) is none.
  let refreshToken = options.initial?.refreshToken || (grant.type === "refresh_token" ? grant.refreshToken : undefined);
  let accessToken = options.initial?.accessToken;
  // The credentials held now, scrubbed from any text a vendor echoes into an error: the grant's own (read at each use) and
  // the tokens. Those held before stay known to every redaction (rememberSecret): keeping each here would grow without end.
  const secrets = () => [(grant as Held).password, (grant as Held).clientSecret, refreshToken, accessToken].filter(Boolean) as string[];
  rememberSecret(...secrets());

  // A refresh under way (a new token request waits for it rather than send the same refresh token again), and whether to
  // refresh at all: not once the endpoint has answered one with anything but a token (see acquire).
  let refreshing: Promise<FetchedToken> | undefined, refreshes = true;

  async function acquire(signal: AbortSignal | undefined): Promise<FetchedToken> {
    if (refreshToken !== undefined && refreshes) {
      try {
        // Not cancelled when its callers give up (timeoutMs still bounds it): the server may have rotated the refresh
        // token, whose only copy is in the answer.
        return await (refreshing ??= requestGrant("refresh_token", { refresh_token: refreshToken, ...clientAuth(grant) }).finally(() => (refreshing = undefined)));
      } catch (error) {
        // Any other answer (400 invalid_grant, 422, a 5xx, a 2xx without a token), kept, would fail later refreshes alike (one
        // that never takes them back fails every one): the grant's own credentials do from now on, at once unless the answer
        // asked for a wait (429, Retry-After), whose error the caller sees. A lost connection or a timeout says nothing.
        if (!(error instanceof ApiError) || error instanceof ApiConnectionError || grant.type === "refresh_token") throw error;
        refreshes = false;
        if (error.status == 429 || error.retryAfterMs) throw error;
      }
    }
    // Named, not "any but refresh_token": a type changed since checkGrant to one it does not know is not sent.
    if (grant.type === "password" || grant.type === "client_credentials") return requestGrant(grant.type, grant.type === "password" ? { ...clientAuth(grant), username: grant.username, password: grant.password } : clientAuth(grant), signal);
    throw new AuthenticationError(`Token request to ${shownUrl} needs credentials: the refresh token is gone; sign in again.`, { method: "POST", url: tokenUrl });
  }

  // The grant's form fields after its grant_type, which is the grant used.
  async function requestGrant(used: GrantType, fields: Record<string, string>, signal?: AbortSignal): Promise<FetchedToken> {
    const params = { grant_type: used, ...fields };
    const refused = (used === grant.type ? options.hints?.refused : undefined) ??
      { password: "check the username and password", client_credentials: "check the client ID and client secret", refresh_token: "the refresh token is invalid, expired or already used; sign in again" }[used];
    // The same credentials until this answer is read: the tokens in it are made known to every redaction by requestToken.
    const held = secrets();
    // RFC 6749 §6: none sent back, the old one stays valid; one sent is kept even if the answer is refused (old may be spent).
    // What the caller's onRefreshToken returns is waited for (see TokenRequest.rotated). The new refresh token is made
    // known before the store's error can quote it: requestToken remembers only an answer's first eight credentials.
    const answer = await requestToken({ send, tokenUrl, body: options.bodyFormat === "json" ? JSON.stringify(params) : new URLSearchParams(params), secrets: held, grant: used, refused, endpoint: options.hints?.endpoint, signal, rotated: (token) => typeof token === "string" && token && (rememberSecret((refreshToken = token)), options.initial?.onRefreshToken?.(token)) });
    const { access_token, expires_in, token_type } = answer; // access_token checked by requestToken; see above on the others.
    if (typeof token_type === "string" && token_type.trim().toLowerCase() !== "bearer") throw new AuthenticationError(`Token request to ${shownUrl} returned token_type ${shown(shorten(token_type, 40, [...held, access_token as string]))}, not Bearer: please report this.`, { method: "POST", url: tokenUrl, secrets: held });
    accessToken = access_token as string;
    return { accessToken, expiresInMs: (/^(st|n)/.test(typeof expires_in) ? +(expires_in as string) : NaN) * 1000 };
  }

  // acquire's signal aborts once every caller waiting for the token has given up: the request is then cancelled (a refresh
  // aside, see above), so nothing outlives its callers. Named, not spread: an option inherited from a prototype counts too.
  check?.();
  return tokenSourceOf({ fetchToken: acquire, refreshSkewMs: options.refreshSkewMs, now: options.now, initial: options.initial, tokenUrl: shownUrl });
}


// RFC 6749 §2.3.1 allows both Basic and body client authentication; the body form is the one every vendor accepts.
function clientAuth(grant: OAuth2Grant): Record<string, string> {
  if (grant.type === "refresh_token" || grant.clientId === undefined) return {};
  // A public client (RFC 6749 §2.1) has an id and no secret: it sends its id alone.
  return grant.clientSecret === undefined ? { client_id: grant.clientId } : { client_id: grant.clientId, client_secret: grant.clientSecret };
}

// The grant types, as the errors for a missing or unknown grant name them.
const GRANT_TYPES = '"password", "client_credentials" or "refresh_token"';

/**
 * {@link createOAuth2TokenSource} for a caller that has checked the grant itself (a type of the three, each of its
 * fields a non-empty string), as the vendors' auth builders do with `requireString`, whose `tokenUrl` is a host option
 * checked by `urlOption` (a string, no user info, https or loopback http), or a path on one, which leaves
 * `refreshSkewMs` out, and whose `initial.accessToken`, if any, it has checked with `isHeaderSafeToken` (as Wootric's
 * builders do, naming `auth.accessToken`): the same token source, without checking those a second time.
 *
 * @example
 * const tokens = tokenSourceForCheckedGrant({
 *   tokenUrl,
 *   grant: { type: "client_credentials", clientId: requireString(auth.clientId, "auth.clientId", "the OAuth client id"), clientSecret },
 * });
 */
export function tokenSourceForCheckedGrant(options: OAuth2TokenSourceOptions): TokenSource {
  return grantTokenSource(options, options.grant);
}
