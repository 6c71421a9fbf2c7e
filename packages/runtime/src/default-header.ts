import type { HeadersOptions } from "openapi-fetch";

/**
 * Whether headers (a record, a `Headers` or a list) set `name`, in any case, to a value other than undefined, as
 * openapi-fetch reads them: a header left undefined is none, and `null` (which removes a client-wide one) is a choice.
 *
 * @example
 * hasHeader({ Accept: undefined }, "accept"); // false
 */
export function hasHeader(headers: HeadersOptions | null | undefined, name: string): boolean {
  // A record's undefined values left out, as openapi-fetch leaves them out; a Headers or a list has none.
  return new Headers(headers instanceof Headers || Array.isArray(headers) ? headers : Object.entries({ ...headers }).filter(([, value]) => value !== undefined) as [string, string][]).has(name);
}

/**
 * The caller's headers, plus `name: value` unless the caller set that header (in any case, to a value other than
 * undefined) already; `null` as the value removes a client-wide header of that name. The result is a record, so
 * openapi-fetch still merges it; null headers (a JavaScript caller's) are none, as openapi-fetch reads them.
 *
 * @example
 * withDefaultHeader({ accept: "text/csv" }, "Accept", "application/json"); // { accept: "text/csv" }
 * withDefaultHeader(undefined, "Accept", "application/json"); // { Accept: "application/json" }
 */
export function withDefaultHeader(headers: HeadersOptions | null | undefined, name: string, value: string | null): HeadersOptions {
  // A Headers or a list as a record: Headers joins a repeated name's values, as it sends them.
  const record = headers instanceof Headers || Array.isArray(headers) ? Object.fromEntries(new Headers(headers)) : { ...headers };
  // A header left undefined is none, as openapi-fetch reads it: ours goes last, so that one of that spelling gives way.
  return Object.keys(record).some((key) => key.toLowerCase() == name.toLowerCase() && record[key] !== undefined) ? record : { ...record, [name]: value };
}
