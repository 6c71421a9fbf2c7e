import type { Client } from "@apis/runtime";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { checkListQuery } from "./list-filters.js";
import { serializeForm, serializeQuery } from "./wire.js";

type Init = Record<string, unknown> & { params?: { query?: Record<string, unknown> }; body?: unknown };
type Call = (path: string, init?: Init) => Promise<unknown>;
const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
const table = operations as Record<string, Partial<Record<string, { requestBody?: string }>>>;

/**
 * Wraps a client so that every call follows the vendor's conventions: list filters and paging bounds are checked
 * before sending (see {@link checkListQuery}), and booleans in the query and in form bodies go as `1`/`0`. A call's
 * own `querySerializer` or `bodySerializer` still wins.
 *
 * @example
 * const sdx = withVendorConventions(createApiClient<paths>({ baseUrl, operations, auth }));
 */
export function withVendorConventions(client: Client<paths>): Client<paths> {
  const raw = client as unknown as Record<(typeof METHODS)[number], Call> & { request(method: string, path: string, init?: Init): Promise<unknown> };
  const prepare = (method: string, path: string, init: Init = {}): Init => {
    if (method === "get") checkListQuery(path, init.params?.query);
    const form = table[path]?.[method]?.requestBody === "form" && init.body !== undefined;
    return { querySerializer: serializeQuery, ...(form ? { bodySerializer: serializeForm } : {}), ...init };
  };
  const wrapped: Record<string, unknown> = { ...client };
  // async, so that a call refused by a check rejects like any other failed call instead of throwing synchronously.
  for (const method of METHODS) wrapped[method] = async (path: string, init?: Init) => raw[method](path, prepare(method.toLowerCase(), path, init));
  wrapped["request"] = async (method: string, path: string, init?: Init) => raw.request(method, path, prepare(method.toLowerCase(), path, init));
  // The same openapi-fetch Client, with each method's init adjusted: its per-path generics are untouched.
  return wrapped as unknown as Client<paths>;
}
