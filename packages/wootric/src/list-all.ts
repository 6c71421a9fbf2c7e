import { checkClient, checkNumber, fieldError, InputError, InvalidResponseError, isFieldObject, iteratePages, nameShown } from "@apis/runtime";
import { listAllQuery, MAX_PAGE, MAX_PER_PAGE } from "@apis/wootric-cxi";
import type { WootricClient } from "./client.js";
import type { components, paths } from "./generated/schema.js";

type Schemas = components["schemas"];

// Wootric serves pages 1-30 of at most 50 records on every paged list (spec: components.parameters Page, PerPage), as
// the CXI API does: one pair of caps, the one listAllQuery checks per_page against.
export { MAX_PAGE, MAX_PER_PAGE };

/** The lists that page with `page`/`per_page`, and what each yields. */
export interface PagedLists {
  "/v1/end_users": Schemas["EndUser"];
  "/v1/responses": Schemas["Response"];
  "/v1/declines": Schemas["Decline"];
  "/v1/end_users/{end_user_id}/responses": Schemas["Response"];
  "/v1/end_users/{end_user_id}/responses/promoters": Schemas["Response"];
  "/v1/end_users/{end_user_id}/responses/passives": Schemas["Response"];
  "/v1/end_users/{end_user_id}/responses/detractors": Schemas["Response"];
  "/v1/end_users/{end_user_id}/declines": Schemas["Decline"];
  "/v1/end_users/{end_user_id}/page_views": Schemas["PageView"];
}
type PagedPath = keyof PagedLists;
// Every paged list, so that listAll can refuse any other path; the compiler checks it against PagedLists both ways.
// Exported for the tests alone (the package's entry does not export it).
export const PAGED_PATHS = [
  "/v1/end_users",
  "/v1/responses",
  "/v1/declines",
  "/v1/end_users/{end_user_id}/responses",
  "/v1/end_users/{end_user_id}/responses/promoters",
  "/v1/end_users/{end_user_id}/responses/passives",
  "/v1/end_users/{end_user_id}/responses/detractors",
  "/v1/end_users/{end_user_id}/declines",
  "/v1/end_users/{end_user_id}/page_views",
] as const satisfies readonly PagedPath[];
// Compile-time only (no code is emitted for it): fails to compile while a path of PagedLists is missing above.
true satisfies [Exclude<PagedPath, (typeof PAGED_PATHS)[number]>] extends [never] ? true : false;

type Params<P extends PagedPath> = paths[P]["get"]["parameters"];
type SpecQuery<P extends PagedPath> = NonNullable<Params<P>["query"]>;
// A time filter as the wire writes it (`"created[gt]": 1480000000`), which listAll reads and checks as `created: { gt }`,
// for each filter the list's query has.
type BracketBounds<Q> = { [K in Extract<keyof Q, "created" | "updated"> as `${K}[${keyof Schemas["TimeFilter"]}]`]?: number | undefined };
type ListQuery<P extends PagedPath> = Omit<SpecQuery<P>, "page"> & BracketBounds<SpecQuery<P>>;
/**
 * The options of {@link listAll}: the list's query without `page` (a time filter as `created: { gt }` or as the wire
 * writes it, `"created[gt]"`), its path parameters where it has any, a signal.
 */
export type ListAllOptions<P extends PagedPath> = { query?: ListQuery<P> | undefined; signal?: AbortSignal | undefined } & (Params<P> extends { path: infer Path }
  ? { path: Path }
  : { path?: never });

// The path parameters of a list that has any, as listAll reads them off its options (or null, or none).
type PathOption = { path?: Record<string, unknown> | undefined } | null | undefined;

const NARROW = "split the range with query.created[gt]/created[lt] (Unix seconds, exclusive), one listAll per part.";

/**
 * Iterates every item of a paged list, fetching pages of `per_page` (default 50, the vendor's maximum) lazily. Wootric
 * serves at most 30 pages: when a list goes on beyond them, the iterator throws a `PaginationLimitError` after the
 * items it could reach, saying how to narrow the query by `created[gt]`/`created[lt]`, instead of dropping the rest
 * silently. An item whose id came on an earlier page (the list moved between two requests) is not yielded again; one
 * of another end user on an end user's list throws an `InvalidResponseError`. A path that is not a
 * paged list, a `query` that is not an object of parameters (a string such as `"a=b"`) or holds a `page` (listAll sets
 * it), a `per_page` outside 1-50, a `sort_order` other than `asc` or `desc` (or, on `/v1/end_users`, a `sort_key` other
 * than `email`, `updated_at` or `created_at`), a `created` or `updated` filter Wootric does not read, a bound that is no
 * Unix timestamp in seconds, or `updated` or `email` on any list but `/v1/end_users` (the one that reads them), throws an
 * `InputError` before any request.
 *
 * @example
 * for await (const user of listAll(wootric, "/v1/end_users", { query: { created: { gt: 1480000000 } } })) console.log(user.email);
 * for await (const r of listAll(wootric, "/v1/end_users/{end_user_id}/responses", { path: { end_user_id: 2 } })) console.log(r.score);
 */
export function listAll<P extends PagedPath>(client: WootricClient, path: P, ...[options]: {} extends ListAllOptions<P> ? [ListAllOptions<P>?] : [ListAllOptions<P>]): AsyncIterableIterator<PagedLists[P]> {
  checkClient(client);
  if (!(PAGED_PATHS as readonly string[]).includes(path)) {
    throw fieldError("path", `must be a paged list: ${PAGED_PATHS.join(", ")}`);
  }
  // Checked as CXI's listAll checks it: the main API pages alike (query parameters beside query refused, per_page 1-50).
  // `path` only where the path has a parameter: openapi-fetch would drop it, and list the account's whole list.
  // A JavaScript caller's null options mean the same as leaving them out (here, and where they are read below).
  const { query, perPage } = listAllQuery(options, path.includes("{") ? ["query", "path", "signal"] : ["query", "signal"]);
  // Unix seconds, as Wootric reads them: milliseconds (Date.now()) ask for a time 50 000 years on, and the list comes back
  // empty without a word. 1e10 seconds is the year 2286. Read as the query writes them, `created: { gt }` or
  // `"created[gt]"`; a null bound is left out, as the query leaves it out, and digits as text go out as the number.
  // Any other name than eq, lt, lte, gt or gte (created[after], created_at[gt], updatedSince, a bare created=) Wootric
  // ignores, and lists everything; one left out (null or undefined) is not sent.
  for (const [key, given] of Object.entries(query)) {
    // The spec's enums (the vendor's docs): Wootric ignores another value ("DESC", "newest") and sorts by its default.
    // Not sort_key on responses and declines: the spec's one value there is what tap-wootric sends (x-confidence:
    // third-party), no list of what Wootric takes. Any other name allows its own value: nothing is refused.
    const allowed = key == "sort_order" ? ["asc", "desc"] : key == "sort_key" && path == "/v1/end_users" ? ["email", "updated_at", "created_at"] : [given];
    if (given != null && !allowed.includes(given)) throw fieldError(`query.${key}`, `must be one of ${allowed.join(", ")}`);
    // Read by /v1/end_users alone (vendor docs; tap-wootric): any other list ignores them and lists everything, and the
    // client lets them through, since that GET takes them. Left out (null or undefined), nothing is sent.
    if (given != null && /^(updated|email)/.test(key) && path != "/v1/end_users") throw fieldError(`query.${nameShown(key)}`, `is not read by GET ${path}: only /v1/end_users takes it`);
    if (!/^(created|updated)/.test(key)) continue;
    for (const [op, value] of isFieldObject(given) ? Object.entries(given) : [["", given]]) {
      const field = `query.${nameShown(op ? `${key}.${op}` : key)}`;
      const wire = op ? `${key}[${op}]` : key;
      if (value != null) {
        if (!/^(created|updated)\[(eq|[gl]te?)\]$/.test(wire)) throw fieldError(field, "is no time filter: use created or updated with eq, lt, lte, gt or gte");
        // Given both ways (`created: { gt }` and `"created[gt]"`), a bound would go out twice, one value silently winning.
        if (op && query[wire] != null) throw fieldError(field, `is given as "${wire}" too`);
      }
      checkNumber(/^\d+$/.test(value as string) ? Number(value) : (value ?? undefined), field, 0, { min: 0, max: 1e10, integer: true, hint: "Unix seconds" });
    }
  }
  // One call site for nine paths: the path union is too wide for openapi-fetch's overloads, the items are typed above.
  const get = client.GET as unknown as (
    path: PagedPath,
    init: { params: { query: Record<string, unknown>; path?: Record<string, unknown> | undefined }; signal: AbortSignal | null },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const parent = (options as PathOption)?.path?.["end_user_id"];
  return iteratePages<unknown, PagedLists[P]>({
    fetchPage: (page) =>
      get(path, {
        // A path left out is refused by the client as missing, naming the parameter.
        params: { query: { ...query, page, per_page: perPage }, path: (options as PathOption)?.path },
        signal: options?.signal || null,
      }),
    items: (data) => {
      // A server that ignored the end user in the path would hand another's items over as this one's: the page is
      // refused whole. The item's end user as a number, so that a hostile server's megabyte string is not the message.
      const other = parent != null && Array.isArray(data) && data.find((item) => item?.end_user_id != null && item.end_user_id != parent);
      if (other) throw new InvalidResponseError(`GET ${path} answered an item of end_user_id ${+other.end_user_id}, not ${parent}`);
      return data as PagedLists[P][];
    },
    perPage,
    maxPage: MAX_PAGE,
    narrow: NARROW,
  });
}
