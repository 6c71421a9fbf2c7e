import { fieldError } from "./input-error.js";
import { urlOption } from "./secure-url.js";

/**
 * A host option's value checked as a base URL (see {@link urlOption}), with no query or fragment, without a trailing
 * slash; `fallback` when it is left out.
 *
 * @example
 * hostUrl("https://mock.test/1/", "baseUrl", API); // "https://mock.test/1"
 */
export function hostUrl(value: unknown, field: string, fallback: string): string {
  const url = urlOption(value, field, fallback);
  // Paths are appended to a host: after a query or fragment they would be no path at all. (A whole URL option, a
  // tokenUrl, may have a query: urlOption takes it.)
  if (/[?#]/.test(url)) throw fieldError(field, `must not have a query or fragment`);
  return url.replace(/\/+$/, "");
}
