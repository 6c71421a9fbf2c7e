import { checkCallQuery, defineVendorClient, TOKEN_AUTHORIZERS, type Client } from "@apis/runtime";
import { WOOTRIC_ACCOUNT, type WootricAccountOptions } from "./account.js";
import { AUTH_SCHEMES } from "./auth.js";
import type { paths } from "./generated/schema.js";
import { rateLimitDefaults } from "./rate-limit.js";
import { checkSegmentsBody, SEGMENTS_PATH } from "./segments.js";
import { checkPaging } from "./list-all.js";
// After segments.js for bundle size only (gzip finds about 3 more bytes in that module order); no side effects.
import { operations, queryNames } from "./generated/operations.js";
import { resolveTokenUrl, TOKEN_SERVER, tokenServer } from "./token-url.js";

/** The CXI API host. */
export const DEFAULT_BASE_URL = "https://cxi-api.wootric.com";

/** Options of {@link createClient}: Wootric's own, and every option of the shared runtime (`timeoutMs`, `logger`, ...). */
export interface ClientOptions extends WootricAccountOptions {
  /** CXI API base URL, without `/v1` (the paths carry it: `.../v1` would call `/v1/v1/...`). Default `https://cxi-api.wootric.com`. */
  baseUrl?: string | undefined;
  /**
   * Full URL of the token endpoint, as OAuth names it. Default `https://api.wootric.com/oauth/token`. A URL with no
   * path (the host, as before 0.2) still works for this release: `/oauth/token` is appended and a deprecation line
   * is logged.
   */
  tokenUrl?: string | undefined;
}

// Wootric ignores a query parameter it does not know (perPage, sortOrder, limit), and lists at its default.
const QUERY_NAMES = queryNames.split(" ");

/** The typed CXI client: openapi-fetch's `GET`/`POST`/`PUT`/`DELETE` over the CXI paths. */
export type WootricCxiClient = Client<paths>;

/**
 * Creates a typed client for the Wootric CXI API. Raw calls resolve openapi-fetch's `{ data, error, response }`;
 * the helpers (`importCsv`, `listAll`) return their data and throw status-keyed `ApiError`s.
 *
 * @example
 * const cxi = createClient({ auth: { type: "clientCredentials", clientId, clientSecret } });
 * const { data, error } = await cxi.GET("/v1/tags", { params: { query: { per_page: 50 } } });
 */
export const createClient: (options: ClientOptions) => WootricCxiClient = defineVendorClient<paths, ClientOptions>({
  operations,
  hosts: { baseUrl: { default: DEFAULT_BASE_URL } },
  auth: AUTH_SCHEMES,
  // What AUTH_SCHEMES builds: a token source (an OAuth grant, or the caller's own), or a token.
  authorizers: TOKEN_AUTHORIZERS,
  ...WOOTRIC_ACCOUNT,
  calls: () => ({
    prepare: (init, call) => {
      // A call that writes its own body is not checked, as one that writes its own query has its names unchecked.
      if (call.path === SEGMENTS_PATH && typeof init.bodySerializer != "function") checkSegmentsBody(init.body);
      checkCallQuery(init, QUERY_NAMES, "Wootric CXI");
      // After the names' check, which refuses a per_page that is no integer as such.
      checkPaging(init.params?.query);
      return init;
    },
  }),
  // Without the logger: the token URL's own resolution (WOOTRIC_ACCOUNT) says once that a host is deprecated.
  defaults: (options) => ({ ...rateLimitDefaults(options.rateLimit), servers: { [TOKEN_SERVER]: tokenServer(resolveTokenUrl(options.tokenUrl)) } }),
});
