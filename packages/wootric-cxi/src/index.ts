export { createClient, DEFAULT_BASE_URL, DEFAULT_TOKEN_URL, type ClientOptions, type WootricCxiClient } from "./client.js";
export type { WootricAuth } from "./auth.js";
export { importCsv, checkImportCsv, MAX_IMPORT_BYTES, RESERVED_IMPORT_COLUMNS } from "./import-csv.js";
export { listAll, MAX_PAGE, MAX_PER_PAGE, type PagedLists } from "./list-all.js";
export type * from "./types.js";
export type { paths, components, operations } from "./generated/schema.js";
export {
  ApiError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  PaginationLimitError,
  InputError,
  ResponseTooLargeError,
} from "@apis/runtime";
