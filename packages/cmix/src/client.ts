import { createApiClient, InputError, type Client, type FetchLike, type Logger, type RetryDelayOptions } from "@apis/runtime";
import { toRuntimeAuth, type CmixAuth } from "./auth.js";
import { resolveServiceUrls, type CmixEnvironment, type CmixService, type ServiceUrls } from "./environments.js";
import { operations as authOperations } from "./generated/auth/operations.js";
import type { paths as AuthPaths } from "./generated/auth/schema.js";
import { operations as fileProcessingOperations } from "./generated/file-processing/operations.js";
import type { paths as FileProcessingPaths } from "./generated/file-processing/schema.js";
import { operations as reportingOperations } from "./generated/reporting/operations.js";
import type { paths as ReportingPaths } from "./generated/reporting/schema.js";
import { operations as surveyOperations } from "./generated/survey/operations.js";
import type { paths as SurveyPaths } from "./generated/survey/schema.js";

export interface ClientOptions {
  auth: CmixAuth;
  /** `"sandbox"` (the "kaleidoscope" hosts, where integrations start) or `"production"`. Required: the credentials differ. */
  environment: CmixEnvironment;
  /** A base URL per service, replacing the environment's host for that service (a proxy, a mock). */
  baseUrls?: Partial<Record<CmixService, string>>;
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
  /** Headers sent with every request to the survey, reporting and file-processing services. */
  headers?: HeadersInit;
}

/** One typed client per CMIX service, all sharing one access token. */
export interface CmixClient {
  /** The survey service: surveys, projects, permission groups, export archives. */
  readonly survey: Client<SurveyPaths>;
  /** The reporting service: respondents, response counts, fielding summaries. */
  readonly reporting: Client<ReportingPaths>;
  /** The file-processing service: survey definitions as XML. */
  readonly fileProcessing: Client<FileProcessingPaths>;
  /** The auth service's token endpoint, for callers who manage tokens themselves; the other clients need no help from it. */
  readonly auth: Client<AuthPaths>;
  /** The environment the client was made for. */
  readonly environment: CmixEnvironment;
  /** The base URL each service is called at. */
  readonly baseUrls: ServiceUrls;
}

/**
 * Creates a client for the four CMIX services. With the password grant, the first call to any service fetches one
 * access token from the auth service, and every service uses it; a 401 from any of them makes the client fetch a new
 * one, once, shared by all.
 *
 * @example
 * const cmix = createClient({
 *   environment: "sandbox",
 *   auth: { type: "password", clientId, clientSecret, username, password },
 * });
 * const { data: project } = await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });
 * const { data: summary } = await cmix.reporting.GET("/surveys/{surveyId}/fielding-summary", {
 *   params: { path: { surveyId: 138651 }, query: { respondentType: "LIVE" } },
 * });
 */
export function createClient(options: ClientOptions): CmixClient {
  if (typeof options !== "object" || options === null) {
    throw new InputError("options", 'createClient needs options: { environment: "sandbox" | "production", auth: { type: "password", ... } }');
  }
  const baseUrls = resolveServiceUrls(options.environment, options.baseUrls);
  const transport = {
    ...(options.fetch !== undefined ? { fetch: options.fetch as FetchLike } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryDelay !== undefined ? { retryDelay: options.retryDelay } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  };
  // One Auth object, hence one token source, for every service: that is what makes the token shared.
  const auth = toRuntimeAuth(options.auth, { authUrl: baseUrls.auth, ...transport });
  const common = { ...transport, ...(options.headers !== undefined ? { headers: options.headers } : {}) };
  return {
    survey: createApiClient<SurveyPaths>({ baseUrl: baseUrls.survey, operations: surveyOperations, auth, ...common }),
    reporting: createApiClient<ReportingPaths>({ baseUrl: baseUrls.reporting, operations: reportingOperations, auth, ...common }),
    fileProcessing: createApiClient<FileProcessingPaths>({ baseUrl: baseUrls.fileProcessing, operations: fileProcessingOperations, auth, ...common }),
    auth: createApiClient<AuthPaths>({ baseUrl: baseUrls.auth, operations: authOperations, auth: { type: "none" }, ...transport }),
    environment: options.environment,
    baseUrls,
  };
}
