import type { OperationMeta } from "./operations.js";

/**
 * Whether a call to this operation carries the client's credentials. They are sent only where the spec lets the scheme
 * they are for authenticate the operation: an application's Basic credentials are not a user's token, so a token
 * endpoint that asks for `clientBasic` never receives the user's `accessToken`. Without `schemes` (a client that does
 * not say which scheme it holds), any scheme will do; `security: []` and `auth: false` mean none.
 *
 * @example
 * sendsCredentials({ operationId: "token", security: ["clientBasic"] }, ["accessToken"]); // false
 */
export function sendsCredentials(meta: OperationMeta | undefined, schemes: readonly string[] | undefined): boolean {
  // No operation known, or no security listed: the client's credentials go. An empty list (or auth: false) lets none.
  return meta === undefined || (meta.auth !== false && (meta.security?.some((name) => schemes === undefined || schemes.includes(name)) ?? true));
}
