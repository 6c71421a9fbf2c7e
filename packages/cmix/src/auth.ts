import { createOAuth2TokenSource, InputError, requireString, type Auth, type TokenRequestOptions } from "@apis/runtime";
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

interface TokenTransport extends TokenRequestOptions {
  /** Base URL of the auth service. */
  authUrl: string;
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
  // The runtime's OAuth 2 token source: the same timeouts, safe retries, redirect guard, redaction and single-flight
  // refresh as every vendor's. CMIX takes the grant as JSON, client credentials included.
  const { authUrl, ...options } = transport;
  return createOAuth2TokenSource({
    ...options,
    tokenUrl: `${authUrl}/access-token`,
    grant: { type: "password", username: grant.username, password: grant.password, clientId: grant.client_id, clientSecret: grant.client_secret },
    bodyFormat: "json",
    hints: {
      refused:
        "check auth.clientId, auth.clientSecret, auth.username and auth.password; sandbox and production have separate credentials, so also check environment",
      endpoint: "check authBaseUrl: it must be the CMIX auth service, which serves POST /access-token",
    },
  });
}
