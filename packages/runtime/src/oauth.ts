import type { TokenSource } from "./auth.js";
import { ApiConnectionError, ApiUserAbortError, AuthenticationError } from "./errors.js";
import { InputError } from "./input-error.js";
import { redactBody, redactText, redactUrl } from "./redact.js";
import type { RetryDelayOptions } from "./retry.js";
import { createTransport, type FetchLike } from "./transport.js";

/** The grant a token source obtains its first token with. */
export type OAuth2Grant =
  /** Resource owner password credentials. `query` is added to the token URL, e.g. Wootric's `account_token`. */
  | { type: "password"; username: string; password: string; query?: Record<string, string> }
  | { type: "client_credentials"; clientId: string; clientSecret: string }
  /** Only a refresh token, e.g. one the caller obtained itself. */
  | { type: "refresh_token"; refreshToken: string };

/** Options of {@link createOAuth2TokenSource}. */
export interface OAuth2TokenSourceOptions {
  /** Full URL of the token endpoint. */
  tokenUrl: string;
  grant: OAuth2Grant;
  /** A token the caller already has; it is used until it expires or the server rejects it. */
  initial?: { accessToken: string; refreshToken?: string | undefined; expiresAt?: number | undefined } | undefined;
  /** The fetch underneath. Default `globalThis.fetch`, looked up at call time. */
  fetch?: FetchLike | undefined;
  /** Refresh this long before expiry, in milliseconds. Default 60 000. */
  refreshSkewMs?: number | undefined;
  /** Clock in epoch milliseconds, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Bound on each token request attempt, in milliseconds. Default 60 000. */
  timeoutMs?: number | undefined;
  /** Retries of a token request where safe (POST rules: 429 or a connection that never opened). Default 2. */
  maxRetries?: number | undefined;
  /** Backoff tuning of those retries. Defaults 500 / 8000 ms. */
  retryDelay?: RetryDelayOptions | undefined;
}

type GrantType = OAuth2Grant["type"];

/**
 * A {@link TokenSource} that gets tokens from an OAuth 2 token endpoint (RFC 6749): it POSTs the grant as
 * `application/x-www-form-urlencoded` (credentials in the body, never in the URL), caches the token, refreshes it
 * `refreshSkewMs` before it expires with the refresh token the server issued (keeping each new one), and falls
 * back to the original credentials when a refresh is refused. Concurrent callers share one token request.
 *
 * A refused or unreadable token response throws an {@link AuthenticationError}; a token endpoint that cannot be
 * reached throws {@link ApiConnectionError}. A caller's signal stops only that caller's wait: the shared request
 * goes on (bounded by `timeoutMs`) and its token is cached for the next call.
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
  const tokenUrl = buildTokenUrl(options.tokenUrl, grant.type === "password" ? grant.query : undefined);
  const shownUrl = redactUrl(tokenUrl);
  const now = options.now ?? Date.now;
  const skew = options.refreshSkewMs ?? 60_000;
  const send = createTransport({
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    retryDelay: options.retryDelay,
  });

  let accessToken = options.initial?.accessToken;
  let refreshToken = options.initial?.refreshToken ?? (grant.type === "refresh_token" ? grant.refreshToken : undefined);
  let refreshAt = options.initial?.expiresAt === undefined ? undefined : options.initial.expiresAt - skew;
  let inFlight: Promise<string> | undefined;

  // Every credential this source ever held: scrubbed from any text a vendor echoes back into an error.
  const secrets = new Set<string>();
  const remember = (value: string | undefined) => {
    if (value) secrets.add(value);
  };
  if (grant.type === "password") remember(grant.password);
  if (grant.type === "client_credentials") remember(grant.clientSecret);
  remember(refreshToken);
  remember(accessToken);

  function current(): string | undefined {
    if (accessToken === undefined) return undefined;
    return refreshAt === undefined || now() < refreshAt ? accessToken : undefined;
  }

  async function acquire(): Promise<string> {
    if (refreshToken !== undefined) {
      try {
        return await request("refresh_token", { grant_type: "refresh_token", refresh_token: refreshToken, ...clientAuth(grant) });
      } catch (error) {
        // A refresh token that is expired, revoked or already rotated is answered 400/401 (invalid_grant); the
        // original credentials still work, so they are tried before giving up.
        const refused = error instanceof AuthenticationError && (error.status === 400 || error.status === 401);
        if (!refused || grant.type === "refresh_token") throw error;
        refreshToken = undefined;
      }
    }
    if (grant.type === "password") {
      return request("password", { grant_type: "password", username: grant.username, password: grant.password });
    }
    if (grant.type === "client_credentials") {
      return request("client_credentials", { grant_type: "client_credentials", ...clientAuth(grant) });
    }
    throw new AuthenticationError(
      `Token request to ${shownUrl} cannot be made: the refresh token is gone and there are no other credentials. Sign in again to obtain a new refresh token.`,
      { method: "POST", url: tokenUrl },
    );
  }

  async function request(used: GrantType, params: Record<string, string>): Promise<string> {
    const response = await send(
      new Request(tokenUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: new URLSearchParams(params).toString(),
      }),
    );
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new ApiConnectionError(`Token request to ${shownUrl} failed while reading the response: check the network.`, {
        method: "POST",
        url: tokenUrl,
        status: response.status,
        cause: error,
      });
    }
    const parsed = parseJson(text);
    const scrub = (value: unknown) => redactBody(value, [...secrets]);
    if (!response.ok) {
      const body = parsed.ok ? scrub(parsed.value) : snippet(text, [...secrets]);
      throw new AuthenticationError(tokenErrorMessage(shownUrl, response.status, body, used), {
        status: response.status,
        method: "POST",
        url: tokenUrl,
        body,
      });
    }
    const token = parsed.ok ? readToken(parsed.value) : undefined;
    if (!token) {
      throw new AuthenticationError(
        `Token request to ${shownUrl} returned ${response.status} without an access token (expected RFC 6749 JSON with access_token): check that tokenUrl is the OAuth token endpoint.`,
        { status: response.status, method: "POST", url: tokenUrl, body: parsed.ok ? scrub(parsed.value) : snippet(text, [...secrets]) },
      );
    }
    remember(token.accessToken);
    remember(token.refreshToken);
    accessToken = token.accessToken;
    // RFC 6749 §6: a server that does not rotate refresh tokens sends none back, and the old one stays valid.
    if (token.refreshToken !== undefined) refreshToken = token.refreshToken;
    // A lifetime shorter than the skew would make every call refresh; refreshing at half-life bounds that.
    refreshAt = token.expiresInMs === undefined ? undefined : now() + Math.max(token.expiresInMs - skew, token.expiresInMs / 2);
    return token.accessToken;
  }

  return {
    async getToken(signal?: AbortSignal): Promise<string> {
      const token = current();
      if (token !== undefined) return token;
      if (!inFlight) {
        const flight = acquire().finally(() => {
          inFlight = undefined;
        });
        // Waiters may all have given up by the time it settles; the rejection is theirs to see, not the process's.
        flight.catch(() => {});
        inFlight = flight;
      }
      return signal ? raceAbort(inFlight, signal, shownUrl) : inFlight;
    },
    invalidate(rejected: string): void {
      if (accessToken === rejected) {
        accessToken = undefined;
        refreshAt = undefined;
      }
    },
  };
}

function raceAbort(promise: Promise<string>, signal: AbortSignal, url: string): Promise<string> {
  const abort = () => new ApiUserAbortError(`Token request to ${url} was aborted by the caller.`, { method: "POST", url, cause: signal.reason });
  if (signal.aborted) return Promise.reject(abort());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abort());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

// RFC 6749 §2.3.1 allows both Basic and body client authentication; the body form is the one every vendor accepts.
function clientAuth(grant: OAuth2Grant): Record<string, string> {
  return grant.type === "client_credentials" ? { client_id: grant.clientId, client_secret: grant.clientSecret } : {};
}

function readToken(value: unknown): { accessToken: string; refreshToken?: string; expiresInMs?: number } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { access_token, refresh_token, expires_in } = value as Record<string, unknown>;
  if (typeof access_token !== "string" || access_token === "") return undefined;
  // Some vendors send expires_in as a string; anything unreadable means "until the server rejects it".
  const seconds = typeof expires_in === "number" || typeof expires_in === "string" ? Number(expires_in) : NaN;
  return {
    accessToken: access_token,
    ...(typeof refresh_token === "string" && refresh_token !== "" ? { refreshToken: refresh_token } : {}),
    ...(Number.isFinite(seconds) && seconds > 0 ? { expiresInMs: seconds * 1000 } : {}),
  };
}

function tokenErrorMessage(url: string, status: number, body: unknown, used: GrantType): string {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.error === "string" ? record.error : undefined;
  const description = typeof record.error_description === "string" ? record.error_description.slice(0, 200) : undefined;
  const what = [code, description && `(${description})`].filter(Boolean).join(" ");
  return `Token request to ${url} failed with ${status}${what ? ` ${what}` : ""}: ${tokenErrorHint(status, code, used)}`;
}

function tokenErrorHint(status: number, code: string | undefined, used: GrantType): string {
  const credentials = {
    password: "check the username and password",
    client_credentials: "check the client ID and client secret",
    refresh_token: "the refresh token is invalid, expired or already used; sign in again to obtain a new one",
  }[used];
  if (code === "invalid_grant") return credentials;
  if (code === "invalid_client") return "check the client ID and client secret";
  if (code === "unauthorized_client" || code === "unsupported_grant_type") {
    return `the server does not allow the ${used} grant for this client; use another kind of credentials`;
  }
  if (code === "invalid_scope") return "the requested scope is not allowed for this client";
  if (code === "invalid_request") return "the server rejected the token request's form; check tokenUrl and the grant";
  if (status === 400 || status === 401) return credentials;
  if (status === 403) return "the account is not allowed to obtain tokens; check its status with the vendor";
  if (status === 404 || status === 405) return "check that tokenUrl is the OAuth token endpoint";
  if (status === 429) return "the token endpoint is rate limiting; wait and try again";
  if (status >= 500) return "the authorization server failed; try again later";
  return "check tokenUrl and the credentials";
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function snippet(text: string, secrets: readonly string[]): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const clean = redactText(trimmed, secrets);
  return clean.length > 500 ? `${clean.slice(0, 497)}...` : clean;
}

function buildTokenUrl(tokenUrl: unknown, query: Record<string, string> | undefined): string {
  if (typeof tokenUrl !== "string") throw new InputError("tokenUrl", "tokenUrl must be the token endpoint's full URL");
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    throw new InputError("tokenUrl", `tokenUrl must be a full URL such as https://api.example.com/oauth/token, got ${JSON.stringify(redactUrl(tokenUrl))}`);
  }
  // fetch refuses such URLs with an error that quotes them, credentials included.
  if (url.username || url.password) throw new InputError("tokenUrl", "tokenUrl must not contain credentials: pass them in grant");
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.append(name, value);
  return url.href;
}

function checkGrant(grant: OAuth2Grant): OAuth2Grant {
  const need = (value: unknown, field: string) => {
    if (typeof value !== "string" || value === "") throw new InputError(field, `${field} must be a non-empty string`);
  };
  if (typeof grant !== "object" || grant === null) {
    throw new InputError("grant", 'grant is required: { type: "password" | "client_credentials" | "refresh_token", ... }');
  }
  switch (grant.type) {
    case "password":
      need(grant.username, "grant.username");
      need(grant.password, "grant.password");
      for (const [name, value] of Object.entries(grant.query ?? {})) need(value, `grant.query.${name}`);
      return grant;
    case "client_credentials":
      need(grant.clientId, "grant.clientId");
      need(grant.clientSecret, "grant.clientSecret");
      return grant;
    case "refresh_token":
      need(grant.refreshToken, "grant.refreshToken");
      return grant;
    default:
      throw new InputError(
        "grant.type",
        `Unknown grant type ${JSON.stringify((grant as { type?: unknown }).type)}: use "password", "client_credentials" or "refresh_token"`,
      );
  }
}
