import { InputError, type Auth } from "@apis/runtime";

/**
 * How the client authenticates: with a user's access token from {@link exchangeCode}. CX tokens have no documented
 * expiry and no refresh grant; when CX answers `BadAuthToken`, send the user through the authorization flow again.
 */
export type CxAuth = { type: "token"; accessToken: string };

/** The query parameter CX reads the access token from. */
export const ACCESS_TOKEN_PARAM = "access_token";

/**
 * Turns the vendor's auth option into the shared runtime's: the token travels as `?access_token=...`, which the
 * runtime then blanks from every error it builds. Checked here, so a typo fails at `createClient`, not at a call.
 *
 * @example
 * toRuntimeAuth({ type: "token", accessToken }); // { type: "query", name: "access_token", value: accessToken }
 */
export function toRuntimeAuth(auth: CxAuth): Auth {
  if (typeof auth !== "object" || auth === null) {
    throw new InputError("auth", 'auth is required: { type: "token", accessToken } with the token from exchangeCode()');
  }
  if (auth.type !== "token") {
    throw new InputError("auth.type", `Unknown auth type ${JSON.stringify((auth as { type?: unknown }).type)}: CX only takes { type: "token", accessToken }`);
  }
  if (typeof auth.accessToken !== "string" || auth.accessToken.trim() === "") {
    throw new InputError("auth.accessToken", "auth.accessToken must be a non-empty string: the access_token that exchangeCode() returned");
  }
  return { type: "query", name: ACCESS_TOKEN_PARAM, value: auth.accessToken };
}
