/**
 * Returns the URL with query parameter `name` set to `value`: the first parameter of that name is replaced in place,
 * any others of that name are removed, and otherwise it is appended. The rest of the URL keeps its exact encoding,
 * which a round trip through `URLSearchParams` would change (`%20` to `+`, `[` to `%5B`).
 *
 * @example
 * setQueryParam("https://api.example.com/v1/items?page=2&access_token=old", "access_token", "new");
 * // "https://api.example.com/v1/items?page=2&access_token=new"
 */
export function setQueryParam(url: string, name: string, value: string): string {
  const [base, query = "", fragment] = splitUrl(url);
  const param = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  // No query (a call without parameters): nothing to replace.
  if (query === "") return `${base}?${param}${fragment}`;
  // Every pair of that name read as the new one (itself one, added last), and only the first of them kept.
  const pairs = [...query.split("&").filter((pair) => pair !== ""), param].map((pair) => (decodeQueryName(pair.split("=", 1)[0]!) === name ? param : pair));
  return `${base}?${pairs.filter((pair, at) => pair !== param || pairs.indexOf(param) === at).join("&")}${fragment}`;
}

/**
 * A URL as written, in three parts: what comes before its query, the query without its `?` (undefined when there is
 * no `?`), and the fragment with its `#` (empty when there is no `#`). Nothing is parsed or re-encoded. A tuple, so
 * that the bundle spells no key names.
 *
 * @example
 * splitUrl("/v1/items?page=2#top"); // ["/v1/items", "page=2", "#top"]
 */
export function splitUrl(url: string): [base: string, query: string | undefined, fragment: string] {
  // Up to the first "?" or "#"; from that "?" up to the first "#"; from that "#" on (empty when there is none). Always
  // matches, in one pass.
  return /^([^?#]*)(?:\?([^#]*))?(#.*|)$/s.exec(url)!.slice(1) as [string, string | undefined, string];
}

/**
 * A query parameter's name as a server reads it (`+` is a space, then percent-decoded); one that is not valid
 * percent-encoding stays as it is.
 *
 * @example
 * decodeQueryName("access%5Ftoken"); // "access_token"
 */
export function decodeQueryName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}
