export { createClient, DEFAULT_BASE_URL, type ClientOptions, type __PASCAL__Client } from "./client.js";
export type { __PASCAL__Auth } from "./auth.js";
export type { paths, components, operations } from "./generated/schema.js";
// The runtime's error classes, so that `instanceof` works without importing @apis/runtime.
export { ApiError, ApiConnectionError, ApiTimeoutError, ApiUserAbortError, AuthenticationError, InvalidResponseError, RedirectError, InputError } from "@apis/runtime";
