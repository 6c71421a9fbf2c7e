import { createApiClient, InputError, urlOption, type Client, type HttpMethod, type Logger, type OperationTable, type RetryDelayOptions } from "@apis/runtime";
import { toRuntimeAuth, type CxAuth } from "./auth.js";
import { withCxDefaults } from "./call-defaults.js";
import { operations as generatedOperations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Where everything but file content is served. */
export const DEFAULT_BASE_URL = "https://api.cx.com/1";
/** Where file content is uploaded and downloaded. */
export const DEFAULT_DATA_URL = "https://data.cx.com/1";

/** The spec's server URLs: each operation goes to the base URL configured for its server. */
const API_SERVER = "https://api.cx.com/1";
const DATA_SERVER = "https://data.cx.com/1";

export interface ClientOptions {
  /** The user's access token: `{ type: "token", accessToken }`. */
  auth: CxAuth;
  /** Base URL of everything but file content, version included. Default `https://api.cx.com/1`. */
  baseUrl?: string;
  /** Base URL of file upload and download, version included. Default `https://data.cx.com/1`. */
  dataUrl?: string;
  /**
   * The application's client id, sent as `client_id` next to `access_token` on every call. The docs do not ask for
   * it, but the PHP SDK always sends it (the API sits behind Mashery): set it if CX refuses calls without it.
   */
  clientId?: string;
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
  /** Receives one `debug(message, fields)` line per attempt, the access token redacted. `console` fits. */
  logger?: Logger;
  /** Headers sent with every request. */
  headers?: HeadersInit;
}

/** The typed CX client: openapi-fetch's `GET`/`POST` over the CX paths. */
export type CxClient = Client<paths>;

// The token endpoint authenticates the application with HTTP Basic, never with a user's token: sending it the
// client's access_token would hand one user's credential to a call that is not about that user.
const operations: OperationTable = {
  ...generatedOperations,
  "/oauth/token": { post: { ...generatedOperations["/oauth/token"].post, auth: false } },
};

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * Creates a typed client for the CX API. Each operation goes to its host (`api.cx.com` or, for file content,
 * `data.cx.com`), carries the access token as `?access_token=`, and has its `{filePath}` checked and encoded
 * (build it with `filePath()`). Since the token travels in the query, a redirect is followed only within the
 * same origin (anything else throws a `RedirectError`, and the token goes nowhere else).
 *
 * @example
 * const cx = createClient({ auth: { type: "token", accessToken } });
 * const { data, error } = await cx.GET("/users/self");
 * await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/photos") } } });
 */
export function createClient(options: ClientOptions): CxClient {
  if (typeof options !== "object" || options === null) {
    throw new InputError("options", 'createClient needs options, at least { auth: { type: "token", accessToken } } with the token from exchangeCode()');
  }
  const baseUrl = trimSlash(urlOption(options.baseUrl, "baseUrl", DEFAULT_BASE_URL));
  const dataUrl = trimSlash(urlOption(options.dataUrl, "dataUrl", DEFAULT_DATA_URL));
  const api = createApiClient<paths>({
    baseUrl,
    servers: { [API_SERVER]: baseUrl, [DATA_SERVER]: dataUrl },
    operations,
    auth: toRuntimeAuth(options.auth),
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryDelay !== undefined ? { retryDelay: options.retryDelay } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.headers !== undefined ? { headers: options.headers } : {}),
  });
  return withCxDefaults(api, {
    meta: (method, path) => operations[path]?.[method as HttpMethod],
    clientId: options.clientId,
    secret: options.auth.accessToken,
    clientAccept: options.headers !== undefined && new Headers(options.headers).has("accept"),
  });
}
