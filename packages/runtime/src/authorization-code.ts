import { basicAuthorization, noneAuthorizer } from "./auth.js";
import { checkRedirectUri, parseAbsolute, requireString } from "./authorize.js";
import { fieldError } from "./input-error.js";
import { requestToken } from "./token-request.js";
import { BASE_TRANSPORT_OPTIONS, baseTransportOptions, transportWith, type BaseTransportOptions } from "./transport.js";

/**
 * Options of {@link exchangeAuthorizationCode}. `fetch`, `timeoutMs`, `maxResponseBytes`, `maxRetries` (as a GET's:
 * timeouts, network errors, 408, 429 and 5xx; a code the first attempt spent is refused on the next, so a 2xx answer whose body
 * breaks off is not resent), `retryDelay` and `logger` apply to the token request, as for every
 * transport; its response is always read whole.
 */
export interface ExchangeAuthorizationCodeOptions extends BaseTransportOptions {
  /** Full URL of the token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The code from {@link readAuthorizationCallback}. */
  code: string;
  /** The same redirect URI the authorization request used. */
  redirectUri: string;
  /** How the client authenticates (RFC 6749 §2.3.1): an HTTP Basic header (default) or `client_id`/`client_secret` in the body. */
  clientAuthentication?: "basic" | "body" | undefined;
  /** How the body is encoded. Default `form` (urlencoded, as RFC 6749 says); some vendors want `multipart`. */
  bodyEncoding?: "form" | "multipart" | undefined;
  /** Cancels the exchange, at once and with its timers: it then rejects with an {@link ApiUserAbortError}. */
  signal?: AbortSignal | undefined;
}

/**
 * The names of the options a vendor's own `exchangeAuthorizationCode` hands on unchanged: the client's credentials, the
 * code and the redirect URI it was sent with, the transport's options and the signal.
 */
export const EXCHANGE_OPTIONS = ["clientId", "clientSecret", "code", "redirectUri", "signal", ...BASE_TRANSPORT_OPTIONS] as const;

/**
 * A token endpoint's successful answer (RFC 6749 §5.1), with whatever else the vendor adds. Only `access_token` is
 * checked (a non-empty string); the optional fields are returned as sent, and a server may send `null` in them
 * (`refresh_token: null` from one that issues none): check before use, e.g. `tokens.refresh_token ?? undefined`.
 */
export interface TokenResponse {
  access_token: string;
  token_type?: string | null | undefined;
  /** Lifetime in seconds; some vendors send it as a string. */
  expires_in?: number | string | null | undefined;
  refresh_token?: string | null | undefined;
  scope?: string | null | undefined;
  [field: string]: unknown;
}

/**
 * Exchanges an authorization code for tokens at the token endpoint (RFC 6749 §4.1.3) through the same retrying,
 * timed-out transport as every request (retried like a GET, as every token request: a code the first attempt spent is
 * refused, invalid_grant, on the next, so a 2xx answer whose body breaks off is not resent;
 * `timeoutMs` bounds each attempt's headers and body; redirects are followed only within the token endpoint's
 * origin, and `signal` cancels it). A
 * refusal, or an answer without `access_token`, throws an {@link AuthenticationError} with the endpoint's status and
 * parsed body; the code, the client secret and every token are redacted from it.
 *
 * @example
 * const tokens = await exchangeAuthorizationCode({ tokenUrl, clientId, clientSecret, code, redirectUri });
 * const source = createOAuth2TokenSource({ tokenUrl, grant: { type: "refresh_token", refreshToken: tokens.refresh_token! }, initial: { accessToken: tokens.access_token } });
 */
export async function exchangeAuthorizationCode(options: ExchangeAuthorizationCodeOptions): Promise<TokenResponse> {
  return exchangeCode(options, () => {
    const clientAuthentication = options.clientAuthentication ?? "basic";
    if (clientAuthentication !== "basic" && clientAuthentication !== "body") {
      throw fieldError("clientAuthentication", 'must be "basic" or "body"');
    }
    const bodyEncoding = options.bodyEncoding ?? "form";
    if (bodyEncoding !== "form" && bodyEncoding !== "multipart") throw fieldError("bodyEncoding", 'must be "form" or "multipart"');
    const inBody = clientAuthentication === "body";
    return (fields) => {
      if (inBody) fields.push(["client_id", options.clientId], ["client_secret", options.clientSecret]);
      const body = new (bodyEncoding === "form" ? URLSearchParams : FormData)();
      for (const [name, value] of fields) body.append(name, value);
      return [body, inBody ? undefined : { Authorization: basicAuthorization(options.clientId, options.clientSecret, "clientId") }];
    };
  });
}

// The token request's body and headers, from the grant's own fields (grant_type, code and redirect_uri, in that order).
type Encode = (fields: [string, string][]) => [body: URLSearchParams | FormData, headers?: Record<string, string> | undefined];

/**
 * The exchange itself, after the options every exchange takes are checked; `how` then checks the rest and gives how
 * the request is written (see {@link Encode}), so that each bundle holds only its own way: exchangeAuthorizationCode's
 * credentials in the body or a Basic header, in a form or multipart body; exchangeAuthorizationCodeInForm's in a form.
 */
async function exchangeCode(options: ExchangeAuthorizationCodeOptions, how: () => Encode): Promise<TokenResponse> {
  const tokenUrl = parseAbsolute(options?.tokenUrl, "tokenUrl", "https://api.example.com/oauth/token").href;
  for (const name of ["clientId", "clientSecret", "code"] as const) requireString(options[name], name);
  checkRedirectUri(options.redirectUri);
  // The platform's TypeError would quote what is no signal whole: an options object, the client secret and code in it.
  // A falsy one is none, as the token request reads it.
  if (options.signal && !(options.signal instanceof AbortSignal)) throw fieldError("signal", "must be an AbortSignal");
  const encode = how();
  const send = transportWith({ ...baseTransportOptions(options), purpose: "token" }, noneAuthorizer);
  // Written once the transport's options have passed their checks: a clientId with ':' is refused after them, as before.
  const [body, headers] = encode([
    ["grant_type", "authorization_code"],
    ["code", options.code],
    ["redirect_uri", options.redirectUri],
  ]);
  const token = await requestToken({
    send,
    tokenUrl,
    body,
    headers,
    // The Basic header carries the pair base64-encoded; a server may echo it back in that form.
    secrets: [options.code, options.clientSecret, `${options.clientId}:${options.clientSecret}`],
    grant: "authorization_code",
    // A 2xx spent the code: sent again, it is refused as invalid_grant, which would hide the broken answer, and the
    // server may revoke the token that answer carried.
    oneTime: true,
    refused:
      "the code is invalid, expired or already used, or redirectUri differs from the authorization request's; start the sign-in again",
    signal: options.signal,
  });
  return token as TokenResponse;
}

/**
 * {@link exchangeAuthorizationCode} with the client's credentials in a form body (`clientAuthentication: "body"`,
 * `bodyEncoding: "form"`), for a vendor that always sends them so: its bundle then carries neither option's check, nor
 * a multipart body or a Basic header for the exchange.
 *
 * @example
 * const tokens = await exchangeAuthorizationCodeInForm({ tokenUrl, clientId, clientSecret, code, redirectUri });
 */
export function exchangeAuthorizationCodeInForm(
  options: Omit<ExchangeAuthorizationCodeOptions, "clientAuthentication" | "bodyEncoding">,
): Promise<TokenResponse> {
  return exchangeCode(options, () => (fields) => [new URLSearchParams([...fields, ["client_id", options.clientId], ["client_secret", options.clientSecret]])]);
}
