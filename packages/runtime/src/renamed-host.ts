import { fieldError } from "./input-error.js";
import { hostUrl } from "./host-url.js";
import { resolveHosts, type HostDescription } from "./vendor-options.js";

/**
 * A host option that was renamed, whose old name is still read (deprecated): `host` under its new `name`, with a
 * `default` that reads `deprecatedName` (checked, and named in errors, as the option it is) and falls back to the
 * host's own default. Given both names with different URLs, the client is
 * refused: one of them would be ignored without a word. `read` gives the old name's value; by default the option of
 * that name (a field of an object option, such as `baseUrls.survey`, is read by a `read` of the vendor's own). Only the
 * vendors with a renamed host bundle this.
 *
 * @example
 * hosts: { dataBaseUrl: renamedHost("dataBaseUrl", "dataUrl", { default: DATA }) }
 */
export function renamedHost(
  name: string,
  deprecatedName: string,
  host: HostDescription,
  read: (options: Record<string, unknown>) => unknown = (options) => options[deprecatedName],
): HostDescription {
  return {
    ...host,
    deprecatedName,
    default: (options) => {
      // The new name's URL (it wins in resolveHosts anyway), or the host's own default.
      const fallback = resolveHosts(options, { [name]: host })[name]!;
      const url = hostUrl(read(options), deprecatedName, fallback);
      // Compared as checked, so the same host written with and without a trailing slash is one URL. Both names are
      // checked by now: a null under either is refused as itself, and the new name is a URL or left out.
      if (options[name] && url !== fallback) throw fieldError(deprecatedName, `is renamed ${name}: pass only that`);
      return url;
    },
  };
}
