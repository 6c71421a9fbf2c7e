import { createApiClient, type Client } from "@apis/runtime";
import { toRuntimeAuth, type WootricAuth } from "./auth.js";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** The CXI API host. */
export const DEFAULT_BASE_URL = "https://cxi-api.wootric.com";
/** The host of the token endpoint shared by all Wootric APIs. */
export const DEFAULT_TOKEN_URL = "https://api.wootric.com";

/** The spec's server URLs: the client sends each operation to the override configured for its server. */
const CXI_SERVER = "https://cxi-api.wootric.com";
const TOKEN_SERVER = "https://api.wootric.com";

export interface ClientOptions {
  auth: WootricAuth;
  /** CXI API base URL. Default `https://cxi-api.wootric.com`. */
  baseUrl?: string;
  /** Base URL of the token server, which serves `POST /oauth/token`. Default `https://api.wootric.com`. */
  tokenUrl?: string;
  /** The fetch to send requests with. Default: the platform's `fetch`. */
  fetch?: typeof fetch;
  /** Bound on each attempt, in milliseconds. Default 60 000. */
  timeoutMs?: number;
  /** Retries of a failed idempotent request (and of a POST the server did not act on). Default 2. */
  maxRetries?: number;
  /** Headers sent with every request. */
  headers?: HeadersInit;
}

/** The typed CXI client: openapi-fetch's `GET`/`POST`/`PUT`/`DELETE` over the CXI paths. */
export type WootricCxiClient = Client<paths>;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * Creates a typed client for the Wootric CXI API.
 *
 * @example
 * const cxi = createClient({ auth: { type: "clientCredentials", clientId, clientSecret } });
 * const { data, error } = await cxi.GET("/v1/tags", { params: { query: { per_page: 50 } } });
 */
export function createClient(options: ClientOptions): WootricCxiClient {
  const baseUrl = trimSlash(options.baseUrl ?? DEFAULT_BASE_URL);
  const tokenUrl = trimSlash(options.tokenUrl ?? DEFAULT_TOKEN_URL);
  const transport = {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  return createApiClient<paths>({
    baseUrl,
    servers: { [CXI_SERVER]: baseUrl, [TOKEN_SERVER]: tokenUrl },
    operations,
    auth: toRuntimeAuth(options.auth, { tokenEndpoint: `${tokenUrl}/oauth/token`, ...transport }),
    ...transport,
    ...(options.headers ? { headers: options.headers } : {}),
  });
}
