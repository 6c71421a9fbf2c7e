import { AuthorizationDeniedError } from "./errors.js";
import { describeValue, fieldError, InputError } from "./input-error.js";
import { checkSecureUrl, isLoopbackHost } from "./secure-url.js";
import { checkOptionNames } from "./option-names.js";
import { shorten } from "./shorten.js";

/** Options of {@link buildAuthorizeUrl}. */
export interface AuthorizeUrlOptions {
  /** The vendor's authorization endpoint, e.g. `https://api.example.com/oauth/authorize`. */
  authorizeUrl: string;
  clientId: string;
  /** Where the vendor sends the user back: an absolute https URL registered with the vendor. */
  redirectUri: string;
  /**
   * An unguessable value of 8 or more characters (e.g. `crypto.randomUUID()`), stored with the user's session and
   * checked on the way back (CSRF protection, see {@link readAuthorizationCallback}). Required.
   */
  state: string;
  /** Scopes, space-separated or as a list. */
  scope?: string | readonly string[] | undefined;
  /** `response_type`. Default `code`. */
  responseType?: string | undefined;
  /** Any other parameter the vendor wants, e.g. `{ prompt: "consent" }`. */
  params?: Record<string, string> | undefined;
}

/** Options of {@link readAuthorizationCallback}. */
export interface AuthorizationCallbackOptions {
  /** Parameters that may hold the code, first present wins. Default `["code"]`. */
  codeParams?: readonly string[] | undefined;
  /**
   * The `state` sent with the authorization request, which the callback must carry (CSRF protection, RFC 6749 §10.12).
   * Required: undefined or empty (a session that lost its state) refuses every callback rather than none. `null` skips
   * the check, for a client that protects its callback otherwise (PKCE) or a vendor that does not send `state` back.
   */
  expectedState: string | null | undefined;
}

/** What {@link readAuthorizationCallback} reads from a successful callback. */
export interface AuthorizationCallback {
  code: string;
  state?: string | undefined;
}

// The parameters set from options of their own, each with the option that sets it.
const OWN_OPTIONS: Record<string, string> = {
  client_id: "clientId",
  redirect_uri: "redirectUri",
  response_type: "responseType",
  state: "state",
  scope: "scope",
};

/**
 * Refuses, with an {@link InputError} on `redirectUri`, anything but an absolute https URL, or an http one on loopback
 * (a local app, or a native one: RFC 8252 §7.3), without a fragment (RFC 6749 §3.1.2).
 *
 * @example
 * checkRedirectUri("https://app.example.com/oauth/callback");
 * checkRedirectUri("http://127.0.0.1:8765/callback");
 */
export function checkRedirectUri(value: unknown): void {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    // Not a URL: `url` stays undefined and is refused below.
  }
  if (!(url?.protocol === "https:" || (url?.protocol === "http:" && isLoopbackHost(url.hostname))) || (value as string).includes("#")) {
    throw fieldError("redirectUri", "must be an absolute https URL (http on loopback) without #fragment, as registered with the vendor");
  }
}

/**
 * The URL to send the user to so they can authorize this client (RFC 6749 §4.1.1): the authorization endpoint with
 * `client_id`, `redirect_uri`, `response_type`, `state`, `scope` and any extra `params` added to its query.
 *
 * @example
 * const state = crypto.randomUUID(); // keep it in the user's session
 * response.redirect(buildAuthorizeUrl({ authorizeUrl, clientId, redirectUri: "https://app.example.com/callback", state, scope: ["read"] }));
 */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  const url = new URL(buildAuthorizeUrlWithoutParams(options));
  // The same URL, read again to add the extra parameters after the others.
  for (const [name, value] of Object.entries(options.params ?? {})) {
    if (Object.hasOwn(OWN_OPTIONS, name)) {
      throw fieldError(`params.${name}`, `is set from its own option: use ${OWN_OPTIONS[name]} instead`);
    }
    if (value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  return url.href;
}

/**
 * Reads the redirect the vendor sent the user back with (RFC 6749 §4.1.2): a full URL, the path and query a web
 * framework gives (`req.url`), or the query alone, with or without its `?` (`code=...&state=...`). Returns the code
 * and state; throws {@link AuthorizationDeniedError} when the authorization was refused, and an {@link InputError}
 * when the state does not match `expectedState` (required; `null` skips the check), no code is there or an option is
 * not one it takes. No error ever quotes the code.
 *
 * @example
 * const { code } = readAuthorizationCallback(req.url, { expectedState: session.oauthState });
 */
export function readAuthorizationCallback(url: string | URL, options: AuthorizationCallbackOptions): AuthorizationCallback {
  // The state itself passed here would otherwise fail obscurely.
  if (typeof options !== "object" || !options) throw fieldError("options", `must be { expectedState }, got ${describeValue(options)}`);
  checkOptionNames(options, ["codeParams", "expectedState"], "readAuthorizationCallback");
  // Left out, it would turn the check off without a word: a forged callback (login CSRF) is then taken.
  if (!("expectedState" in options)) throw fieldError("expectedState", "is required: the state sent to the vendor (null skips the check)");
  // A URL or anything shaped like one (Next.js's request.nextUrl) by its href; anything else would be read as a path
  // ("/null") and reported as a forged callback, without a state.
  const text = typeof url === "string" ? url : (url as URL | null | undefined)?.href;
  let parsed: URL | undefined;
  if (typeof text === "string") {
    try {
      // The base only lets a bare path and query parse; nothing from it is used. A text with an "=" but no "?" (a
      // framework's query string, `code=...&state=...`) is read as the query: as a path, it would be a callback without
      // a state; a path without a query holds no code anyway.
      parsed = new URL(/^[^?]*=[^?]*$/.test(text) ? `?${text}` : text, "https://callback.invalid");
    } catch {
      // Not a URL: `parsed` stays undefined and is refused below, as an href that is no string is.
    }
  }
  // One refusal for both (written once, where a closure built it twice: 13 gzipped bytes). describeValue never quotes
  // a string: the URL holds the code.
  if (!parsed) throw fieldError("url", `must be the callback URL the vendor redirected to, or its path and query, got ${describeValue(url)}`);
  const query = parsed.searchParams;
  const error = query.get("error") || (query.get("deny") === "true" ? "access_denied" : undefined);
  if (error) {
    const description = query.get("error_description") ?? undefined;
    // Anyone can send a user to the callback with an error of their own (no state is needed to be refused): the text
    // goes into a message, and so into logs, on one line and bounded (see shorten).
    throw new AuthorizationDeniedError(
      `The authorization was refused (${shorten(error, 200)}${description ? `: ${shorten(description, 200)}` : ""}): ${
        error === "access_denied" ? "the user declined; ask them to sign in again and allow access" : "check the authorization request's client_id, redirect_uri and scope"
      }.`,
      { error, errorDescription: description, errorUri: query.get("error_uri") ?? undefined },
    );
  }
  const state = query.get("state");
  // Login CSRF targets exactly a victim with no sign-in under way: an absent session value must not turn the check off.
  if (options.expectedState !== null && (!options.expectedState || state !== options.expectedState)) {
    const why = !options.expectedState ? "expectedState is empty (a lost session?)" : state === null ? "The callback has no state" : "The callback's state is not the one sent";
    throw new InputError("state", `${why}: it may be forged or stale; start the sign-in again`);
  }
  const codeParams = options.codeParams ?? ["code"];
  // The value of the first of them that is there and not empty.
  const code = codeParams.map((param) => query.get(param)).find(Boolean);
  if (!code) {
    throw new InputError("url", `The callback has no ${codeParams.join(" or ")} parameter: pass the URL the vendor redirected to, with its query`);
  }
  return state === null ? { code } : { code, state };
}

/**
 * Refuses, with an {@link InputError} naming `field`, anything but a non-empty string.
 *
 * @example
 * requireString(options.clientId, "clientId");
 */
export function requireString(value: unknown, field: string): void {
  if (typeof value !== "string" || !value) throw fieldError(field, `must be a non-empty string`);
}

/**
 * Parses an absolute URL option, refusing (with an {@link InputError} that does not quote it) one that is relative,
 * carries credentials or is not https (http only on loopback, see {@link checkSecureUrl}).
 *
 * @example
 * const url = parseAbsolute(options.tokenUrl, "tokenUrl", "https://api.example.com/oauth/token");
 */
export function parseAbsolute(value: unknown, field: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw fieldError(field, `must be a full URL such as ${example}`);
  }
  // fetch refuses such URLs with an error that quotes them, credentials included.
  if (url.username || url.password) throw fieldError(field, `must not contain credentials`);
  checkSecureUrl(url.href, field);
  return url;
}

/**
 * {@link buildAuthorizeUrl} without extra `params`, for a caller that sends only the parameters it has options for, as
 * the vendors' buildAuthorizeUrl do: the same checks and the same URL.
 *
 * @example
 * return buildAuthorizeUrlWithoutParams({ authorizeUrl: `${host}/oauth/authorize`, clientId, redirectUri, state });
 */
export function buildAuthorizeUrlWithoutParams(options: Omit<AuthorizeUrlOptions, "params">): string {
  const url = parseAbsolute(options?.authorizeUrl, "authorizeUrl", "https://api.example.com/oauth/authorize");
  requireString(options.clientId, "clientId");
  checkRedirectUri(options.redirectUri);
  if (typeof options.state !== "string" || options.state.length < 8) {
    throw fieldError("state", "must be an unguessable string of 8 or more characters kept in the user's session, e.g. crypto.randomUUID()");
  }
  const scope = Array.isArray(options.scope) ? options.scope.join(" ") : (options.scope as string | undefined);
  for (const [name, value] of [
    ["client_id", options.clientId],
    ["redirect_uri", options.redirectUri],
    ["response_type", options.responseType ?? "code"],
    ["state", options.state],
    ["scope", scope],
  ] as [string, string | undefined][]) if (value !== undefined && value !== "") url.searchParams.set(name, value);
  return url.href;
}

