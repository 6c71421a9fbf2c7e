import { checkOptionNames, fieldError, requireString, type AuthSchemes } from "@apis/runtime";

/** How the client authenticates. Both are sent in the `Authorization` header. */
export type SurveyDynamixAuth =
  /**
   * HTTP Basic with the customer UUID and auth token from the customer settings page. The 1.0.0 reference's
   * recommended method while its OAuth 2 was "temporarily unavailable"; the newer reference names only tokens, so
   * prefer a personal access token for a new integration (see the README).
   */
  | { type: "basic"; customerUuid: string; authToken: string }
  /** A personal access token, or an access token from {@link exchangeAuthorizationCode}, sent as a bearer token. */
  | { type: "token"; accessToken: string };

/**
 * Survey Dynamix credentials by the spec's security scheme, checked at `createClient` so a typo fails there, not at
 * the first call. No error quotes a credential.
 */
export const AUTH_SCHEMES: AuthSchemes<SurveyDynamixAuth, "baseUrl" | "oauthBaseUrl"> = {
  basicAuth: {
    basic: (auth) => {
      // A name Basic auth does not take (a region, a refresh token) was dropped without a word: a region in auth left
      // the client on its default host, answering 401.
      checkOptionNames(auth, ["type", "customerUuid", "authToken"], "auth");
      const username = requireString(auth.customerUuid, "auth.customerUuid", "the Customer Uuid from the customer settings page");
      // HTTP Basic ends the user name at the first colon, so the vendor would read another user and password. No UUID
      // holds white space: a line break read from a file with it, or a space pasted before it, would go out base64-encoded
      // and be answered 401 without a clue (a bearer token so refuses it, as no header can carry it).
      if (/[:\s]/.test(username)) {
        throw fieldError("auth.customerUuid", "must not contain ':' or white space: copy it exactly as the customer settings page shows it");
      }
      const password = requireString(auth.authToken, "auth.authToken", "the Auth Token from the customer settings page");
      return { type: "basic", username, password };
    },
  },
  bearerAuth: {
    token: (auth) => {
      // A refreshToken or expiresIn here would suggest the token is refreshed: it is not (see the README's OAuth).
      checkOptionNames(auth, ["type", "accessToken"], "auth");
      const token = requireString(auth.accessToken, "auth.accessToken", "a personal access token or an OAuth access token");
      // One no header can carry is refused by the runtime's checkedBearerAuthorizer, on auth.accessToken.
      return { type: "bearer", token };
    },
  },
};
