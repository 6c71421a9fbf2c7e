import { checkSecureUrl, InputError, redactUrl } from "@apis/runtime";

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
export type ServiceUrlOptions = { [S in CmixService as (typeof SERVICE_URL_OPTIONS)[S]]?: string };

/**
 * The vendor's hosts (Dynata's own client, `CMIX_SERVICES`). The sandbox is called "kaleidoscope"; the vendor's wiki
 * links point to it, and production access must be requested from the vendor.
 */
export const CMIX_HOSTS: Readonly<Record<CmixEnvironment, ServiceUrls>> = {
  production: {
    auth: "https://auth.cmix.com",
    survey: "https://survey-api.cmix.com",
    reporting: "https://reporting-api.cmix.com",
    fileProcessing: "https://file-processing.cmix.com",
  },
  sandbox: {
    auth: "https://kaleidoscope-auth.cmix.com",
    survey: "https://kaleidoscope-survey-api.cmix.com",
    reporting: "https://kaleidoscope-reporting-api.cmix.com",
    fileProcessing: "https://kaleidoscope-file-processing.cmix.com",
  },
};

const SERVICES = Object.keys(CMIX_HOSTS.production) as CmixService[];

/**
 * The base URL of every service: the environment's hosts, with any override in `surveyBaseUrl`, ... (e.g. a proxy or
 * a mock), or in the deprecated `baseUrls` object, which the named options win over. Throws an {@link InputError} for
 * an unknown environment, an unknown service name or a URL that is not http(s).
 *
 * @example
 * resolveServiceUrls("sandbox", {}, { surveyBaseUrl: "http://localhost:4010" }).survey; // "http://localhost:4010"
 */
export function resolveServiceUrls(environment: CmixEnvironment, baseUrls: Partial<Record<CmixService, string>> = {}, named: ServiceUrlOptions = {}): ServiceUrls {
  if (environment !== "production" && environment !== "sandbox") {
    throw new InputError(
      "environment",
      `environment must be "production" or "sandbox", got ${JSON.stringify(environment)}: CMIX issues separate credentials for each`,
    );
  }
  if (typeof baseUrls !== "object" || baseUrls === null) {
    throw new InputError("baseUrls", "baseUrls must be an object such as { survey: \"https://...\" }");
  }
  for (const name of Object.keys(baseUrls)) {
    if (!SERVICES.includes(name as CmixService)) {
      throw new InputError(`baseUrls.${name}`, `baseUrls.${name} is not a CMIX service: use ${SERVICES.join(", ")}`);
    }
  }
  const resolved = { ...CMIX_HOSTS[environment] };
  for (const service of SERVICES) {
    const option = SERVICE_URL_OPTIONS[service];
    if (named[option] !== undefined) resolved[service] = checkUrl(named[option], option);
    else if (baseUrls[service] !== undefined) resolved[service] = checkUrl(baseUrls[service], `baseUrls.${service}`);
  }
  return resolved;
}

function checkUrl(value: unknown, field: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    // Only the start is quoted: whatever follows an "@" may be a credential typed in the wrong place.
    const shown = typeof value === "string" ? JSON.stringify(redactUrl(value.split("@", 1)[0]!)) : typeof value;
    throw new InputError(field, `${field} must be an http(s) URL such as https://survey-api.cmix.com, got ${shown}`);
  }
  if (url.username || url.password) throw new InputError(field, `${field} must not contain credentials: pass them in auth`);
  checkSecureUrl(url.href, field);
  return (value as string).replace(/\/+$/, "");
}
