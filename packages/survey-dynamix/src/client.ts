import { createApiClient, InputError, type Client, type Logger, type RetryDelayOptions } from "@apis/runtime";
import { toRuntimeAuth, type SurveyDynamixAuth } from "./auth.js";
import { checkBaseUrl } from "./base-url.js";
import { withVendorConventions } from "./conventions.js";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** The API's base URL. */
export const DEFAULT_BASE_URL = "https://surveydynamix.com/api";
/** The host of the OAuth endpoints (`/oauth/authorize`, `/oauth/token`), outside the `/api` base. */
export const DEFAULT_OAUTH_URL = "https://surveydynamix.com";

/** The spec's server URLs: the client sends each operation to the override configured for its server. */
const API_SERVER = "https://surveydynamix.com/api";
const OAUTH_SERVER = "https://surveydynamix.com";

export interface ClientOptions {
  auth: SurveyDynamixAuth;
  /** API base URL. Default `https://surveydynamix.com/api`. Must be https (http only on localhost, for a mock). */
  baseUrl?: string;
  /** Base URL of the OAuth server, which serves `POST /oauth/token`. Default `https://surveydynamix.com`. */
  oauthUrl?: string;
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
  /** Receives one `debug(message, fields)` line per attempt, credentials redacted. `console` fits. */
  logger?: Logger;
  /** Headers sent with every request. */
  headers?: HeadersInit;
}

/** The typed Survey Dynamix client: openapi-fetch's `GET`/`POST`/`PUT`/`DELETE` over the API's paths. */
export type SurveyDynamixClient = Client<paths>;

/**
 * Creates a typed client for the Survey Dynamix REST API v1.0.0. Calls return openapi-fetch's
 * `{ data, error, response }`; a list that lacks a filter the vendor requires, or a `_limit` outside 1-1000, is
 * refused with an `InputError` before anything is sent.
 *
 * @example
 * const sdx = createClient({ auth: { type: "basic", customerUuid, authToken } });
 * const { data, error } = await sdx.GET("/responses", { params: { query: { survey_id: 52, _limit: 100, _order: "DESC" } } });
 */
export function createClient(options: ClientOptions): SurveyDynamixClient {
  if (typeof options !== "object" || options === null) {
    throw new InputError("options", 'createClient needs options, at least { auth: { type: "basic", customerUuid, authToken } }');
  }
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, "baseUrl");
  const oauthUrl = checkBaseUrl(options.oauthUrl ?? DEFAULT_OAUTH_URL, "oauthUrl");
  return withVendorConventions(
    createApiClient<paths>({
      baseUrl,
      servers: { [API_SERVER]: baseUrl, [OAUTH_SERVER]: oauthUrl },
      operations,
      auth: toRuntimeAuth(options.auth),
      ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(options.retryDelay !== undefined ? { retryDelay: options.retryDelay } : {}),
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
      ...(options.headers !== undefined ? { headers: options.headers } : {}),
    }),
  );
}
