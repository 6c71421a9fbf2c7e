import { createApiClient, describeValue, InputError, urlOption, type Client, type Logger, type RetryDelayOptions } from "@apis/runtime";
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
  /** The fetch to send requests with: a function. Default: the platform's `fetch`. */
  fetch?: typeof fetch;
  /**
   * Bound on each attempt, in milliseconds: an integer from 1 to 2^31-1. Default 60 000. `timeoutMs` bounds each attempt until its buffered body
   * has been read in full, headers and body alike; a body the caller streams (`parseAs: "stream"`, CX
   * `downloadFile`) is bounded only until its headers arrive.
   */
  timeoutMs?: number;
  /**
   * Bound on the size of every body the client buffers, in bytes. Default 134 217 728 (128 MiB); `Infinity` turns it
   * off. `maxResponseBytes` bounds every body the client buffers (JSON, text, blob, error bodies and token
   * responses): a larger body is cancelled and the call fails with a `ResponseTooLargeError` naming the limit.
   */
  maxResponseBytes?: number;
  /** Retries of a failed idempotent request (and of a POST the server did not act on): an integer from 0 to 10. Default 2. */
  maxRetries?: number;
  /** Backoff between retries, in milliseconds, each from 0 to 2^31-1. Default `{ baseMs: 500, maxMs: 8000 }`. */
  retryDelay?: RetryDelayOptions;
  /** Receives one `debug(message, fields)` line per attempt and per token request, credentials redacted. `console` fits. */
  logger?: Logger;
  /**
   * Pacing by Wootric's `X-Rate-Limit-Remaining`/`X-Rate-Limit-Reset`: once the budget is spent, requests wait for the
   * reset instead of meeting a 429, for at most `maxWaitMs` (default 60 000); beyond that they are sent and the 429 is
   * handled like any other. `false` turns pacing off.
   */
  rateLimit?: { maxWaitMs?: number } | false;
  /** Headers sent with every request. */
  headers?: HeadersInit;
}

/** Wootric's rate-limit headers (spec: components.headers). */
export const RATE_LIMIT_HEADERS = { limit: "X-Rate-Limit-Limit", remaining: "X-Rate-Limit-Remaining", reset: "X-Rate-Limit-Reset" } as const;

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
  if (typeof options !== "object" || options === null) {
    throw new InputError("options", 'createClient needs options, at least { auth: { type: "clientCredentials", clientId, clientSecret } }');
  }
  const baseUrl = trimSlash(urlOption(options.baseUrl, "baseUrl", DEFAULT_BASE_URL));
  const tokenUrl = trimSlash(urlOption(options.tokenUrl, "tokenUrl", DEFAULT_TOKEN_URL));
  if (options.rateLimit !== undefined && options.rateLimit !== false && (typeof options.rateLimit !== "object" || options.rateLimit === null)) {
    throw new InputError("rateLimit", `rateLimit must be { maxWaitMs? } or false, got ${describeValue(options.rateLimit)}`);
  }
  const transport = {
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryDelay !== undefined ? { retryDelay: options.retryDelay } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  };
  return createApiClient<paths>({
    baseUrl,
    servers: { [CXI_SERVER]: baseUrl, [TOKEN_SERVER]: tokenUrl },
    operations,
    auth: toRuntimeAuth(options.auth, { tokenEndpoint: `${tokenUrl}/oauth/token`, ...transport }),
    ...transport,
    ...(options.rateLimit === false ? {} : { rateLimit: { headers: RATE_LIMIT_HEADERS, ...(options.rateLimit?.maxWaitMs !== undefined ? { maxWaitMs: options.rateLimit.maxWaitMs } : {}) } }),
    ...(options.headers !== undefined ? { headers: options.headers } : {}),
  });
}
