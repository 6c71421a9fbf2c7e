import { checkClient, checkNumber, checkOptionNames, describeValue, fieldError, InputError, isFieldObject, iteratePages } from "@apis/runtime";
import type { WootricCxiClient } from "./client.js";
import { queryNames } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { Import, SurveyResponse, Tag } from "./types.js";

/** The vendor caps `page` at 30 and `per_page` at 50 on every paged list (vendor doc, "Get tags" parameters). */
export const MAX_PAGE = 30;
export const MAX_PER_PAGE = 50;

/**
 * Refuses a raw call's `per_page` outside the vendor's bound (anything but text that is no integer from 1 to 50) with an
 * `InputError`, before anything is sent, as `listAll` refuses it and Survey Dynamix's client a raw `_limit` past 1000.
 * The vendor documents 50 as the maximum, not what it does past it [guess: it serves 50]: pages of 50 where 100 were
 * asked for would read, to a caller that stops at the first page shorter than it asked, as the end of the list. Text
 * is left to the vendor, as it was; a page past 30 the vendor refuses itself.
 *
 * @example
 * checkPaging({ per_page: 100 }); // throws "params.query.per_page must be an integer from 1 to 50 (the vendor's maximum), got 100"
 */
export function checkPaging(query: Record<string, unknown> | undefined): void {
  // Anything but text, left out or null: a list would go as per_page=100&per_page=200, a BigInt as per_page=100, true
  // as per_page=true (read as the default, 25), none of which the names' integer rule reads, as it reads numbers only.
  if (typeof query?.per_page != "string") checkNumber(query?.per_page ?? undefined, "params.query.per_page", 0, { min: 1, max: MAX_PER_PAGE, integer: true, hint: "the vendor's maximum" });
}

/** The CXI lists that page with `page`/`per_page`, and what each yields. */
export interface PagedLists {
  "/v1/tags": Tag;
  "/v1/imports": Import;
  "/v1/responses": SurveyResponse;
}
type PagedPath = keyof PagedLists;
// Every paged list, so that listAll can refuse any other path; the compiler checks it against PagedLists both ways.
const PAGED_PATHS = ["/v1/tags", "/v1/imports", "/v1/responses"] as const satisfies readonly PagedPath[];
// Compile-time only (no code is emitted for it): fails to compile while a path of PagedLists is missing above.
true satisfies [Exclude<PagedPath, (typeof PAGED_PATHS)[number]>] extends [never] ? true : false;
// The query names each list of PAGED_PATHS reads, in its order (spec: listTags, listImports, listResponses), page aside;
// test/unit/query-names.test.ts holds it to the spec.
const READS = ["exclude_disabled flat no_stats per_page search sort", "per_page", "per_page sort_order"];
type ListQuery<P extends PagedPath> = Omit<NonNullable<paths[P]["get"]["parameters"]["query"]>, "page">;

/**
 * Iterates every item of a paged list, fetching pages of `per_page` (default 50, the vendor's maximum) lazily.
 * The vendor serves at most 30 pages: when a list goes on beyond them, the iterator throws a `PaginationLimitError`
 * after the items it could reach, instead of dropping the rest silently. Responses take no filter to narrow them: read
 * the oldest with `sort_order: "asc"`, or have `POST /v1/exports` e-mail them all. A path that is not one of these lists, a
 * `query` that is not an object of parameters (a string such as `"a=b"`) or holds a `page` or a name only another
 * operation reads (`search` on `/v1/responses`), or a `per_page` outside 1-50, throws an `InputError` before any request.
 *
 * @example
 * for await (const tag of listAll(cxi, "/v1/tags", { query: { exclude_disabled: true } })) console.log(tag.name);
 */
export function listAll<P extends PagedPath>(
  client: WootricCxiClient,
  path: P,
  options?: { query?: ListQuery<P> | undefined; signal?: AbortSignal | undefined },
): AsyncIterableIterator<PagedLists[P]> {
  checkClient(client);
  if (!(PAGED_PATHS as readonly string[]).includes(path)) {
    throw fieldError("path", `must be a paged list: ${PAGED_PATHS.join(", ")}`);
  }
  const { query, perPage } = listAllQuery(options, ["query", "signal"]);
  // The client's check takes a name any operation reads: one only another reads (a search on /v1/responses) Wootric
  // ignores, and lists as if it were not given. A name unknown to all is left to the client's, which says what was meant.
  for (const name in query) if (query[name] != null && queryNames.split(" ").includes(name) && !READS[PAGED_PATHS.indexOf(path)]!.split(" ").includes(name)) throw fieldError(`query.${name}`, `is not read by ${path}`);
  // One call site for three paths: the path union is too wide for openapi-fetch's overloads, the items are typed above.
  const get = client.GET as unknown as (
    path: PagedPath,
    init: { params: { query: Record<string, unknown> }; signal: AbortSignal | null },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return iteratePages<unknown, PagedLists[P]>({
    fetchPage: (page) =>
      get(path, {
        params: { query: { ...query, page, per_page: perPage } },
        signal: options?.signal || null,
      }),
    items: (data) => (path === "/v1/responses" ? (data as { items: PagedLists[P][] } | null)?.items! : (data as PagedLists[P][])),
    // Read after items accepted the page: a list's array has no total_count, so only the responses' envelope gives one.
    total: (data) => (data as { total_count?: number | undefined }).total_count,
    perPage,
    maxPage: MAX_PAGE,
  });
}

/**
 * The query of a Wootric `listAll`, checked (the CXI and main APIs page alike): `options` holds none but `names` (a query
 * parameter given beside `query` would be ignored, and the whole list fetched), `query` is an object of parameters
 * without a `page` (listAll sets it), and its `per_page` is an integer from 1 to 50 (default 50). Null options read as
 * none. Throws an `InputError`.
 *
 * @example
 * const { query, perPage } = listAllQuery(options, ["query", "path", "signal"]);
 */
export function listAllQuery(options: object | null | undefined, names: string[]): { query: Record<string, unknown>; perPage: number } {
  const opts = (options ?? {}) as { query?: Record<string, unknown> | undefined };
  checkOptionNames(opts, names, "listAll");
  const query = opts.query ?? {};
  // Spread into the page's query, a string "a=b" would go out as ?0=a&1=%3D&2=b, and a Date or URLSearchParams as nothing.
  if (!isFieldObject(query)) throw fieldError("query", `must be an object of parameters, got ${describeValue(query)}`);
  // It would be overwritten by the page asked for: a caller who means to start further on would read from page 1.
  if (query.page != null) throw fieldError("query.page", "is not taken: listAll pages itself");
  // checkNumber's own default is for undefined; a JavaScript caller's null per_page reads as left out too.
  const perPage = checkNumber(query.per_page ?? MAX_PER_PAGE, "query.per_page", 0, { min: 1, max: MAX_PER_PAGE, integer: true, hint: "the vendor's maximum" });
  return { query, perPage };
}
