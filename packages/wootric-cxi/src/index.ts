// csv.js and list-all.js first, then import-csv.js, account.js, rate-limit.js and auth.js, for bundle size only: gzip
// finds more repeated text in that module order (and in @apis/wootric, which bundles this package). No side effects.
// account.js, auth.js and rate-limit.js are the account's pieces that @apis/wootric (the main API) uses too, so that
// they are written once.
export { byteLength, decodeCsv, parseCsv, parseCsvLines, readCsv, type CsvRow } from "./csv.js";
export { checkPaging, listAll, listAllQuery, MAX_PAGE, MAX_PER_PAGE, type PagedLists } from "./list-all.js";
export { importCsv, checkImportCsv, MAX_IMPORT_BYTES, RESERVED_IMPORT_COLUMNS } from "./import-csv.js";
export { WOOTRIC_ACCOUNT, type WootricAccountOptions } from "./account.js";
export { RATE_LIMIT_HEADERS, rateLimitDefaults, type WootricRateLimit } from "./rate-limit.js";
export { WOOTRIC_GRANTS, type WootricAuth, type WootricGrants } from "./auth.js";
export { createClient, DEFAULT_BASE_URL, type ClientOptions, type WootricCxiClient } from "./client.js";
export { DEFAULT_TOKEN_URL } from "./token-url.js";
export { createWootricTokenSource, type WootricTokenSourceOptions } from "./shared-tokens.js";
export type * from "./types.js";
export type { paths, components, operations } from "./generated/schema.js";
// Every error class of the runtime, so that `instanceof` works without importing @apis/runtime.
export * from "@apis/runtime/errors";
