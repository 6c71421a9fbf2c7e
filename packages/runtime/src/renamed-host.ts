import { fieldError } from "./input-error.js";
import { hostUrl } from "./host-url.js";
import type { HostDescription } from "./vendor-options.js";

/**
 * A host option that was renamed, whose old name is still read (deprecated): `host` under its new `name`, with a
 * `default` that reads `deprecatedName` (checked, and named in errors, as the option it is) and falls back to the
 * host's own default. Given both names with different URLs, the client is refused: one of them would be ignored
 * without a word. A dotted `deprecatedName` reads a field of an object option (`baseUrls.survey`). Only the vendors
 * with a renamed host bundle this.
 *
 * @example
 * hosts: { dataBaseUrl: renamedHost("dataBaseUrl", "dataUrl", { default: "https://data.cx.com/1" }) }
 */
export function renamedHost(name: string, deprecatedName: string, host: HostDescription): HostDescription {
  return {
    // The spec server a string default stands for (see HostDescription.server), kept when the default becomes a function.
    server: typeof host.default === "string" ? host.default : undefined,
    ...host,
    deprecatedName,
    default: (options) => {
      // options["a.b"] as options.a.b; undefined where an object on the way is missing.
      const old = deprecatedName.split(".").reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined), options);
      // A null under either name is no URL to conflict with (a null new name is refused as itself).
      if (old != null && options[name] != null && old !== options[name]) {
        throw fieldError(deprecatedName, `is the old name of ${name}, which is given too: pass only ${name}`);
      }
      return hostUrl(old, deprecatedName, typeof host.default === "function" ? host.default(options) : host.default);
    },
  };
}
