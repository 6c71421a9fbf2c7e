import { InputError } from "@apis/runtime";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Checks a base URL option and returns it without a trailing slash. Survey Dynamix serves HTTPS only and every
 * request carries a credential, so plain `http` is refused, except on the loopback interface (a mock or a tunnel).
 *
 * @example
 * checkBaseUrl("https://surveydynamix.com/api/", "baseUrl"); // "https://surveydynamix.com/api"
 */
export function checkBaseUrl(value: unknown, field: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new InputError(field, `${field} must be an absolute URL such as https://surveydynamix.com/api`);
  }
  const loopback = LOOPBACK.has(url.hostname) || url.hostname.endsWith(".localhost");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new InputError(field, `${field} must use https: Survey Dynamix serves HTTPS only, and credentials must not travel in clear text`);
  }
  return String(value).replace(/\/+$/, "");
}
