export { createClient, DEFAULT_BASE_URL, type ClientOptions, type __PASCAL__Auth, type __PASCAL__Client } from "./client.js";
export type { paths, components, operations } from "./generated/schema.js";
export { ApiError, ApiConnectionError, ApiTimeoutError, ApiUserAbortError, InputError } from "@apis/runtime";
