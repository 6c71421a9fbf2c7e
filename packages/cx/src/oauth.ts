import {
  buildAuthorizeUrlWithoutParams as buildRuntimeAuthorizeUrl,
  checkOptionNames,
  EXCHANGE_OPTIONS,
  exchangeAuthorizationCode as exchangeRuntimeAuthorizationCode,
  fieldError,
  InputError,
  readAuthorizationCallback as readRuntimeAuthorizationCallback,
  type AuthorizationCallback,
  type AuthorizationCallbackOptions,
  type ExchangeAuthorizationCodeOptions as RuntimeExchangeOptions,
} from "@apis/runtime";
import type { AccessToken } from "./types.js";

/** CX's authorization page, where the user signs in and approves the application. */
export const AUTHORIZE_URL = "https://www.cx.com/mycx/oauth/authorize";
/** CX's token endpoint. */
export const TOKEN_URL = "https://api.cx.com/1/oauth/token";
/**
 * Where a callback may carry the code, first found wins: the doc's example and omniauth-cx use `auth_code`, the
 * doc's prose says `code`, and the PHP SDK's README says `authorization_code`.
 */
export const CALLBACK_CODE_PARAMS = ["auth_code", "code", "authorization_code"] as const;

function checkOAuthValues(options: { clientId?: unknown; redirectUri?: unknown }): void {
  let protocol: string | undefined;
  for (const field of ["clientId", "redirectUri"] as const) {
    // Only a string: anything else the runtime refuses as such (a text of it would be judged here, with the wrong advice).
    const value = options[field];
    if (typeof value == "string" && SPACE_OR_CONTROL.test(value)) throw fieldError(field, "holds a space or control character (a stray newline?): CX would not recognise it");
  }
  try {
    protocol = new URL(options.redirectUri as string).protocol;
  } catch {}
  if (protocol && protocol !== "https:") throw fieldError("redirectUri", "must be https: CX refuses http, even on localhost");
}

// Whether S is a string literal (or a union of them) the compiler knows: not `string`, nor a template such as
// `https://${string}`, which a mapped type reads as an index signature. Types only.
type IsLiteral<S extends string> = {} extends { [K in S]: 1 } ? false : true;

/**
 * The `redirectUri` CX takes: any URL, but a literal whose every value is an http one (`"http://localhost:3000/cb"`,
 * in any case) is refused by the compiler, which asks for https: CX refuses http, even on localhost.
 */
export type HttpsUri<R extends string> = IsLiteral<R> extends true ? ([Exclude<Lowercase<R>, `http:${string}`>] extends [never] ? `https:${string}` : R) : R;

/**
 * The URL to send the user to (step 1 of CX's sign-in). `redirectUri` must be https: CX refuses anything else,
 * http on localhost included, and so does this function, with an `InputError`. `state` is required (8 or more
 * characters, checked by the runtime): keep it in the user's session and pass it to {@link readAuthorizationCallback}.
 * CX's doc does not mention `state`; omniauth-cx ran on omniauth-oauth2 1.1.1, which sends one and refuses a callback
 * without it (CSRF protection, on by default since 1.1.0), so CX sends it back (inferred, not seen on the wire).
 *
 * @example
 * const state = crypto.randomUUID();
 * res.redirect(buildAuthorizeUrl({ clientId, redirectUri: "https://app.example.com/cx/callback", state }));
 */
export function buildAuthorizeUrl<R extends string>(options: { clientId: string; redirectUri: HttpsUri<R>; state: string; authorizeUrl?: string | undefined }): string {
  if (typeof options !== "object" || options === null) {
    throw new InputError("options", "buildAuthorizeUrl needs { clientId, redirectUri, state }");
  }
  checkOptionNames(options, ["clientId", "redirectUri", "state", "authorizeUrl"], "buildAuthorizeUrl");
  checkOAuthValues(options);
  return buildRuntimeAuthorizeUrl({
    authorizeUrl: options.authorizeUrl ?? AUTHORIZE_URL,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    state: options.state,
  });
}

/**
 * Refuses a redirect URI that is no https: the runtime takes http on loopback (RFC 8252); CX does not ("the
 * RedirectURI must be secure [https] - not http"). One no URL parser reads is left to the runtime's own check. And
 * refuses a client id or redirect URI holding a space or control character (a newline read with it from a file or an
 * environment variable), which would go to CX as %0A and come back as an unknown client or a redirect URI that matches
 * none; the URL parser drops such characters at the ends, so the redirect URI passes its https check with them. (A
 * client secret may hold a space, RFC 6749 says; a wrong one is refused by CX as invalid_client, which names it.)
 */
/**
 * A space, control or format character (a newline, a byte order mark, a no-break or zero-width space): none belongs in
 * a client id or redirect URI, which CX would not recognise with it (see checkOAuthValues and cxCallHooks).
 */
export const SPACE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Z}]/u;

/**
 * Reads the redirect CX sent the user back with (step 2): returns the code from `auth_code` (or `code`, or
 * `authorization_code`); throws `AuthorizationDeniedError` when the user refused (`?deny=true`), and an
 * `InputError` when `url` is not a string or URL, the state does not match `expectedState` (required: `null` skips
 * the check), or there is no code.
 *
 * @example
 * const { code } = readAuthorizationCallback(req.url, { expectedState: req.session.cxState });
 */
export function readAuthorizationCallback(url: string | URL, options: { expectedState: string | null | undefined }): AuthorizationCallback {
  // expectedState is passed on even when undefined (a session that lost its state): the runtime then refuses the
  // callback, as it refuses options without it. Read through the options, not copied from their own keys, so an
  // inherited one (a getter) is checked too. Anything that is no object the runtime refuses. The runtime sees only
  // codeParams as an own key, so the caller's are checked here.
  const given = typeof options === "object" && options !== null;
  if (given) checkOptionNames(options, ["expectedState"], "readAuthorizationCallback");
  return readRuntimeAuthorizationCallback(url, given ? ({ __proto__: options, codeParams: CALLBACK_CODE_PARAMS } as unknown as AuthorizationCallbackOptions) : options);
}

/**
 * What the exchange takes as the runtime's does and hands on unchanged: the client's credentials, the code and the
 * redirect URI it was sent with, the fetch underneath, the bounds, the logger and the signal.
 */
type PassedThrough = Pick<RuntimeExchangeOptions, (typeof EXCHANGE_OPTIONS)[number]>;

/** Options of {@link exchangeAuthorizationCode}. */
export interface ExchangeAuthorizationCodeOptions extends PassedThrough {
  /**
   * How the grant is encoded. Default `form` (urlencoded), as the doc's own curl and Python examples and CX's PHP SDK
   * send it; `multipart` is what one sentence of the doc says the token endpoint requires, the fallback if CX ever
   * refuses urlencoded.
   */
  bodyEncoding?: "multipart" | "form" | undefined;
  /** Full URL of the token endpoint. Default `https://api.cx.com/1/oauth/token`. */
  tokenUrl?: string | undefined;
}

/**
 * Exchanges the code for the user's access token (step 3): `POST /oauth/token` with HTTP Basic client
 * authentication. Give the token to `createClient({ auth: { type: "token", accessToken } })`. An http `redirectUri`
 * is refused before anything is sent, as {@link buildAuthorizeUrl} refuses it. A refusal throws an
 * `AuthenticationError` that names the status and CX's reason but never the code, the secret or a token. A
 * redirect is followed only within the token endpoint's origin (anything else throws a `RedirectError`), and
 * `timeoutMs` bounds each attempt until the whole answer is read.
 *
 * @example
 * const { access_token } = await exchangeAuthorizationCode({ clientId, clientSecret, code, redirectUri });
 * const cx = createClient({ auth: { type: "token", accessToken: access_token } });
 */
export async function exchangeAuthorizationCode<R extends string>(options: ExchangeAuthorizationCodeOptions & { redirectUri: HttpsUri<R> }): Promise<AccessToken> {
  if (typeof options !== "object" || options === null) {
    throw new InputError("options", "exchangeAuthorizationCode needs { clientId, clientSecret, code, redirectUri }");
  }
  // Checked here, where the whole list is known: spread into the runtime's options below, one of them
  // (clientAuthentication, say) would be overwritten without a word.
  checkOptionNames(options, [...EXCHANGE_OPTIONS, "bodyEncoding", "tokenUrl"], "exchangeAuthorizationCode");
  // The one given to buildAuthorizeUrl, which CX takes as https only: an http one is refused before the code is sent.
  checkOAuthValues(options);
  const token = await exchangeRuntimeAuthorizationCode({
    ...options,
    tokenUrl: options.tokenUrl ?? TOKEN_URL,
    clientAuthentication: "basic",
  });
  // The runtime checked that access_token is a non-empty string; the rest is CX's own shape.
  return token as AccessToken;
}

/**
 * The URL to send the user to.
 *
 * @deprecated Renamed {@link buildAuthorizeUrl}, the verb every vendor uses; `authorizeUrl` goes in the next minor release.
 */
export const authorizeUrl: typeof buildAuthorizeUrl = buildAuthorizeUrl;
/**
 * Reads the redirect CX sent the user back with.
 *
 * @deprecated Renamed {@link readAuthorizationCallback}, the verb every vendor uses; `readCallback` goes in the next minor release.
 */
export const readCallback: typeof readAuthorizationCallback = readAuthorizationCallback;
/**
 * Exchanges the code for the user's access token.
 *
 * @deprecated Renamed {@link exchangeAuthorizationCode}, the verb every vendor uses; `exchangeCode` goes in the next minor release.
 */
export const exchangeCode: typeof exchangeAuthorizationCode = exchangeAuthorizationCode;
/** @deprecated Renamed {@link ExchangeAuthorizationCodeOptions}. */
export type ExchangeCodeOptions = ExchangeAuthorizationCodeOptions;
