import type { HeadersOptions } from "openapi-fetch";

/**
 * The caller's headers, plus `name: value` unless the caller set that header (in any case) already; `null` as the
 * value removes a client-wide header of that name. A record stays a record, so openapi-fetch still merges it; null
 * headers (a JavaScript caller's) are none, as openapi-fetch reads them.
 *
 * @example
 * withDefaultHeader({ accept: "text/csv" }, "Accept", "application/json"); // { accept: "text/csv" }
 * withDefaultHeader(undefined, "Accept", "application/json"); // { Accept: "application/json" }
 */
export function withDefaultHeader(headers: HeadersOptions | null | undefined, name: string, value: string | null): HeadersOptions {
  if (headers == null) return { [name]: value };
  if (headers instanceof Headers || Array.isArray(headers)) {
    const merged = new Headers(headers);
    if (merged.has(name)) return merged;
    if (value === null) return { [name]: null, ...Object.fromEntries(merged) };
    merged.set(name, value);
    return merged;
  }
  const lower = name.toLowerCase();
  if (Object.keys(headers).some((key) => key.toLowerCase() === lower)) return headers;
  return { [name]: value, ...headers };
}
