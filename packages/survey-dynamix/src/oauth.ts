import {
  buildAuthorizeUrlWithoutParams as buildRuntimeAuthorizeUrl,
  checkOptionNames,
  EXCHANGE_OPTIONS,
  exchangeAuthorizationCodeInForm,
  hostOptionNames,
  resolveHosts,
  urlOption,
  type ExchangeAuthorizationCodeOptions as RuntimeExchangeOptions,
  type TokenResponse,
} from "@apis/runtime";
import { OAUTH_HOST } from "./client.js";
import { withRegion, type Region } from "./region.js";

// An arrow, as wire.ts's one-expression helpers (see isWireValue).
const oauthBaseUrl = (options: { region?: Region | undefined; oauthBaseUrl?: string | undefined; oauthUrl?: string | undefined } | undefined): string =>
  resolveHosts(withRegion(options ?? {}), OAUTH_HOST).oauthBaseUrl;

/** Options of {@link buildAuthorizeUrl}. */
export interface AuthorizeUrlOptions {
  /** The OAuth client's ID, from the OAuth Clients table at `customer_settings#tab_integrations`. */
  clientId: string;
  /** The redirect URL registered for the client: an absolute https URL. */
  redirectUri: string;
  /** An unguessable value kept in the user's session and checked on the way back, e.g. `crypto.randomUUID()`. */
  state: string;
  /** Scopes, if the client asks for any. */
  scope?: string | readonly string[] | undefined;
  /** Base URL of the OAuth server: the host alone, without `/api` (a 404 then). Default `https://surveydynamix.com`. */
  oauthBaseUrl?: string | undefined;
  /** The account's region (see `createClient`): sets `oauthBaseUrl` where it is not given. Default us1. */
  region?: Region | undefined;
  /** @deprecated Renamed `oauthBaseUrl`, like every host option; still read until the next minor release. */
  oauthUrl?: string | undefined;
}

/**
 * What the exchange takes as the runtime's does and hands on unchanged: the client's credentials, the code and the
 * redirect URI it was sent with, the fetch underneath, the bounds, the logger and the signal.
 */
type PassedThrough = Pick<RuntimeExchangeOptions, (typeof EXCHANGE_OPTIONS)[number]>;
// The OAuth server's options, which both functions take: its host option (and that option's old name), and the region.
const HOST_OPTIONS = [...hostOptionNames(OAUTH_HOST), "region"];

/** Options of {@link exchangeAuthorizationCode}. */
export interface ExchangeAuthorizationCodeOptions extends PassedThrough {
  /** Base URL of the OAuth server: the host alone, without `/api` (a 404 then). Default `https://surveydynamix.com`. */
  oauthBaseUrl?: string | undefined;
  /** The account's region (see `createClient`): sets `oauthBaseUrl` where it is not given. Default us1. */
  region?: Region | undefined;
  /** @deprecated Renamed `oauthBaseUrl`, like every host option; still read until the next minor release. */
  oauthUrl?: string | undefined;
  /** Full URL of the token endpoint, as OAuth names it. Default: `oauthBaseUrl` + `/oauth/token`. */
  tokenUrl?: string | undefined;
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
  // Names first: a misspelt `State` is named as such, not reported as a missing state.
  checkOptionNames(options ?? {}, ["clientId", "redirectUri", "state", "scope", ...HOST_OPTIONS], "buildAuthorizeUrl");
  // The runtime reads clientId, redirectUri, state and scope through the options (an inherited one, a getter, too; a
  // JavaScript caller's null or undefined options as none, which it refuses as missing) rather than from a copy of them
  // (11 gzipped bytes). Its responseType is none of this function's options: left undefined, as when the four were
  // passed by name. The runtime leaves an undefined scope out of the URL.
  return buildRuntimeAuthorizeUrl({
    __proto__: options,
    authorizeUrl: `${oauthBaseUrl(options)}/oauth/authorize`,
    responseType: undefined,
  } as unknown as Parameters<typeof buildRuntimeAuthorizeUrl>[0]);
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
export async function exchangeAuthorizationCode(options: ExchangeAuthorizationCodeOptions): Promise<TokenResponse> {
  // Checked here, where the whole list is known: the runtime's takes no host options.
  checkOptionNames(options ?? {}, [...EXCHANGE_OPTIONS, "tokenUrl", ...HOST_OPTIONS], "exchangeAuthorizationCode");
  // In the body, as the vendor documents, the fields form-encoded.
  return exchangeAuthorizationCodeInForm({
    ...options,
    tokenUrl: urlOption(options?.tokenUrl, "tokenUrl", `${oauthBaseUrl(options)}/oauth/token`),
  });
}

/** @deprecated Renamed {@link ExchangeAuthorizationCodeOptions}, after the function. */
export type ExchangeCodeOptions = ExchangeAuthorizationCodeOptions;
