// environments.js and then the survey operation table first, for bundle size only (gzip finds about 45 more bytes in
// that module order); no side effects.
import {
  checkCmixOptions,
  CMIX_HOST_OPTIONS,
  SERVICE_URL_OPTIONS,
  type CmixEnvironment,
  type CmixHost,
  type CmixService,
  type ServiceUrlOptions,
  type ServiceUrls,
} from "./environments.js";
import { operations as surveyOperations } from "./generated/survey/operations.js";
import { defineVendorServices, InputError, TOKEN_AUTHORIZERS, type Client, type ForwardedOptions } from "@apis/runtime";
import { AUTH_SCHEMES, type CmixAuth } from "./auth.js";
import type { paths as AuthPaths } from "./generated/auth/schema.js";
import { operations as authOperations } from "./generated/auth/operations.js";
import type { paths as FileProcessingPaths } from "./generated/file-processing/schema.js";
import { operations as fileProcessingOperations } from "./generated/file-processing/operations.js";
import type { paths as ReportingPaths } from "./generated/reporting/schema.js";
import { operations as reportingOperations } from "./generated/reporting/operations.js";
import type { paths as SurveyPaths } from "./generated/survey/schema.js";

/** Options of {@link createClient}: CMIX's own, and every option of the shared runtime (`timeoutMs`, `logger`, ...). */
export interface ClientOptions extends ForwardedOptions, ServiceUrlOptions {
  auth: CmixAuth;
  /** `"sandbox"` (the "kaleidoscope" hosts, where integrations start) or `"production"`. Required: the credentials differ. */
  environment: CmixEnvironment;
  /**
   * A base URL per service, replacing the environment's host for that service.
   *
   * @deprecated Use `authBaseUrl`, `surveyBaseUrl`, `reportingBaseUrl` and `fileProcessingBaseUrl`, named like every
   * host option; `baseUrls` is still read until the next minor release, and the named options win over it.
   */
  baseUrls?: { [S in CmixService]?: string | undefined } | undefined;
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

const createServices = defineVendorServices<
  { survey: SurveyPaths; reporting: ReportingPaths; fileProcessing: FileProcessingPaths; auth: AuthPaths },
  ClientOptions,
  CmixHost,
  CmixService
>({
  hosts: CMIX_HOST_OPTIONS,
  auth: AUTH_SCHEMES,
  // What AUTH_SCHEMES builds: a token source (the password grant), or a token.
  authorizers: TOKEN_AUTHORIZERS,
  authExample: '{ type: "password", clientId, clientSecret, username, password } or { type: "token", accessToken }',
  ownOptions: ["environment"],
  checkOptions: checkCmixOptions,
  services: {
    survey: { operations: surveyOperations, host: "surveyBaseUrl" },
    reporting: { operations: reportingOperations, host: "reportingBaseUrl" },
    fileProcessing: { operations: fileProcessingOperations, host: "fileProcessingBaseUrl" },
    // The auth service takes no client-wide headers: they are meant for the data services.
    auth: { operations: authOperations, host: "authBaseUrl", clientHeaders: false },
  },
});

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
  const { hosts, ...services } = createServices(options);
  const baseUrls = Object.fromEntries(Object.entries(SERVICE_URL_OPTIONS).map(([service, option]) => [service, hosts[option]])) as ServiceUrls;
  return { ...services, environment: options.environment, baseUrls };
}
