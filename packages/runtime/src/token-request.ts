import { isFieldObject } from "./input-error.js";
import { type ApiConnectionError, AuthenticationError } from "./errors.js";
import { MAX_TOKEN_LENGTH } from "./header-value.js";
import { rememberSecret } from "./known-secrets.js";
import { isSecretName, redactBody, redactUrl } from "./redact.js";
import { shorten } from "./shorten.js";
import type { Transport } from "./transport.js";

/** One request to an OAuth 2 token endpoint (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6). */
export interface TokenRequest {
  send: Transport;
  /** Full URL of the token endpoint, query included. */
  tokenUrl: string;
  /** The grant's parameters: urlencoded form, multipart, or a JSON text for endpoints that take JSON (CMIX). */
  body: URLSearchParams | FormData | string;
  /** Extra headers, e.g. Basic client authentication. */
  headers?: Record<string, string> | undefined;
  /**
   * Credential values to blank in every error, beyond those found by name: the token request's own, and its transport's
   * errors and log lines (a redirect's Location, a network error), to which the request is handed as send options for
   * them, since the transport holds none of the body's. No other field of it is a send option but `oneTime`.
   */
  secrets: readonly string[];
  /** Whether a 2xx answer spends the request (an authorization code's exchange): see `SendOptions.oneTime`. */
  oneTime?: boolean | undefined;
  /** The grant, named when the server refuses it, e.g. `password`. */
  grant: string;
  /** What to do when the server refuses the credentials (`invalid_grant`, or 400/401). */
  refused: string;
  /** What to check when the URL does not look like a token endpoint. Default: check that tokenUrl is the OAuth token endpoint. */
  endpoint?: string | undefined;
  /** Cancels the request: it then rejects with an {@link ApiUserAbortError}. */
  signal?: AbortSignal | undefined;
  /**
   * Given a 2xx answer's refresh_token before the rest is checked: a server that rotates refresh tokens may have spent
   * the old one, so a new one is kept even when the answer is refused (no access_token, another token_type). What it
   * returns is waited for: the caller's store of the token may be async, and one that fails fails the request (an
   * unhandled rejection would end the process).
   */
  rotated?: ((refreshToken: unknown) => unknown) | undefined;
}

// The fields of a refusal the error message reads (RFC 6749's, Passport's hint, CX's message), on a token answer's body as shown.
type ErrorFields = { error?: unknown; error_description?: unknown; message?: unknown; hint?: unknown } | null | undefined;

function tokenErrorHint(status: number, code: string | undefined, request: TokenRequest, endpointHint: string): string {
  if (code === "invalid_grant") return request.refused;
  if (code === "unauthorized_client" || code === "unsupported_grant_type") {
    return `the server does not allow the ${request.grant} grant for this client; use other credentials`;
  }
  if (code === "invalid_scope") return "the scope is not allowed for this client";
  // league/oauth2-server (Laravel Passport) before 9 refuses a spent, expired or another client's code, or another
  // redirect_uri, as invalid_request (with a hint: "Authorization code has been revoked"); this client's form is whole.
  if (code === "invalid_request") return request.grant == "authorization_code" ? request.refused : "the server refused the token request's form; check tokenUrl and the grant";
  // RFC 6749 §5.2: a 401 refuses the client's own authentication; a bad code is invalid_grant, a 400. A 401 that names
  // another code is told that code's advice above.
  if (code === "invalid_client" || (status === 401 && request.grant == "authorization_code")) return "check the client ID and client secret";
  if (status === 400 || status === 401) return request.refused;
  if (status === 403) return "the account may not get tokens; ask the vendor";
  if (status === 404 || status === 405) return endpointHint;
  if (status === 429) return "the token endpoint is rate limiting; retry later";
  if (status >= 500) return "the authorization server failed; retry later";
  return "check tokenUrl and the credentials";
}

/**
 * POSTs a token request and returns the parsed JSON object, which is known to hold a non-empty `access_token`.
 * A refusal or an answer without a token throws an {@link AuthenticationError} with the status and the endpoint's
 * parsed body, and the wait the answer asked for as `retryAfterMs` (a 429 the transport did not wait out, a 503); a
 * body that breaks off throws the transport's {@link ApiConnectionError}. Neither carries a credential.
 *
 * @example
 * const token = await requestToken({ send, tokenUrl, body: new URLSearchParams({ grant_type: "client_credentials" }), secrets: [secret], grant: "client_credentials", refused: "check the client ID and client secret" });
 */
export async function requestToken(request: TokenRequest): Promise<Record<string, unknown>> {
  const { tokenUrl, body } = request;
  const shownUrl = redactUrl(tokenUrl);
  const headers = new Headers(request.headers);
  headers.set("Accept", "application/json");
  // A FormData body sets its own Content-Type, with the multipart boundary; a URLSearchParams one is sent as its text.
  if (!(body instanceof FormData)) headers.set("Content-Type", typeof body === "string" ? "application/json" : "application/x-www-form-urlencoded");
  rememberSecret(...request.secrets);
  // Read whole by the transport, so its timeoutMs and maxResponseBytes bound the token body too; sent with its secrets.
  const response = await request.send(new Request(tokenUrl, { method: "POST", headers, body, signal: request.signal || null }), { ...request, buffer: true });
  // The transport read the body already (buffer), so text() answers from memory: a broken body failed in the transport.
  const text = await response.text();
  // Undefined when the body is not JSON, which JSON.parse never answers.
  let token: unknown;
  try {
    token = JSON.parse(text);
  } catch {
    // Shown as a snippet of the text, and refused below.
  }
  // Tokens the endpoint sent are credentials too, even when the answer as a whole is refused: the string values of
  // credential-named fields (access_token, refresh_token, id_token, ...); not token_type (in any case), whose "Bearer"
  // would be blanked from every later text. The first 8: every string of the answer is redacted with them (thousands
  // held the event loop for seconds); remembered before the caller's onRefreshToken sees one, whose error may quote it.
  // Only an object's fields: a JSON string's characters would each be one (a hostile megabyte-long answer, millions).
  const issued = Object.entries(isFieldObject(token) ? token : {}).flatMap(([name, value]) => (isSecretName(name) && !/type$/i.test(name) && typeof value === "string" ? [value] : []));
  // Longer than any server takes in a header (Node's limit is 16 KiB for them all): refused unremembered, since indexing
  // each form of a credential takes about a second per megabyte, and the answer may hold 128 MiB. Every field is checked,
  // not only the eight remembered: an access_token or refresh_token after them is used all the same.
  if (issued.some((value) => value.length > MAX_TOKEN_LENGTH)) {
    throw new AuthenticationError(`Token request to ${shownUrl} returned a credential over ${MAX_TOKEN_LENGTH} characters.`, { status: response.status, method: "POST", url: tokenUrl });
  }
  issued.splice(8);
  rememberSecret(...issued);
  const secrets = [...request.secrets, ...issued];
  // Not shown over 1 MiB (redacting a hostile 16 MiB answer held the event loop for seconds); redacted whole before it
  // is cut short, since a credential cut in two first is no longer recognized, and redaction by name may pull it in view.
  // Read below for the refusal's fields: a body that is no object (a snippet of text, a JSON string or number) has none.
  // A blank one (white space alone, as trim() and \s know it) is none; shorten trims a text itself.
  const shownBody = (text.length > 1 << 20 ? undefined : token !== undefined ? redactBody(token, secrets) : /\S/.test(text) ? shorten(text, 500, secrets) : undefined) as ErrorFields;
  const init = { status: response.status, method: "POST", url: tokenUrl, body: shownBody, secrets, headers: response.headers };
  const endpointHint = request.endpoint ?? "check that tokenUrl is the OAuth token endpoint";
  const accessToken = (token as { access_token?: unknown } | null | undefined)?.access_token;
  // The first non-empty string of Passport's hint (`Invalid redirect URI`, under a generic invalid_request), RFC 6749's error_description, a { message } (CX's) or an { error: { message } }.
  const said = [shownBody?.hint, shownBody?.error_description, shownBody?.message, (shownBody?.error as { message?: unknown } | null | undefined)?.message].find((text) => typeof text == "string" && text);
  const code = typeof shownBody?.error === "string" ? shownBody.error : undefined;
  // Status, error code and reason on one bounded line: a server's text may be long or hold line breaks (a forged log).
  const what = shorten([response.status, code, said && `(${said})`].filter(Boolean).join(" "), 200);
  // A refusal: an error status, or a 2xx with no access token but an `error` (some endpoints answer a wrong password
  // with 200 { error: "invalid_grant" }), whose hint is about the credentials, not the endpoint.
  if (!response.ok || (!accessToken && shownBody?.error)) {
    throw new AuthenticationError(`Token request to ${shownUrl} failed with ${what}: ${tokenErrorHint(response.status, code, request, endpointHint)}`, init);
  }
  // Past a refusal, whose refresh_token is none to keep (a server's refusal does not replace the one the caller holds): a
  // 2xx without an access token may still have spent the refresh token it rotated.
  await request.rotated?.((token as { refresh_token?: unknown } | null | undefined)?.refresh_token);
  // JSON that is no object (a string, a number, null) has no access_token either. What the server said comes along
  // (200 { message: "Invalid credentials" }), whatever the hint.
  if (typeof accessToken !== "string" || !accessToken) throw new AuthenticationError(`Token request to ${shownUrl} returned ${what} without an access_token: ${endpointHint}.`, init);
  return token as Record<string, unknown>;
}
