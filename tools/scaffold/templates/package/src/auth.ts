import { requireString, type AuthSchemes } from "@apis/runtime";

/** How the client authenticates: an access token, sent as `Authorization: Bearer`. */
export type __PASCAL__Auth = { type: "token"; accessToken: string };

/**
 * The credentials by the spec's security scheme name: the token for `bearerAuth`. Checked at `createClient`, so a
 * typo fails there, not at a call. Replace with the vendor's documented schemes.
 */
export const AUTH_SCHEMES: AuthSchemes<__PASCAL__Auth, "baseUrl"> = {
  bearerAuth: { token: (auth) => ({ type: "bearer", token: requireString(auth.accessToken, "auth.accessToken", "the access token the vendor issued") }) },
};
