import { defineVendorClient, TOKEN_AUTHORIZERS, type Client, type ForwardedOptions } from "@apis/runtime";
import { AUTH_SCHEMES, type __PASCAL__Auth } from "./auth.js";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** The API host (from the spec's first server). */
export const DEFAULT_BASE_URL = "https://api.__NAME__.example";

/** Options of {@link createClient}: the vendor's own, and every option of the shared runtime (`timeoutMs`, `logger`, ...). */
export interface ClientOptions extends ForwardedOptions {
  auth: __PASCAL__Auth;
  /** API base URL. Default `https://api.__NAME__.example`. Must be https (http only on loopback, for a mock). */
  baseUrl?: string;
}

/** The typed client: openapi-fetch's `GET`/`POST`/... over the spec's paths. */
export type __PASCAL__Client = Client<paths>;

/**
 * Creates a typed client for the __TITLE__ API: the vendor's description (hosts, auth schemes) over the shared
 * runtime, which checks every option, retries, bounds and redacts.
 *
 * @example
 * const __CAMEL__ = createClient({ auth: { type: "token", accessToken } });
 * const { data, error } = await __CAMEL__.GET("/v1/status");
 */
export const createClient: (options: ClientOptions) => __PASCAL__Client = defineVendorClient<paths, ClientOptions, "baseUrl">({
  operations,
  hosts: { baseUrl: { default: DEFAULT_BASE_URL } },
  auth: AUTH_SCHEMES,
  // The kinds of credential AUTH_SCHEMES builds (TOKEN_AUTHORIZERS: bearer and oauth2); name others, such as
  // basicAuthorizer, if its builders return them.
  authorizers: TOKEN_AUTHORIZERS,
  authExample: '{ type: "token", accessToken }',
});
