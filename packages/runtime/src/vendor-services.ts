import type { Client } from "openapi-fetch";
import { authorizeBy } from "./auth.js";
import { createHookedClient } from "./client.js";
import type { OperationTable } from "./operations.js";
import { checkOptionNames } from "./option-names.js";
import { rememberSecret } from "./known-secrets.js";
import { isSecretName } from "./redact.js";
import { setUpVendor, takenOptions, type VendorAuth, type VendorDescription } from "./vendor-client.js";
import { FORWARDED_OPTIONS } from "./vendor-options.js";

/** One service of a vendor that serves its API from several hosts, each with its own spec. */
export interface ServiceDescription<H extends string> {
  /** The table codegen wrote for this service's spec. */
  operations: OperationTable;
  /** The host option the service is called at. */
  host: H;
  /** Whether the client-wide `headers` go to this service too. Default true; false for an auth service. */
  clientHeaders?: boolean | undefined;
}

/** A vendor with several services: its hosts, credentials and the services that share them. */
export interface VendorServicesDescription<O extends { auth: VendorAuth }, H extends string, S extends string>
  extends Omit<VendorDescription<O, H>, "operations" | "calls"> {
  services: Record<S, ServiceDescription<H>>;
  /**
   * Checks of the vendor's own options, run once their names have passed and before anything else reads them (its
   * hosts' defaults may read them); throws an `InputError`.
   */
  checkOptions?: ((options: O) => void) | undefined;
}

/**
 * Makes the `createClient` of a vendor whose services each have their own host and spec (CMIX): one typed client per
 * service, made from one reading of the options, so that every service shares one credential (one token source,
 * one token request at a time, one refetch after a 401) and the same runtime options.
 *
 * @example
 * export const createClient = defineVendorServices<{ survey: SurveyPaths; auth: AuthPaths }, ClientOptions, Host, "survey" | "auth">({
 *   authExample: '{ type: "token", accessToken }', auth: AUTH_SCHEMES,
 *   hosts: { surveyBaseUrl: { default: "https://survey.example.com" }, authBaseUrl: { default: "https://auth.example.com" } },
 *   services: { survey: { operations: surveyOperations, host: "surveyBaseUrl" }, auth: { operations: authOperations, host: "authBaseUrl" } },
 * });
 * const { data } = await createClient({ auth: { type: "token", accessToken } }).survey.GET("/projects");
 */
export function defineVendorServices<Paths extends Record<S, {}>, O extends { auth: VendorAuth }, H extends string, S extends string>(
  description: VendorServicesDescription<O, H, S>,
): (options: O) => { [K in S]: Client<Paths[K]> } & { hosts: Record<H, string> } {
  const taken = takenOptions(description);
  const authorize = authorizeBy(description.authorizers);
  return (options: O) => {
    // The names as setUpVendor checks them, then the vendor's own checks, before setUpVendor reads the hosts: here, not
    // there, so that only a bundle of this function holds the call (no vendor of defineVendorClient has such checks).
    // Options that are no object are left to setUpVendor, which refuses them.
    if (typeof options == "object" && options) {
      // Known before the names are checked, as setUpVendor does (see there).
      for (const [name, value] of Object.entries(options.auth ?? {})) if (isSecretName(name) && typeof value == "string") rememberSecret(value);
      checkOptionNames(options, [...taken, ...FORWARDED_OPTIONS], "createClient");
      description.checkOptions?.(options);
    }
    const { hosts, transport, ...shared } = setUpVendor(description, options, taken);
    const { headers, ...withoutHeaders } = transport;
    const clients = { hosts } as Record<string, unknown>;
    for (const [name, service] of Object.entries<ServiceDescription<H>>(description.services)) {
      clients[name] = createHookedClient({
        ...(service.clientHeaders === false ? withoutHeaders : transport),
        baseUrl: hosts[service.host],
        operations: service.operations,
        multipart: description.multipart,
        ...shared,
      }, authorize);
    }
    return clients as { [K in S]: Client<Paths[K]> } & { hosts: Record<H, string> };
  };
}
