import type { Client } from "openapi-fetch";
import { authorizeBy, type Auth, type Authorizers } from "./auth.js";
import { createHookedClient, type MultipartEncoder } from "./client.js";
import { fieldError, InputError, shown } from "./input-error.js";
import type { OperationTable } from "./operations.js";
import type { CallHooks } from "./vendor-calls.js";
import { checkOptionNames } from "./option-names.js";
import { rememberSecret } from "./known-secrets.js";
import { isSecretName } from "./redact.js";
import {
  FORWARDED_OPTIONS,
  forwardedOptions,
  resolveHosts,
  hostOptionNames,
  tokenRequestOptions,
  type ForwardedOptions,
  type HostDescription,
  type TokenRequestOptions,
} from "./vendor-options.js";

/** What a vendor's auth builders get besides the vendor's auth option: the resolved hosts and the transport options. */
export interface AuthContext<H extends string = string> {
  hosts: Record<H, string>;
  /** The runtime options the caller gave (fetch, timeoutMs, logger, ...). */
  transport: ForwardedOptions;
  /** Those of them a token endpoint's requests take (see {@link tokenRequestOptions}). */
  token: TokenRequestOptions;
  /** The token endpoint's full URL, when the vendor has one (`VendorDescription.tokenUrl`). */
  tokenUrl: string | undefined;
}

/** A vendor's auth option: a discriminated union on `type`. */
export type VendorAuth = { type: string };

/**
 * The credentials a vendor takes, keyed by the spec's security scheme name, then by the auth option's `type`: each
 * builder checks its option and returns the runtime's {@link Auth}. Operations are sent with the credentials only
 * where their `security` names the scheme the credentials are for.
 */
export type AuthSchemes<A extends VendorAuth, H extends string> = Record<
  string,
  { [T in A["type"]]?: ((auth: Extract<A, { type: T }>, context: AuthContext<H>) => Auth) | undefined }
>;

/** A vendor, declared: hosts, credentials and per-operation defaults over its generated operation table. */
export interface VendorDescription<O extends { auth: VendorAuth }, H extends string> {
  /** The table codegen wrote to `src/generated/operations.ts`. */
  operations: OperationTable;
  /** Each host option (`baseUrl`, `dataBaseUrl`, ...) and its default. */
  hosts: Record<H, HostDescription>;
  auth: AuthSchemes<O["auth"], H>;
  /**
   * Each kind of the runtime's {@link Auth} the builders return, and how it is sent (`basicAuthorizer`, ...;
   * `TOKEN_AUTHORIZERS` for `bearer` and `oauth2`). Required, with no default: a bundle holds only the kinds its
   * vendor names, where a default would be bundled by every vendor, used or not.
   */
  authorizers: Authorizers;
  /**
   * How the bodies of the vendor's multipart operations are written: `multipartBody` (a Blob; a file that cannot be
   * read fails the call). Needed by a vendor whose table has a multipart operation, and with no default, so that only
   * their bundles hold a multipart writer: left out, a raw call to such an operation without a FormData or
   * `bodySerializer` of its own fails with a TypeError ("context.multipart is not a function").
   */
  multipart?: MultipartEncoder | undefined;
  /** An example of the auth option, for the error a missing one throws, e.g. `{ type: "token", accessToken }`. */
  authExample: string;
  /** Options of the vendor's own that are not the runtime's (read by `calls` or `defaults`), so they are not forwarded. */
  ownOptions?: readonly string[] | undefined;
  /** The full URL of the token endpoint, from the options and hosts (e.g. a `tokenUrl` option with its default). */
  tokenUrl?: ((options: O, hosts: Record<H, string>) => string) | undefined;
  /**
   * Runtime options the vendor sets from its own, e.g. its rate-limit headers (the caller's options win), and in
   * `servers` each spec server URL its operations name (`server` in its table) mapped to the host those go to, e.g.
   * `(options, hosts) => ({ servers: { "https://data.cx.com/1": hosts.dataBaseUrl } })`: an operation whose server is not
   * mapped goes to that URL itself. Only a vendor whose operations name servers needs any.
   */
  defaults?: ((options: O, hosts: Record<H, string>) => Partial<ForwardedOptions> & { servers?: Record<string, string> | undefined }) | undefined;
  /** Per-operation defaults applied to every raw call (see {@link CallHooks}). */
  calls?: ((options: O, hosts: Record<H, string>) => CallHooks) | undefined;
}

/** What every client of a vendor is made from: its hosts, the runtime options, and the credentials for one scheme. */
export interface VendorSetUp<H extends string> {
  hosts: Record<H, string>;
  transport: ForwardedOptions;
  auth: Auth;
  /** The one scheme the auth is for, as a client's `schemes`. */
  schemes: string[];
  /** The spec server URLs the vendor's operations name, mapped to the hosts in use (its `defaults().servers`). */
  servers: Record<string, string> | undefined;
}

/**
 * Makes a vendor's `createClient` from its description: hosts read and checked (old option names too), the auth
 * option turned into the runtime's credentials for the right security scheme, every runtime option forwarded as
 * given (including any the transport adds later), and the vendor's per-operation defaults applied in one place.
 *
 * @example
 * export const createClient = defineVendorClient<paths, ClientOptions, "baseUrl">({
 *   operations, authExample: '{ type: "token", accessToken }',
 *   hosts: { baseUrl: { default: "https://api.example.com" } },
 *   auth: { bearerAuth: { token: (auth) => ({ type: "bearer", token: requireString(auth.accessToken, "auth.accessToken", "a token") }) } },
 * });
 * const { data, error } = await createClient({ auth: { type: "token", accessToken } }).GET("/v1/items");
 */
export function defineVendorClient<Paths extends {}, O extends { auth: VendorAuth }, H extends string = "baseUrl">(
  description: VendorDescription<O, H>,
): (options: O) => Client<Paths> {
  const taken = takenOptions(description);
  const authorize = authorizeBy(description.authorizers);
  return (options: O) => {
    const { hosts, transport, ...shared } = setUpVendor(description, options, taken);
    // The description's operations and multipart encoder are client options too; its auth builders give way to the
    // auth they built, and nothing else in it is one.
    const clientOptions = { ...description, ...transport, baseUrl: (hosts as Record<string, string>)["baseUrl"] ?? Object.values<string>(hosts)[0]!, ...shared };
    // The vendor's hooks are asked for once the client's options have passed their checks (they may read them).
    return createHookedClient<Paths>(clientOptions, authorize, () => description.calls?.(options, hosts));
  };
}

/**
 * Reads a vendor's options by its description: an object of known names, the hosts (old option names too), the
 * runtime options to forward (the vendor's defaults under the caller's), and the auth option as the runtime's
 * credentials, built once.
 *
 * @example
 * const { hosts, transport, auth, schemes } = setUpVendor(description, options, takenOptions(description));
 */
export function setUpVendor<O extends { auth: VendorAuth }, H extends string>(
  description: Omit<VendorDescription<O, H>, "operations" | "calls">,
  options: O,
  taken: readonly string[],
): VendorSetUp<H> {
  if (typeof options !== "object" || options === null) {
    throw new InputError("options", `createClient needs options, at least { auth: ${description.authExample} }`);
  }
  const { auth } = options;
  // Known before any name is checked, so that one pasted where a name goes (beside auth, as a key of auth) is redacted
  // from the refusal by the first client too: the auth builders make them known only after the checks.
  for (const [name, value] of Object.entries(auth ?? {})) if (isSecretName(name) && typeof value == "string") rememberSecret(value);
  // An option the client does not take (`timeout`, axios's `baseURL`) would be ignored without a word.
  checkOptionNames(options, [...taken, ...FORWARDED_OPTIONS], "createClient");
  const hosts = resolveHosts(options as unknown as Record<string, unknown>, description.hosts);
  const { servers, ...defaults } = description.defaults?.(options, hosts) ?? {};
  const transport = { ...defaults, ...forwardedOptions(options, taken) };
  const context = { hosts, transport, token: tokenRequestOptions(transport), tokenUrl: description.tokenUrl?.(options, hosts) };
  if (typeof auth !== "object" || auth === null) throw fieldError("auth", `is required: ${description.authExample}`);
  const types: string[] = [];
  for (const [scheme, builders] of Object.entries(description.auth)) {
    // Own keys only: a type such as "toString" names a built-in of every object, not a builder.
    if (Object.hasOwn(builders, auth.type)) {
      return { schemes: [scheme], auth: (builders as Record<string, (auth: unknown, context: AuthContext<H>) => Auth>)[auth.type]!(auth, context), hosts, transport, servers };
    }
    types.push(...Object.keys(builders as object));
  }
  throw new InputError("auth.type", `Unknown auth type ${shown(auth.type)}: use one of ${types.map(shown).join(", ")}`);
}

// An arrow, as retry.ts's isIdempotent (see there).
/** The options a vendor reads itself, which are not forwarded to the runtime. */
export const takenOptions = (description: Pick<VendorDescription<never, string>, "hosts" | "ownOptions">): string[] => [
  "auth",
  ...hostOptionNames(description.hosts),
  ...(description.ownOptions ?? []),
];
