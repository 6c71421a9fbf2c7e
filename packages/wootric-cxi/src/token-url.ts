import { redactUrl, urlOption, type Logger } from "@apis/runtime";

/** Wootric's token endpoint, shared by all Wootric APIs. */
export const DEFAULT_TOKEN_URL = "https://api.wootric.com/oauth/token";
/** The spec's server for `POST /oauth/token`. */
export const TOKEN_SERVER = "https://api.wootric.com";
const TOKEN_PATH = "/oauth/token";

// An arrow: a one-expression helper so written is shorter once bundled (3 gzipped bytes). It is called only when a
// client is made, after this module has loaded.
/**
 * The server the raw `POST /oauth/token` operation goes to: the token endpoint without its `/oauth/token` path.
 *
 * @example
 * tokenServer("https://mock.test/oauth/token"); // "https://mock.test"
 */
export const tokenServer = (tokenUrl: string): string => (tokenUrl.endsWith(TOKEN_PATH) ? tokenUrl.slice(0, -TOKEN_PATH.length) : new URL(tokenUrl).origin);

/**
 * The token endpoint a `tokenUrl` option names. Before 0.2 `tokenUrl` was the token server's host and the client
 * appended `/oauth/token`; such a value (a URL whose path is empty or `/`) is still read that way for this release,
 * with one deprecation line through the logger, so an old configuration keeps working.
 *
 * @example
 * resolveTokenUrl("https://wootric.test", console); // "https://wootric.test/oauth/token", and a deprecation line
 */
export function resolveTokenUrl(value: unknown, logger?: Logger): string {
  const url = urlOption(value, "tokenUrl", DEFAULT_TOKEN_URL);
  // An http(s) URL's path is never empty: a host alone reads as "/".
  if (new URL(url, "https://relative.invalid").pathname !== "/") return url;
  // The path goes before a query or fragment, in place of the slashes ending the host.
  const endpoint = url.replace(/\/?(?=[?#]|$)/, TOKEN_PATH);
  const warn = (logger as { warn?: Logger["debug"] | undefined } | undefined)?.warn ?? logger?.debug;
  // Straight to the caller's logger, past the runtime's redaction of its own lines: a query may carry a credential.
  warn?.call(logger, `tokenUrl ${redactUrl(url)} is a host, read as ${redactUrl(endpoint)} (deprecated: pass the full URL)`, { deprecated: "tokenUrl" });
  return endpoint;
}
