import { createOAuth2TokenSource, requireString, type AuthContext, type AuthSchemes, type OAuth2Grant } from "@apis/runtime";

/** How the client authenticates. Every grant goes to the Wootric token endpoint (`POST /oauth/token`), shared with CXI. */
export type WootricAuth =
  /** Account email and password; `accountToken` (NPS-XXXX) picks one account when the user has several. */
  | { type: "password"; username: string; password: string; accountToken?: string }
  /** An OAuth application's credentials. Wootric issues no refresh token for this grant: the client asks again. */
  | { type: "clientCredentials"; clientId: string; clientSecret: string }
  /** A token you already hold. With `refreshToken`, the client refreshes it on expiry or on a 401. */
  | { type: "token"; accessToken: string; refreshToken?: string };

function tokens(context: AuthContext, grant: OAuth2Grant, initial?: { accessToken: string; refreshToken: string }) {
  return createOAuth2TokenSource({ tokenUrl: context.tokenUrl!, grant, ...context.token, ...(initial ? { initial } : {}) });
}

/**
 * Wootric's credentials under the spec's security scheme names: the grants are `oauth2`, a token held already is
 * `bearerAuth` (the header; the spec's `accessTokenParam` query form is never sent, so the token stays out of URLs).
 * Checked at `createClient`, so a typo fails there and not at the first call.
 */
export const AUTH_SCHEMES: AuthSchemes<WootricAuth, "baseUrl"> = {
  oauth2: {
    password: (auth, context) => {
      const username = requireString(auth.username, "auth.username", "the Wootric account email");
      const password = requireString(auth.password, "auth.password", "the Wootric account password");
      const query = auth.accountToken === undefined ? undefined : { account_token: requireString(auth.accountToken, "auth.accountToken", "an account token such as NPS-XXXX") };
      return { type: "oauth2", tokens: tokens(context, { type: "password", username, password, ...(query ? { query } : {}) }) };
    },
    clientCredentials: (auth, context) => {
      const clientId = requireString(auth.clientId, "auth.clientId", "the OAuth application's client id");
      const clientSecret = requireString(auth.clientSecret, "auth.clientSecret", "the OAuth application's client secret");
      return { type: "oauth2", tokens: tokens(context, { type: "client_credentials", clientId, clientSecret }) };
    },
  },
  bearerAuth: {
    token: (auth, context) => {
      const accessToken = requireString(auth.accessToken, "auth.accessToken", "an access token from POST /oauth/token");
      if (auth.refreshToken === undefined) return { type: "bearer", token: accessToken };
      const refreshToken = requireString(auth.refreshToken, "auth.refreshToken", "the refresh token issued with the access token");
      return { type: "oauth2", tokens: tokens(context, { type: "refresh_token", refreshToken }, { accessToken, refreshToken }) };
    },
  },
};
