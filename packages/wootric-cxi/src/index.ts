export { createClient, DEFAULT_BASE_URL, RATE_LIMIT_HEADERS, type ClientOptions, type WootricCxiClient } from "./client.js";
export { DEFAULT_TOKEN_URL } from "./token-url.js";
export type { WootricAuth } from "./auth.js";
export { importCsv, checkImportCsv, MAX_IMPORT_BYTES, RESERVED_IMPORT_COLUMNS } from "./import-csv.js";
export { listAll, MAX_PAGE, MAX_PER_PAGE, type PagedLists } from "./list-all.js";
export type * from "./types.js";
export type { paths, components, operations } from "./generated/schema.js";
// Every error class of the runtime, so that `instanceof` works without importing @apis/runtime.
export {
  ApiError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  AuthorizationDeniedError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  InvalidResponseError,
  PaginationLimitError,
  RedirectError,
  ResponseTooLargeError,
  InputError,
} from "@apis/runtime";
