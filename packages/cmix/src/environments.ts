import { fieldError, InputError, isFieldObject, redactSecrets, renamedHost, shown, type HostDescription } from "@apis/runtime";

/** The four CMIX services a client talks to, each on its own host. */
export type CmixService = "auth" | "survey" | "reporting" | "fileProcessing";
/** Which CMIX hosts to use. Sandbox and production have separate credentials. */
export type CmixEnvironment = "production" | "sandbox";
/** A base URL per service. */
export type ServiceUrls = Readonly<Record<CmixService, string>>;
/** The option that sets each service's base URL, named like every host option: `<thing>BaseUrl`. */
export const SERVICE_URL_OPTIONS = {
  auth: "authBaseUrl",
  survey: "surveyBaseUrl",
  reporting: "reportingBaseUrl",
  fileProcessing: "fileProcessingBaseUrl",
} as const satisfies Record<CmixService, string>;
/** The base URL options of the client, one per service. */
export type ServiceUrlOptions = { [S in CmixService as (typeof SERVICE_URL_OPTIONS)[S]]?: string | undefined };

/**
 * The vendor's hosts (Dynata's own client, `CMIX_SERVICES`). The sandbox is called "kaleidoscope"; the vendor's wiki
 * links point to it, and production access must be requested from the vendor. Frozen, each environment too: every
 * client reads its default hosts here, and one written into by mistake (an environment taken for a copy) would send
 * every later client's password grant there.
 */
export const CMIX_HOSTS: Readonly<Record<CmixEnvironment, ServiceUrls>> = Object.freeze({
  production: Object.freeze({
    auth: "https://auth.cmix.com",
    survey: "https://survey-api.cmix.com",
    reporting: "https://reporting-api.cmix.com",
    fileProcessing: "https://file-processing.cmix.com",
  }),
  sandbox: Object.freeze({
    auth: "https://kaleidoscope-auth.cmix.com",
    survey: "https://kaleidoscope-survey-api.cmix.com",
    reporting: "https://kaleidoscope-reporting-api.cmix.com",
    fileProcessing: "https://kaleidoscope-file-processing.cmix.com",
  }),
});

const SERVICES = Object.keys(CMIX_HOSTS.production) as CmixService[];

/** The host options of the client: `authBaseUrl`, `surveyBaseUrl`, `reportingBaseUrl`, `fileProcessingBaseUrl`. */
export type CmixHost = (typeof SERVICE_URL_OPTIONS)[CmixService];

/**
 * Each service's host option: the environment's host by default, the deprecated `baseUrls.<service>` still read
 * when the named option is left out (and refused beside it with another URL).
 */
export const CMIX_HOST_OPTIONS = Object.fromEntries(
  SERVICES.map((service) => [
    SERVICE_URL_OPTIONS[service],
    renamedHost(
      SERVICE_URL_OPTIONS[service],
      `baseUrls.${service}`,
      { default: (options) => CMIX_HOSTS[options.environment as CmixEnvironment][service] },
      // checkCmixOptions has made sure that baseUrls, when given, is an object.
      (options) => (options.baseUrls as Partial<Record<CmixService, unknown>> | undefined)?.[service],
    ),
  ]),
) as Record<CmixHost, HostDescription>;

/**
 * Checks CMIX's own options before the hosts are read: the environment, and the deprecated `baseUrls` object's
 * shape. Throws an {@link InputError} naming the field.
 *
 * @example
 * checkCmixOptions({ environment: "staging" }); // throws: environment must be "production" or "sandbox"
 */
export function checkCmixOptions(options: { environment?: unknown; baseUrls?: unknown }): void {
  const { environment, baseUrls = {} } = options;
  if (environment !== "production" && environment !== "sandbox") {
    throw fieldError("environment", `must be "production" or "sandbox", got ${shown(environment)}: CMIX issues separate credentials for each`);
  }
  // A Map (or any class's instance) has no fields to read: each service's URL in it was ignored without a word.
  if (!isFieldObject(baseUrls)) {
    throw fieldError("baseUrls", "must be an object such as { survey: \"https://...\" }");
  }
  for (const name of Object.keys(baseUrls)) {
    if (!SERVICES.includes(name as CmixService)) {
      // The name as given, but for a credential the package knows (one pasted as a key).
      throw fieldError(`baseUrls.${redactSecrets(name)}`, `is not a CMIX service: use ${SERVICES.join(", ")}`);
    }
  }
}
