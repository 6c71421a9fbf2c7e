import { createOAuth2TokenSource, InputError, type Auth, type Logger, type RetryDelayOptions } from "@apis/runtime";

/** How the client authenticates. Every grant goes to the shared Wootric token endpoint (`POST /oauth/token`). */
export type WootricAuth =
  /** Account email and password; `accountToken` (NPS-XXXX) picks one account when the user has several. */
  | { type: "password"; username: string; password: string; accountToken?: string }
  /** An OAuth application's credentials. Wootric issues no refresh token for this grant: the client asks again. */
  | { type: "clientCredentials"; clientId: string; clientSecret: string }
  /** A token you already hold. With `refreshToken`, the client refreshes it on expiry or on a 401. */
  | { type: "token"; accessToken: string; refreshToken?: string };

interface TokenTransport {
  tokenEndpoint: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRetries?: number;
  retryDelay?: RetryDelayOptions;
  logger?: Logger;
}

function requireString(value: unknown, field: string, hint: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InputError(field, `${field} must be a non-empty string: ${hint}`);
  }
  return value;
}

/** Turns the vendor's auth option into the shared runtime's, checking it first so a typo fails here, not at the first call. */
export function toRuntimeAuth(auth: WootricAuth, transport: TokenTransport): Auth {
  if (typeof auth !== "object" || auth === null) {
    throw new InputError("auth", 'auth is required: { type: "password" | "clientCredentials" | "token", ... }');
  }
  const common = {
    tokenUrl: transport.tokenEndpoint,
    ...(transport.fetch !== undefined ? { fetch: transport.fetch } : {}),
    ...(transport.timeoutMs !== undefined ? { timeoutMs: transport.timeoutMs } : {}),
    ...(transport.maxResponseBytes !== undefined ? { maxResponseBytes: transport.maxResponseBytes } : {}),
    ...(transport.maxRetries !== undefined ? { maxRetries: transport.maxRetries } : {}),
    ...(transport.retryDelay !== undefined ? { retryDelay: transport.retryDelay } : {}),
    ...(transport.logger !== undefined ? { logger: transport.logger } : {}),
  };
  switch (auth.type) {
    case "password": {
      const username = requireString(auth.username, "auth.username", "the Wootric account email");
      const password = requireString(auth.password, "auth.password", "the Wootric account password");
      const query = auth.accountToken === undefined ? undefined : { account_token: requireString(auth.accountToken, "auth.accountToken", "an account token such as NPS-XXXX") };
      return {
        type: "oauth2",
        tokens: createOAuth2TokenSource({ ...common, grant: { type: "password", username, password, ...(query ? { query } : {}) } }),
      };
    }
    case "clientCredentials": {
      const clientId = requireString(auth.clientId, "auth.clientId", "the OAuth application's client id");
      const clientSecret = requireString(auth.clientSecret, "auth.clientSecret", "the OAuth application's client secret");
      return {
        type: "oauth2",
        tokens: createOAuth2TokenSource({ ...common, grant: { type: "client_credentials", clientId, clientSecret } }),
      };
    }
    case "token": {
      const accessToken = requireString(auth.accessToken, "auth.accessToken", "an access token from POST /oauth/token");
      if (auth.refreshToken === undefined) return { type: "bearer", token: accessToken };
      const refreshToken = requireString(auth.refreshToken, "auth.refreshToken", "the refresh token issued with the access token");
      return {
        type: "oauth2",
        tokens: createOAuth2TokenSource({
          ...common,
          grant: { type: "refresh_token", refreshToken },
          initial: { accessToken, refreshToken },
        }),
      };
    }
    default: {
      const type = (auth as { type?: unknown }).type;
      throw new InputError(
        "auth.type",
        `Unknown auth type ${JSON.stringify(type)}: use "password", "clientCredentials" or "token"`,
      );
    }
  }
}
