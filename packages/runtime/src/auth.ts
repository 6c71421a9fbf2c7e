import { isHeaderSafeToken, UNSENDABLE } from "./header-value.js";
import { fieldError, InputError, requireString, shown } from "./input-error.js";
import { rememberSecret } from "./known-secrets.js";
import { registerSecretName } from "./redact.js";
import { MIN_SECRET_LENGTH, toBase64 } from "./secret-forms.js";
import { setQueryParam } from "./url.js";

/**
 * Supplies OAuth 2 access tokens to a client. {@link createOAuth2TokenSource} makes one; any object with these two
 * methods works, e.g. one backed by a token the application stores itself.
 */
export interface TokenSource {
  /** Resolves a valid access token, fetching or refreshing as needed; concurrent callers share one in-flight request. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Called after a 401 with the token that was rejected; the next getToken() fetches a fresh one unless another caller already did. */
  invalidate(rejected: string): void;
}

/** How a client authenticates its requests. */
export type Auth =
  | { type: "none" }
  | { type: "bearer"; token: string }
  | { type: "basic"; username: string; password: string }
  | { type: "oauth2"; tokens: TokenSource }
  /** The credential travels in the URL query as `name=value`, e.g. `access_token`; `name` is redacted from every error. */
  | { type: "query"; name: string; value: string };

/** What one attempt carries: an Authorization header or a query parameter, and the OAuth token to report if rejected. */
export interface Credential {
  header?: string | undefined;
  /**
   * A credential in the URL query: the URL it is given with the credential set in it (see `setQueryParam`), applied to
   * each attempt's URL and to each redirect hop's. A function, so that only a bundle with query auth holds that code.
   */
  query?: ((url: string) => string) | undefined;
  token?: string | undefined;
  /** What of it a server may echo, redacted from the errors and log lines of each call that sends it. */
  secrets: string[];
}

/** Resolves the credential of each attempt from an {@link Auth}. */
export interface Authorizer {
  /** The credential of one attempt (none for no auth). */
  get(signal?: AbortSignal): Promise<Credential | undefined>;
  /** Where the credential goes: a caller's own Authorization header replaces only a header credential. */
  readonly location: "none" | "header" | "query";
  /** Drops a credential the server refused; only a credential that can be fetched anew (OAuth 2) has it, so a 401 is
   * cured by fetching a new one exactly when it is there. */
  invalidate?: ((credential: Credential) => void) | undefined;
}

/** HTTP Basic: a user name and password. */
export function basicAuthorizer(auth: { username: string; password: string }): Authorizer {
  const username = requireString(auth.username, "auth.username", "the user name");
  if (typeof auth.password !== "string") throw fieldError("auth.password", "must be a string");
  return checkedBasicAuthorizer({ username, password: auth.password });
}

/** Tokens from a {@link TokenSource}, fetched again once after a 401. */
export function oauth2Authorizer(auth: { tokens: TokenSource }): Authorizer {
  const tokens = auth.tokens;
  if (typeof tokens?.getToken !== "function" || typeof tokens.invalidate !== "function") {
    throw fieldError("auth.tokens", "must be a TokenSource, e.g. createOAuth2TokenSource({ ... })");
  }
  return checkedOAuth2(auth);
}

// The auth types, as the errors for a missing or unknown one name them.
const AUTH_TYPES = '"none", "bearer", "basic", "oauth2" or "query"';

/**
 * How each kind of {@link Auth} becomes an {@link Authorizer}, checking it first (but {@link TOKEN_AUTHORIZERS}, which take
 * what a vendor's builders checked). Kept apart, so that a bundle holds only the kinds its clients are given: a vendor's
 * builders return one or two of them (see `VendorDescription.authorizers`).
 */
export type Authorizers = { [T in Auth["type"]]?: ((auth: Extract<Auth, { type: T }>) => Authorizer) | undefined };

/** A fixed bearer token. */
export const bearerAuthorizer = (auth: { token: string }): Authorizer => fixed("header", bearer(requireString(auth.token, "auth.token", "a bearer token"), "auth.token"));

/**
 * {@link bearerAuthorizer} for a token a vendor's builders checked (a non-empty string), as TOKEN_AUTHORIZERS takes it:
 * one no header can carry is still refused, on `auth.accessToken`, the name every vendor's auth gives it.
 */
export const checkedBearerAuthorizer = (auth: { token: string }): Authorizer => fixed("header", bearer(auth.token, "auth.accessToken"));

/**
 * The `Authorization` value for HTTP Basic authentication (RFC 7617), UTF-8 encoded so that non-ASCII
 * user names and passwords work in every runtime. A user name with `:` throws an {@link InputError} naming `field`.
 *
 * @example
 * basicAuthorization("ana", "päss"); // "Basic YW5hOnDDpHNz"
 */
export function basicAuthorization(username: string, password: string, field = "username"): string {
  // RFC 7617: the user-id ends at the first colon, so the server would read a different user and password.
  if (username.includes(":")) throw fieldError(field, `must not contain ':' (HTTP Basic cannot carry it)`);
  return `Basic ${toBase64(new TextEncoder().encode(`${username}:${password}`))}`;
}

/** A credential in the URL query, as `name=value`. */
export function queryAuthorizer(auth: { name: string; value: string }): Authorizer {
  const name = requireString(auth.name, "auth.name", "the query parameter that carries the credential, e.g. access_token");
  const value = requireString(auth.value, "auth.value", "the credential");
  // Errors quote request URLs; from now on this parameter's value is blanked in every one of them.
  registerSecretName(name);
  return fixed("query", { query: (url) => setQueryParam(url, name, value), secrets: [value] });
}

/**
 * Checks an {@link Auth} of any kind and turns it into an {@link Authorizer}. Bad input throws an {@link InputError}
 * naming the field, never quoting a credential.
 *
 * @example
 * const authorizer = createAuthorizer({ type: "bearer", token });
 */
export function createAuthorizer(auth: Auth): Authorizer {
  if (typeof auth !== "object" || auth === null) {
    throw fieldError("auth", `is required: an object whose type is ${AUTH_TYPES}`);
  }
  const type: unknown = auth.type;
  // Own keys only: a type such as "toString" names a built-in of every object, not a kind.
  if (typeof type != "string" || !Object.hasOwn(AUTHORIZERS, type)) throw new InputError("auth.type", `Unknown auth type ${shown(type)}: use ${AUTH_TYPES}`);
  return (AUTHORIZERS[type as Auth["type"]] as (auth: Auth) => Authorizer)(auth);
}

/**
 * {@link basicAuthorizer} for a user name and password a vendor's builders checked (a non-empty user name, a password
 * that is a string): a user name with ':' is still refused.
 */
export function checkedBasicAuthorizer({ username, password }: { username: string; password: string }): Authorizer {
  const header = basicAuthorization(username, password, "auth.username");
  // The pair is what the header carries, base64-encoded; the password alone is what a server may echo, or the user
  // name when the password is none or a placeholder too short to be redacted ("X"): an API key sent as the user name.
  const secrets = [password.length < MIN_SECRET_LENGTH ? username : password, `${username}:${password}`];
  return fixed("header", { header, secrets });
}

// An Authorizer whose credential never changes, so there is nothing to refresh or invalidate (no invalidate). Known from
// the start, so that a caller's slip (the token passed where a path goes) is redacted before any request is made.
function fixed(location: Authorizer["location"], credential?: Credential): Authorizer {
  remembered(credential);
  return { location, get: async () => remembered(credential) };
}

/** No credential, as a token endpoint's requests go. */
export const noneAuthorizer = (): Authorizer => fixed("none");

/**
 * The kinds most vendors' builders return, as their descriptions name them: a token held, or a token source. Their
 * fields are not checked again: the builders checked the token (a non-empty string) and made the source, or checked
 * the caller's as `oauth2Authorizer` does.
 */
export const TOKEN_AUTHORIZERS: Authorizers = { bearer: checkedBearerAuthorizer, oauth2: checkedOAuth2 };

/** Every kind, as `createApiClient` and `createTransport` take them (no spread: a bundle without them drops this). */
export const AUTHORIZERS: Authorizers = { none: noneAuthorizer, bearer: bearerAuthorizer, basic: basicAuthorizer, oauth2: oauth2Authorizer, query: queryAuthorizer };

/** How a transport turns its `auth` (undefined when none was given) into an {@link Authorizer}. */
export type Authorize = (auth: Auth | undefined) => Authorizer;

/** The `auth` a caller hands `createApiClient` or `createTransport`, checked: any kind, or none when left out. */
export const authorizeAny: Authorize = (auth) => createAuthorizer(auth ?? { type: "none" });

/**
 * A vendor client's `auth`, which its own builders made of a kind in `authorizers` (its description names every kind
 * they return) from an option they checked: it is looked up, not checked again.
 *
 * @example
 * const authorize = authorizeBy(description.authorizers);
 */
export const authorizeBy =
  (authorizers: Authorizers): Authorize =>
  (auth) => {
    const authorize = authorizers[auth!.type] as ((auth: Auth) => Authorizer) | undefined;
    // A vendor's own slip, met by its first test of that kind: its builders return a kind its description does not name.
    if (!authorize) throw new TypeError(`No authorizer for auth type ${auth!.type}: name it in the vendor's authorizers`);
    return authorize(auth!);
  };

// oauth2Authorizer for a source a vendor's builders made or checked, as TOKEN_AUTHORIZERS takes it.
function checkedOAuth2({ tokens }: { tokens: TokenSource }): Authorizer {
  return {
    location: "header",
    // A source of the caller's own is checked too: "Bearer undefined" would go out, and a header the platform
    // refuses would read as a network failure, and be retried.
    get: async (signal) => remembered(bearer(await tokens.getToken(signal), "auth.tokens.getToken()")),
    // Handed only a credential with a token (see the credentials layer): every one get() gives has one.
    invalidate: (credential) => tokens.invalidate(credential.token!),
  };
}

// The credential of a bearer token, refused (without quoting it) when it is no string or no header can carry it.
function bearer(token: unknown, field: string): Credential {
  if (typeof token !== "string" || !isHeaderSafeToken(token)) throw fieldError(field, UNSENDABLE);
  return { header: `Bearer ${token}`, token, secrets: [token] };
}

// Every use counts: a credential in use is never the one forgotten when many clients fill the list of known ones.
function remembered<C extends Credential | undefined>(credential: C): C {
  if (credential !== undefined) rememberSecret(...credential.secrets);
  return credential;
}

