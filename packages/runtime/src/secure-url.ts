import { describeValue, fieldError, InputError } from "./input-error.js";

/**
 * Refuses, with an {@link InputError} naming `field`, an absolute URL that is not https, except plain http to the
 * loopback interface (a local mock). Every vendor these clients talk to is HTTPS-only, and every request carries a
 * credential that http would send in clear text. A relative URL passes only where the platform has a base URL (a
 * browser page, `globalThis.location`), where it stays on the page's origin; a protocol-relative one (`//host`)
 * names another host and is refused everywhere. The error quotes only the URL's scheme and host, never its path,
 * query or user info.
 *
 * @example
 * checkSecureUrl("https://api.example.com/v1", "baseUrl"); // ok
 * checkSecureUrl("http://127.0.0.1:4010", "baseUrl");      // ok: loopback
 * checkSecureUrl("http://api.example.com", "baseUrl");     // throws InputError
 */
export function checkSecureUrl(value: string, field: string): void {
  // What the URL parser ignores (tabs and line breaks anywhere, leading spaces) must not hide a "//" from this check.
  const text = value.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+/, "");
  let url: URL | undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    try {
      // Alone, and with a path after it, as openapi-fetch joins them. Alone: "https://" (an empty host variable's) reads
      // the path's first segment as the host once joined, so the credential went to https://<segment>. Joined: a
      // trailing space (an environment variable's), which the parser trims from a URL alone, falls inside the host, and
      // the parser's TypeError quotes the whole URL.
      new URL(text + "/x");
      url = new URL(text);
    } catch {
      // Refused below, as a relative URL is.
    }
    // A browser page (or Deno with --location) resolves relative URLs against its own; Node has no such base. A
    // protocol-relative one (//host, or /\host) names another host there: refused everywhere.
  } else if (!/^[\\/]{2}/.test(text) && typeof (globalThis as { location?: { href?: unknown } | undefined }).location?.href === "string") return;
  // A trailing space or control character: the parser trims it from a URL alone, but not from one joined with a path,
  // where it fails in the host (above) or stays in the path (`https://h/1 ` sent `/1%20/items`).
  if (!url || /[\x00-\x20]$/.test(text)) throw fieldError(field, `must be an absolute URL such as https://api.example.com, without a trailing space (relative only in a browser, never //host)`);
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return;
  // The scheme alone without its colon: the message puts one after it.
  const shown = url.protocol === "http:" ? `http://${url.host}` : url.protocol.slice(0, -1);
  throw fieldError(field, `must use https (http only on loopback), got ${shown}`);
}

/**
 * Whether a URL host is the loopback interface: `localhost` and its subdomains (RFC 6761 §6.3), 127.0.0.0/8 and
 * `::1`. The host is read as the URL parser normalizes it, so `127.1` and `[0:0::1]` count too.
 *
 * @example
 * isLoopbackHost(new URL("http://127.0.0.1:4010").hostname); // true
 * isLoopbackHost("api.example.com");                         // false
 */
export function isLoopbackHost(hostname: string): boolean {
  // localhost or a name under it, [::1], or 127.x.x.x; a trailing dot (an absolute name) is the same host.
  return /^(?:(?:[^]*\.)?localhost|\[::1\]|127(?:\.\d{1,3}){3})$/.test(hostname.toLowerCase().replace(/\.$/, ""));
}

/**
 * Refuses, with an {@link InputError} naming `field`, a URL with user info (`https://user:secret@host`), as the URL
 * parser finds it: fetch refuses such URLs with an error that quotes them, credentials included, and the parser also
 * finds user info in spellings a pattern misses (leading spaces, tabs, backslashes, missing or extra slashes). The
 * error quotes nothing of the URL; `use` says where the credentials go instead.
 *
 * @example
 * checkNoUserInfo("https:\\\\ana:secret@api.example.com", "baseUrl", "pass them in auth"); // throws InputError
 */
export function checkNoUserInfo(value: string, field: string, use: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // A relative URL has no user info; a protocol-relative one is refused by checkSecureUrl.
    return;
  }
  if (url.username || url.password) throw fieldError(field, `must not contain credentials: ${use}`);
}

/**
 * Checks a base URL option: no user info (see {@link checkNoUserInfo}, `use` saying where credentials go instead),
 * then https (see {@link checkSecureUrl}).
 *
 * @example
 * checkBaseUrl(options.baseUrl, "baseUrl", 'use auth: { type: "basic", username, password }');
 */
export function checkBaseUrl(value: string, field: string, use = "pass them in auth"): void {
  checkNoUserInfo(value, field, use);
  checkSecureUrl(value, field);
}

/**
 * Reads a URL option of a vendor client: `fallback` when left out; otherwise a non-empty string that
 * {@link checkSecureUrl} accepts. Throws an {@link InputError} naming `field` and the fallback as an example.
 *
 * @example
 * const baseUrl = urlOption(options.baseUrl, "baseUrl", "https://api.example.com/v1");
 */
export function urlOption(value: unknown, field: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !value) {
    throw fieldError(field, `must be a URL string such as ${fallback}, got ${describeValue(value)}`);
  }
  checkBaseUrl(value, field);
  return value;
}
