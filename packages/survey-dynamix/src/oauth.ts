import {
  buildAuthorizeUrl as buildRuntimeAuthorizeUrl,
  exchangeAuthorizationCode as exchangeRuntimeCode,
  InputError,
  resolveHosts,
  urlOption,
  type Logger,
  type RetryDelayOptions,
  type TokenResponse,
} from "@apis/runtime";
import { DEFAULT_OAUTH_BASE_URL } from "./client.js";
import { withRegion, type Region } from "./region.js";

/** The OAuth server's host option, with its name before 0.2. */
const OAUTH_HOST = { oauthBaseUrl: { default: DEFAULT_OAUTH_BASE_URL, deprecatedName: "oauthUrl" } };

function oauthBaseUrl(options: { region?: Region; oauthBaseUrl?: string; oauthUrl?: string } | undefined): string {
  return resolveHosts(withRegion(options ?? {}), OAUTH_HOST).oauthBaseUrl;
}

/** Options of {@link buildAuthorizeUrl}. */
export interface AuthorizeUrlOptions {
  /** The OAuth client's ID, from the OAuth Clients table at `customer_settings#tab_integrations`. */
  clientId: string;
  /** The redirect URL registered for the client: an absolute https URL. */
  redirectUri: string;
  /** An unguessable value kept in the user's session and checked on the way back, e.g. `crypto.randomUUID()`. */
  state: string;
  /** Scopes, if the client asks for any. */
  scope?: string | readonly string[];
  /** Base URL of the OAuth server. Default `https://surveydynamix.com`. */
  oauthBaseUrl?: string;
  /** The account's region (see `createClient`): sets `oauthBaseUrl` where it is not given. Default us1. */
  region?: Region;
  /** @deprecated Renamed `oauthBaseUrl`, like every host option; still read until the next minor release. */
  oauthUrl?: string;
}

/** Options of {@link exchangeAuthorizationCode}. */
export interface ExchangeAuthorizationCodeOptions {
  clientId: string;
  clientSecret: string;
  /** The code from the callback (see `readAuthorizationCallback`). */
  code: string;
  /** The same redirect URL the authorize URL carried. */
  redirectUri: string;
  /** Base URL of the OAuth server. Default `https://surveydynamix.com`. */
  oauthBaseUrl?: string;
  /** The account's region (see `createClient`): sets `oauthBaseUrl` where it is not given. Default us1. */
  region?: Region;
  /** @deprecated Renamed `oauthBaseUrl`, like every host option; still read until the next minor release. */
  oauthUrl?: string;
  /** Full URL of the token endpoint, as OAuth names it. Default: `oauthBaseUrl` + `/oauth/token`. */
  tokenUrl?: string;
  fetch?: typeof fetch;
  /**
   * Bound on each attempt, in milliseconds: an integer from 1 to 2^31-1. Default 60 000. `timeoutMs` bounds each attempt until its buffered body
   * has been read in full, headers and body alike; a body the caller streams (`parseAs: "stream"`, CX
   * `downloadFile`) is bounded only until its headers arrive.
   */
  timeoutMs?: number;
  /**
   * Bound on the size of every body the client buffers, in bytes. Default 134 217 728 (128 MiB); `Infinity` turns it
   * off. `maxResponseBytes` bounds every body the client buffers (JSON, text, blob, error bodies and token
   * responses): a larger body is cancelled and the call fails with a `ResponseTooLargeError` naming the limit.
   */
  maxResponseBytes?: number;
  /** Retries where safe (a 429, or a connection that never opened): an integer from 0 to 10. Default 2. */
  maxRetries?: number;
  /** Backoff between those retries, in milliseconds, each from 0 to 2^31-1. Default `{ baseMs: 500, maxMs: 8000 }`. */
  retryDelay?: RetryDelayOptions;
  /** Receives one `debug(message, fields)` line per attempt, with no code, secret or token in it. */
  logger?: Logger;
  /** Cancels the exchange at once, timers and connection included: it then rejects with an `ApiUserAbortError`. */
  signal?: AbortSignal;
}

/**
 * The Survey Dynamix authorize URL to send a user to (`/oauth/authorize?response_type=code&client_id=...`). The
 * client secret is not in it: the vendor's doc lists it there, but it would end up in browser history and logs,
 * and the Laravel Passport endpoint the vendor runs does not read it (spec: info.description, decision 6).
 *
 * @example
 * const state = crypto.randomUUID(); // keep it in the user's session
 * res.redirect(buildAuthorizeUrl({ clientId: "3", redirectUri: "https://app.example.com/sdx/callback", state }));
 */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  if (typeof options?.state !== "string" || options.state.length < 8) {
    throw new InputError("state", "state must be an unguessable string of 8 or more characters kept in the user's session, e.g. crypto.randomUUID()");
  }
  return buildRuntimeAuthorizeUrl({
    authorizeUrl: `${oauthBaseUrl(options)}/oauth/authorize`,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    state: options.state,
    ...(options.scope === undefined ? {} : { scope: options.scope }),
  });
}

/**
 * Exchanges the code from the callback for an access token at `POST /oauth/token` (form fields, client
 * credentials in the body, as the vendor documents). A refusal throws an `AuthenticationError` that never quotes
 * the code, the secret or a token. A redirect is followed only within the OAuth server's origin (anything else
 * throws a `RedirectError`), and `timeoutMs` bounds each attempt until the whole answer is read. Use the token
 * with `createClient({ auth: { type: "token", accessToken } })`.
 *
 * @example
 * const { code } = readAuthorizationCallback(req.url, { expectedState: session.state });
 * const { access_token } = await exchangeAuthorizationCode({ clientId, clientSecret, code, redirectUri });
 */
export function exchangeAuthorizationCode(options: ExchangeAuthorizationCodeOptions): Promise<TokenResponse> {
  const base = oauthBaseUrl(options);
  return exchangeRuntimeCode({
    tokenUrl: urlOption(options?.tokenUrl, "tokenUrl", `${base}/oauth/token`),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    code: options.code,
    redirectUri: options.redirectUri,
    clientAuthentication: "body",
    bodyEncoding: "form",
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryDelay !== undefined ? { retryDelay: options.retryDelay } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
}

/** @deprecated Renamed {@link ExchangeAuthorizationCodeOptions}, after the function. */
export type ExchangeCodeOptions = ExchangeAuthorizationCodeOptions;
