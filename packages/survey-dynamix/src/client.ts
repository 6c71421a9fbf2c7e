import { checkedBasicAuthorizer, checkedBearerAuthorizer, defineVendorClient, renamedHost, type Client, type ForwardedOptions } from "@apis/runtime";
import { AUTH_SCHEMES, type SurveyDynamixAuth } from "./auth.js";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { SDX_CALL_HOOKS } from "./operation-defaults.js";
import { withRegion, type Region } from "./region.js";

/** The API's base URL. */
export const DEFAULT_BASE_URL = "https://surveydynamix.com/api";
/** The host of the OAuth endpoints (`/oauth/authorize`, `/oauth/token`), outside the `/api` base. */
export const DEFAULT_OAUTH_BASE_URL = "https://surveydynamix.com";
/** @deprecated Renamed {@link DEFAULT_OAUTH_BASE_URL}, after the `oauthBaseUrl` option. */
export const DEFAULT_OAUTH_URL = DEFAULT_OAUTH_BASE_URL;

/** The OAuth server's host option, with its name before 0.2. */
export const OAUTH_HOST = { oauthBaseUrl: renamedHost("oauthBaseUrl", "oauthUrl", { default: DEFAULT_OAUTH_BASE_URL }) };

/** Options of {@link createClient}: the vendor's own, and every option of the shared runtime (`timeoutMs`, `logger`, ...). */
export interface ClientOptions extends ForwardedOptions {
  auth: SurveyDynamixAuth;
  /**
   * The account's region: the host you log in to. Default `us1` (`surveydynamix.com`); `eu1` is
   * `https://eu1.surveydynamix.com/api`, and so on for us2, us3, ca1, au1 and demo. It sets `baseUrl` and
   * `oauthBaseUrl` where those are not given.
   */
  region?: Region | undefined;
  /** API base URL. Default `https://surveydynamix.com/api`, or the region's. Must be https (http only on loopback, for a mock). */
  baseUrl?: string | undefined;
  /** Base URL of the OAuth server, which serves `POST /oauth/token`: the host alone, without `/api`. Default `https://surveydynamix.com`. */
  oauthBaseUrl?: string | undefined;
  /** @deprecated Renamed `oauthBaseUrl`, like every host option; still read until the next minor release. */
  oauthUrl?: string | undefined;
}

/** The typed Survey Dynamix client: openapi-fetch's `GET`/`POST`/`PUT`/`DELETE` over the API's paths. */
export type SurveyDynamixClient = Client<paths>;

/**
 * Creates a typed client for the Survey Dynamix REST API v1.0.0. Raw calls return openapi-fetch's
 * `{ data, error, response }`; the helpers return their data and throw. A list that lacks a filter the vendor
 * requires, or a `_limit` outside 1-1000, is refused with an `InputError` before anything is sent.
 *
 * @example
 * const sdx = createClient({ auth: { type: "token", accessToken } }); // or { type: "basic", customerUuid, authToken }
 * const { data, error } = await sdx.GET("/responses", { params: { query: { survey_id: 52, _limit: 100, _order: "DESC" } } });
 */
export function createClient(options: ClientOptions): SurveyDynamixClient {
  return createRegionless(withRegion(options));
}

const createRegionless: (options: ClientOptions) => SurveyDynamixClient = defineVendorClient<paths, ClientOptions, "baseUrl" | "oauthBaseUrl">({
  operations,
  hosts: {
    baseUrl: { default: DEFAULT_BASE_URL },
    ...OAUTH_HOST,
  },
  auth: AUTH_SCHEMES,
  // What AUTH_SCHEMES builds, from options it checked: HTTP Basic, or a bearer token.
  authorizers: { basic: checkedBasicAuthorizer, bearer: checkedBearerAuthorizer },
  authExample: '{ type: "token", accessToken }',
  // Read by withRegion before the runtime sees the options; named here so that a `Region` is refused, not ignored.
  ownOptions: ["region"],
  calls: () => SDX_CALL_HOOKS,
  // The spec's server of POST /oauth/token (a raw call's), which goes to the OAuth host in use.
  defaults: (_, hosts) => ({ servers: { [DEFAULT_OAUTH_BASE_URL]: hosts.oauthBaseUrl } }),
});
