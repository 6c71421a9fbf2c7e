import { createApiClient, InputError, type Client } from "@apis/runtime";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** The API host (from the spec's first server). */
export const DEFAULT_BASE_URL = "https://api.__NAME__.example";

/** How the client authenticates: an access token sent as `Authorization: Bearer`. */
export type __PASCAL__Auth = { type: "token"; accessToken: string };

export interface ClientOptions {
  auth: __PASCAL__Auth;
  /** API base URL. Default `https://api.__NAME__.example`. */
  baseUrl?: string;
  /** The fetch to send requests with. Default: the platform's `fetch`. */
  fetch?: typeof fetch;
  /** Bound on each attempt, in milliseconds. Default 60 000. */
  timeoutMs?: number;
  /** Retries of a failed idempotent request. Default 2. */
  maxRetries?: number;
  /** Headers sent with every request. */
  headers?: HeadersInit;
}

/** The typed client: openapi-fetch's `GET`/`POST`/... over the spec's paths. */
export type __PASCAL__Client = Client<paths>;

/**
 * Creates a typed client for the __TITLE__ API.
 *
 * @example
 * const __CAMEL__ = createClient({ auth: { type: "token", accessToken } });
 * const { data, error } = await __CAMEL__.GET("/v1/status");
 */
export function createClient(options: ClientOptions): __PASCAL__Client {
  if (options?.auth?.type !== "token" || typeof options.auth.accessToken !== "string" || options.auth.accessToken === "") {
    throw new InputError("auth", 'auth must be { type: "token", accessToken: "<non-empty access token>" }');
  }
  return createApiClient<paths>({
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    operations,
    auth: { type: "bearer", token: options.auth.accessToken },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
}
