import { checkClient, checkOptionNames, describeValue, fieldError, InputError, InvalidResponseError, isFieldObject, iterateOffset, shown } from "@apis/runtime";
import type { SurveyDynamixClient } from "./client.js";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { checkListQuery, MAX_LIMIT, present, type REQUIRED_FILTERS } from "./list-filters.js";
import type { Interaction, InteractionData, Question, Survey, SurveyResponse, User } from "./types.js";

/** The lists that page with `_limit`/`_offset`, and what each yields. */
export interface PagedLists {
  "/interactions": Interaction;
  "/surveys/{survey_id}/interactions": Interaction;
  "/users/{email_address}/interactions": Interaction;
  "/interaction_data": InteractionData;
  "/interactions/{interaction_id}/interaction_data": InteractionData;
  "/surveys/{survey_id}/interaction_data": InteractionData;
  "/responses": SurveyResponse;
  "/interactions/{interaction_id}/responses": SurveyResponse;
  "/surveys/{survey_id}/responses": SurveyResponse;
  "/questions/{question_id}/responses": SurveyResponse;
  "/surveys": Survey;
  "/questions": Question;
  "/surveys/{survey_id}/questions": Question;
  "/users": User;
}
type PagedPath = keyof PagedLists;
// Every paged list, so that listAll can refuse any other path: the spec's GET operations on a collection (a path
// that does not end with a parameter). A unit test holds it to PagedLists.
export const PAGED_PATHS = Object.keys(operations).filter((path) => "get" in operations[path as keyof typeof operations] && !path.endsWith("}")) as PagedPath[];
type ListParameters<P extends PagedPath> = paths[P]["get"]["parameters"];
type SpecQuery<P extends PagedPath> = NonNullable<ListParameters<P>["query"]>;
// One filter given of those a list needs (REQUIRED_FILTERS, which checkListQuery refuses a query without), for each one.
type OneOf<Q, F extends PropertyKey> = F extends keyof Q ? Q & { [K in F]-?: NonNullable<Q[K]> } : never;
type Query<P extends PagedPath> = P extends keyof typeof REQUIRED_FILTERS ? OneOf<SpecQuery<P>, (typeof REQUIRED_FILTERS)[P][number]> : SpecQuery<P>;
type PathParams<P extends PagedPath> = ListParameters<P>["path"];
// The one call site's GET, for fourteen paths: the union is too wide for openapi-fetch's overloads; the items are typed
// by PagedLists.
type ListGet = (
  path: PagedPath,
  init: { params: { path?: Record<string, unknown> | undefined; query: Record<string, unknown> }; signal: AbortSignal | null },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Options of {@link listAll}: the list's query (`_limit` is the page size, `_offset` where to start), and its path
 * parameters when it has any. A list that needs a filter (`/responses`, `/interaction_data`) is typed as needing one,
 * but an empty one (`start_date: ""`) counts as none and throws an `InputError`, as the vendor would answer every
 * item: no type can refuse an empty string given as a `string`.
 */
export type ListAllOptions<P extends PagedPath> = ({} extends Query<P> ? { query?: Query<P> | undefined } : { query: Query<P> }) &
  ([PathParams<P>] extends [undefined] ? { path?: undefined } : { path: PathParams<P> }) & { signal?: AbortSignal | undefined };

/**
 * Iterates every item of a list, fetching pages of `_limit` items (default 1000, the vendor's maximum) lazily, from
 * `_offset` (default 0) until a page comes back short. Unless the query sets `_order`, pages are asked for in `ASC`
 * order: offsets over the vendor's default orders (newest first, or by interaction status) shift while items are
 * added or change status, which would skip or repeat items. A page that fails throws an `ApiError` with the vendor's
 * body, and a page the same as the one before (a server that ignores `_offset`), or holding an item whose
 * `survey_id`, `interaction_id` or `question_id` is not the one the path or query asks for, an `InvalidResponseError`; a list
 * missing a filter the vendor requires, a path parameter, or a `query` that is no object of parameters (a
 * URLSearchParams, a string) throws an `InputError` right away, and a filter the vendor cannot take (a list, a Date)
 * one before the first page is asked for.
 *
 * @example
 * for await (const response of listAll(sdx, "/surveys/{survey_id}/responses", { path: { survey_id: 52 } })) {
 *   console.log(response.question_id, response.response);
 * }
 */
export function listAll<P extends PagedPath>(client: SurveyDynamixClient, path: P, ...[options]: {} extends ListAllOptions<P> ? [ListAllOptions<P>?] : [ListAllOptions<P>]): AsyncIterableIterator<PagedLists[P]> {
  checkClient(client);
  const opts = (options ?? {}) as { query?: Record<string, unknown> | undefined; path?: Record<string, unknown> | undefined; signal?: AbortSignal | undefined };
  if (!(PAGED_PATHS as readonly unknown[]).includes(path)) {
    throw fieldError("path", `must be a list listAll can page (${PAGED_PATHS.join(", ")}), got ${shown(path)}`);
  }
  // A query parameter given beside query (`{ _limit: 5 }`) would be ignored, and the whole list fetched; so would
  // `path` where the path has no parameter (an email address as a filter: every interaction).
  checkOptionNames(opts, path.includes("{") ? ["query", "path", "signal"] : ["query", "signal"], "listAll");
  const { path: pathParams, signal } = opts;
  // A JavaScript caller's null reads as none. Spread into each page's query, a URLSearchParams or Map would go out as
  // no filter at all (the whole list), a string "a=b" as ?0=a&1=%3D&2=b.
  const query = opts.query ?? {};
  if (!isFieldObject(query)) throw fieldError("query", `must be an object of parameters, got ${describeValue(query)}`);
  // openapi-fetch would leave a missing parameter as "{survey_id}" in the URL and send the request all the same. Each
  // parameter of a path in PAGED_PATHS, checked above, is a word (survey_id, email_address, ...).
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    if (!present(pathParams?.[name!])) {
      throw new InputError(`path.${name}`, `GET ${path} needs listAll { path: { ${name}: ... } }`);
    }
  }
  checkListQuery(path, query);
  // `_order: undefined` (or null) is left out, as `_limit` and `_offset` are: it must not clear the ASC default.
  const { _limit, _offset, _order, ...filters } = query as { _limit?: number | undefined; _offset?: number | undefined; _order?: string | undefined };
  // A server that ignored the parent or an id filter would hand another survey's items over as this one's. A filter
  // given as none is not compared (undefined or null, which is not sent, or "", as present reads it): the vendor
  // answers the items of every interaction then. A list or an object never is: as a filter serializeQuery refuses it,
  // and as a path parameter the runtime's client, both before any page is asked for. An item without the field (a
  // question listed by itself) passes.
  const ids = Object.entries({ ...filters, ...pathParams }).filter(([name, value]) => /^(survey|interaction|question)_id$/.test(name) && present(value));
  // _limit and _offset were checked against the vendor's bounds (checkListQuery): paging needs no check of its own.
  return iterateOffset<unknown, PagedLists[P]>({
    fetchPage: (offset, limit) =>
      (client.GET as unknown as ListGet)(path, {
        // Without path parameters, path is undefined: openapi-fetch and the runtime read that as none given.
        params: { path: pathParams, query: { _order: _order ?? "ASC", ...filters, _offset: offset, _limit: limit } },
        signal: signal || null,
      }),
    items: (page) => {
      for (const [name, value] of ids) {
        // (A page that is no list is refused by iterateOffset, which names it.)
        const other = Array.isArray(page) && page.find((item) => item?.[name] != null && item[name] != value);
        // The item's id as a number (NaN for text that is none), so that a hostile server's megabyte string is not quoted.
        if (other) throw new InvalidResponseError(`GET ${path} answered an item of ${name} ${+other[name]}, not ${value}`);
      }
      return page as PagedLists[P][];
    },
    // Users have no id: their e-mail address tells them apart, so that pages of users going round are caught too.
    // A null entry (a broken page) has neither, as the runtime's default reads it.
    idOf: (item) => (item as { id?: unknown } | null)?.id ?? (item as { email?: unknown } | null)?.email,
    limit: _limit ?? MAX_LIMIT,
    // Left out or null, it starts at 0 (iterateOffset's default).
    startOffset: _offset,
  });
}
