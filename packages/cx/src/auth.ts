import { checkOptionNames, fieldError, requireString, type AuthSchemes } from "@apis/runtime";

/**
 * How the client authenticates: with a user's access token from {@link exchangeAuthorizationCode}. CX tokens have
 * no documented expiry and no refresh grant; when CX answers `BadAuthToken`, send the user through the authorization
 * flow again.
 */
export type CxAuth = { type: "token"; accessToken: string };

/** The query parameter CX reads the access token from. */
export const ACCESS_TOKEN_PARAM = "access_token";
/** The spec's security scheme the access token is for; the token endpoint's `clientBasic` is the application's. */
export const ACCESS_TOKEN_SCHEME = "accessToken";

/**
 * CX's credentials by security scheme: the token travels as `?access_token=...`, which the runtime then blanks from
 * every error it builds. Checked at `createClient`, so a typo fails there, not at a call.
 */
export const AUTH_SCHEMES: AuthSchemes<CxAuth, "baseUrl" | "dataBaseUrl"> = {
  [ACCESS_TOKEN_SCHEME]: {
    token: (auth) => {
      // A clientId put in auth was dropped without a word, and CX then refused calls that need it.
      checkOptionNames(auth, ["type", "accessToken"], "auth");
      const value = requireString(auth.accessToken, "auth.accessToken", "the access_token that exchangeAuthorizationCode() returned");
      // A token read from a file or an environment variable may end in a newline or start with a byte order mark, one
      // pasted from a header starts with "Bearer ", one copied from a page may hold a zero-width space: sent as %0A,
      // %EF%BB%BF, Bearer%20... or %E2%80%8B, CX answers BadAuthToken, which reads as a revoked token. Any control
      // character (C1 ones such as U+0085 too) or format character, not only ASCII's.
      const why = 'holds a control or format character, starts or ends with a space, or starts with "Bearer " (a stray newline? a pasted header?)';
      if (/^\s|\s$|[\p{Cc}\p{Cf}]|^bearer\s/iu.test(value)) throw fieldError("auth.accessToken", why);
      return { type: "query", name: ACCESS_TOKEN_PARAM, value };
    },
  },
};
