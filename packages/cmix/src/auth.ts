import { checkOptionNames, tokenSourceForCheckedGrant, requireString, type AuthSchemes } from "@apis/runtime";
import type { CmixHost } from "./environments.js";

/** How the client authenticates. Every service accepts the same token, fetched from the auth service. */
export type CmixAuth =
  /**
   * The password grant: the account's client set (`clientId`/`clientSecret`) and a CMIX user (`username`/`password`).
   * The client fetches a token on the first call, shares it among all four services and fetches it again once after a 401.
   */
  | { type: "password"; clientId: string; clientSecret: string; username: string; password: string }
  /** A token you already hold (e.g. cached by your application). It is sent as it is and never refreshed. */
  | { type: "token"; accessToken: string };

/**
 * CMIX's credentials by security scheme (`bearerAuth`), checked at `createClient` so a typo fails there rather than
 * at the first call. The password grant becomes one token source from the runtime, given to every service's client:
 * one token, one token request at a time, one refetch after a 401. CMIX takes the grant as JSON, client credentials
 * included (`POST /access-token` on the auth service).
 */
export const AUTH_SCHEMES: AuthSchemes<CmixAuth, CmixHost> = {
  bearerAuth: {
    password: (auth, context) => {
      // A name CMIX's grant does not take (a scope, a misspelt client_secret) was dropped without a word.
      checkOptionNames(auth, ["type", "clientId", "clientSecret", "username", "password"], "auth");
      return {
        type: "oauth2",
        tokens: tokenSourceForCheckedGrant({
          ...context.token,
          tokenUrl: `${context.hosts.authBaseUrl}/access-token`,
          grant: {
            type: "password",
            clientId: requireString(auth.clientId, "auth.clientId", "the account's client ID (the client set CMIX issued)"),
            clientSecret: requireString(auth.clientSecret, "auth.clientSecret", "the account's client secret"),
            username: requireString(auth.username, "auth.username", "the CMIX user's name"),
            password: requireString(auth.password, "auth.password", "the CMIX user's password"),
          },
          bodyFormat: "json",
          hints: {
            refused:
              "check auth.clientId, clientSecret, username and password, and environment: sandbox and production have separate credentials",
            endpoint: "check authBaseUrl: it must be the CMIX auth service, which serves POST /access-token",
          },
        }),
      };
    },
    token: (auth) => {
      checkOptionNames(auth, ["type", "accessToken"], "auth");
      return { type: "bearer", token: requireString(auth.accessToken, "auth.accessToken", "an access token from POST /access-token") };
    },
  },
};
