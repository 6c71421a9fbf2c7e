import { AuthenticationError, createTokenSource, createTransport, InputError, rememberSecret, requireString, type Auth, type FetchLike, type Logger, type RetryDelayOptions } from "@apis/runtime";
import type { components } from "./generated/auth/schema.js";

type PasswordGrant = components["schemas"]["PasswordGrant"];

/** How the client authenticates. Every service accepts the same token, fetched from the auth service. */
export type CmixAuth =
  /**
   * The password grant: the account's client set (`clientId`/`clientSecret`) and a CMIX user (`username`/`password`).
   * The client fetches a token on the first call, shares it among all four services and fetches it again once after a 401.
   */
  | { type: "password"; clientId: string; clientSecret: string; username: string; password: string }
  /** A token you already hold (e.g. cached by your application). It is sent as it is and never refreshed. */
  | { type: "token"; accessToken: string };

interface TokenTransport {
  /** Base URL of the auth service. */
  authUrl: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  maxResponseBytes?: number | undefined;
  maxRetries?: number | undefined;
  retryDelay?: RetryDelayOptions | undefined;
  logger?: Logger | undefined;
}

/**
 * Turns the vendor's auth option into the runtime's, checking it first so a typo fails here rather than at the first
 * call. For the password grant the result holds one token source: give the same `Auth` to every service's client
 * and they share one token, one token request at a time, and one refetch after a 401.
 *
 * @example
 * const auth = toRuntimeAuth({ type: "password", clientId, clientSecret, username, password }, { authUrl: "https://auth.cmix.com" });
 */
export function toRuntimeAuth(auth: CmixAuth, transport: TokenTransport): Auth {
  if (typeof auth !== "object" || auth === null) {
    throw new InputError("auth", 'auth is required: { type: "password", clientId, clientSecret, username, password } or { type: "token", accessToken }');
  }
  switch (auth.type) {
    case "password": {
      const grant: PasswordGrant = {
        grant_type: "password",
        client_id: requireString(auth.clientId, "auth.clientId", "the account's client ID (the client set CMIX issued)"),
        client_secret: requireString(auth.clientSecret, "auth.clientSecret", "the account's client secret"),
        username: requireString(auth.username, "auth.username", "the CMIX user's name"),
        password: requireString(auth.password, "auth.password", "the CMIX user's password"),
      };
      return { type: "oauth2", tokens: passwordTokenSource(grant, transport) };
    }
    case "token":
      return { type: "bearer", token: requireString(auth.accessToken, "auth.accessToken", "an access token from POST /access-token") };
    default: {
      const type = (auth as { type?: unknown }).type;
      throw new InputError("auth.type", `Unknown auth type ${JSON.stringify(type)}: use "password" or "token"`);
    }
  }
}

function passwordTokenSource(grant: PasswordGrant, transport: TokenTransport) {
  const tokenUrl = `${transport.authUrl}/access-token`;
  // The token request goes through the runtime's transport, so it gets the same timeouts, safe retries and redaction.
  const send = createTransport({
    fetch: transport.fetch,
    timeoutMs: transport.timeoutMs,
    maxResponseBytes: transport.maxResponseBytes,
    maxRetries: transport.maxRetries,
    retryDelay: transport.retryDelay,
    logger: transport.logger,
    purpose: "token",
  });
  const secrets = [grant.client_secret, grant.password];
  // Known to every error and log line of the runtime, in every encoding (the JSON body escapes them).
  rememberSecret(...secrets);

  return createTokenSource({
    tokenUrl,
    fetchToken: async (signal) => {
      const request = new Request(tokenUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(grant),
        ...(signal ? { signal } : {}),
      });
      const response = await send(request, { response: "json" });
      const text = await response.text();
      const body = parseJson(text) ?? (text.trim() === "" ? undefined : text.slice(0, 500));
      const fail = (message: string) => new AuthenticationError(message, { status: response.status, method: "POST", url: tokenUrl, body, secrets });
      if (!response.ok) {
        const said = describe(body);
        throw fail(`Token request to ${tokenUrl} failed with ${response.status}${said ? `: ${said}` : ""}. ${hint(response.status)}`);
      }
      const token = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
      if (typeof token.access_token !== "string" || token.access_token === "") {
        throw fail(`Token request to ${tokenUrl} returned ${response.status} without an access_token: check authBaseUrl points at the CMIX auth service.`);
      }
      // The runtime sends tokens as "Bearer"; a different scheme would be refused on every call with no clue why.
      if (typeof token.token_type === "string" && token.token_type.toLowerCase() !== "bearer") {
        throw fail(`Token request to ${tokenUrl} returned token_type ${JSON.stringify(token.token_type)}, but this client can only send Bearer tokens: please report this.`);
      }
      const seconds = Number(token.expires_in);
      return { accessToken: token.access_token, ...(seconds > 0 && Number.isFinite(seconds) ? { expiresInMs: seconds * 1000 } : {}) };
    },
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The vendor's explanation, whichever shape it came in: RFC 6749 (`error`, `error_description`) or `{error: {message}}`. */
function describe(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 200);
  if (typeof body !== "object" || body === null) return "";
  const { error, error_description, message } = body as Record<string, unknown>;
  const nested = typeof error === "object" && error !== null ? (error as Record<string, unknown>).message : undefined;
  const parts = [typeof error === "string" ? error : nested, error_description, message].filter((part): part is string => typeof part === "string" && part !== "");
  return parts.join(": ").slice(0, 200);
}

function hint(status: number): string {
  if (status === 400 || status === 401 || status === 403) {
    return "Check auth.clientId, auth.clientSecret, auth.username and auth.password; sandbox and production have separate credentials, so also check environment.";
  }
  if (status === 404 || status === 405) return "Check authBaseUrl: it must be the CMIX auth service, which serves POST /access-token.";
  if (status === 429) return "The auth service is rate limiting: wait and try again.";
  if (status >= 500) return "The CMIX auth service failed: try again later.";
  return "See `body` for the vendor's explanation.";
}
