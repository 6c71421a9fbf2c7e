import type { ClientOptions } from "./client.js";
import { hostUrl } from "./host-url.js";
import { BASE_TRANSPORT_OPTIONS, baseTransportOptions, type BaseTransportOptions } from "./transport.js";

/**
 * The runtime options a vendor's `createClient` passes through untouched: every {@link ClientOptions} field but the
 * ones the vendor description decides (hosts, operations, credentials). One the transport adds later (`middleware`,
 * ...) reaches it without a vendor release.
 */
export type ForwardedOptions = Omit<ClientOptions, "baseUrl" | "servers" | "operations" | "auth" | "schemes" | "multipart">;

/** One host of a vendor: the option that sets it, and its default. */
export interface HostDescription {
  /**
   * The host used when the option is left out, e.g. `https://api.cx.com/1`, or a function of the options for hosts
   * that depend on another option (CMIX's `environment`).
   */
  default: string | ((options: Record<string, unknown>) => string);
  /**
   * The option's name before the rename (deprecated), e.g. `dataUrl` for `dataBaseUrl`, taken among the client's
   * options; a dotted name names a field of an object option, e.g. `baseUrls.survey`. {@link renamedHost} sets it, with
   * a `default` that reads the old name.
   */
  deprecatedName?: string | undefined;
}


/** The options that set hosts: each host's name, and the option its deprecated name reads (`baseUrls` for `baseUrls.survey`). */
export function hostOptionNames(hosts: Record<string, HostDescription>): string[] {
  return Object.entries(hosts).flatMap(([name, host]) => (host.deprecatedName ? [name, host.deprecatedName.split(".", 1)[0]!] : [name]));
}

/**
 * The options a token endpoint's requests take from the client's, the ones left out omitted.
 *
 * @example
 * createOAuth2TokenSource({ tokenUrl, grant, ...tokenRequestOptions(context.transport) });
 */
export function tokenRequestOptions(transport: ForwardedOptions): TokenRequestOptions {
  return forwardedOptions(baseTransportOptions(transport), []);
}

/**
 * Every option but the ones named in `taken`, for the runtime: generic, so a vendor never lists the transport's options.
 *
 * @example
 * const forwarded = forwardedOptions(options, ["auth", "baseUrl", "clientId"]);
 */
export function forwardedOptions(options: object, taken: Iterable<string>): ForwardedOptions {
  const skip = new Set(taken);
  return Object.fromEntries(Object.entries(options).filter(([name, value]) => !skip.has(name) && value !== undefined)) as ForwardedOptions;
}

// The compiler checks the list against the type both ways. A list, not the keys of an object (see
// BASE_TRANSPORT_OPTIONS); typed string[] below, as it was, through a name the bundler folds away.
const forwardedNames = [...BASE_TRANSPORT_OPTIONS, "headers", "rateLimit", "middleware"] satisfies (keyof ForwardedOptions)[];
true satisfies [Exclude<keyof ForwardedOptions, (typeof forwardedNames)[number]>] extends [never] ? true : false;

/**
 * The names of the {@link ForwardedOptions}: every runtime option a vendor's `createClient` takes besides its own. Kept
 * whole by the type: a runtime option added to {@link ClientOptions} must be named here, or this does not compile.
 */
export const FORWARDED_OPTIONS: string[] = forwardedNames;

/** What a vendor's token requests share with its API calls: the fetch, the bounds, the retries and the logger. */
export type TokenRequestOptions = BaseTransportOptions;

/**
 * Reads each host option, checked like every base URL (https, http only on loopback, no credentials, no query or
 * fragment), without a trailing slash; the default where it is left out (for a {@link renamedHost}, the option's old
 * name). The names of the options are not checked here: the caller checks them all first (see `checkOptionNames`).
 *
 * @example
 * resolveHosts({ baseUrl: "https://mock.test/1/" }, { baseUrl: { default: API } }); // { baseUrl: "https://mock.test/1" }
 */
export function resolveHosts<H extends string>(options: Record<string, unknown>, hosts: Record<H, HostDescription>): Record<H, string> {
  const resolved = {} as Record<H, string>;
  for (const [name, host] of Object.entries(hosts) as [H, HostDescription][]) {
    resolved[name] = hostUrl(options[name], name, typeof host.default === "function" ? host.default(options) : host.default);
  }
  return resolved;
}
