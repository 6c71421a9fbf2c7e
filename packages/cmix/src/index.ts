export { createClient, type ClientOptions, type CmixClient } from "./client.js";
export type { CmixAuth } from "./auth.js";
export { CMIX_HOSTS, SERVICE_URL_OPTIONS, type CmixEnvironment, type CmixService, type ServiceUrlOptions, type ServiceUrls } from "./environments.js";
// response-counts.js and export-archive.js before archives.js for bundle size only (gzip finds about 20 more bytes in
// that module order); no side effects.
export { countResponses, type ResponseCounts, type ResponseCountsResult } from "./response-counts.js";
export { pollArchive, exportArchive, type PollOptions, type ExportArchiveOptions } from "./export-archive.js";
export { createArchive, getArchive, type ArchiveRef } from "./archives.js";
export { hasErrorKey, EmbeddedApiError, ArchiveTimeoutError, ArchiveAbortError, ArchiveFailedError, type EmbeddedError, type ArchiveTimeoutInit, type ArchiveErrorRef } from "./errors.js";
export type * from "./types.js";
export type { paths as SurveyPaths, components as SurveyComponents, operations as SurveyOperations } from "./generated/survey/schema.js";
export type { paths as ReportingPaths, components as ReportingComponents, operations as ReportingOperations } from "./generated/reporting/schema.js";
export type {
  paths as FileProcessingPaths,
  components as FileProcessingComponents,
  operations as FileProcessingOperations,
} from "./generated/file-processing/schema.js";
export type { paths as AuthPaths, components as AuthComponents, operations as AuthOperations } from "./generated/auth/schema.js";
// Every error class of the runtime, so that `instanceof` works without importing @apis/runtime.
export * from "@apis/runtime/errors";
