import { ApiError, InvalidResponseError, PaginationLimitError } from "./errors.js";
import { describeValue, InputError } from "./input-error.js";
import { redactUrl } from "./redact.js";

/** Options of {@link paginate}. */
export interface PaginateOptions<Page, Item> {
  /** Fetches one page by number, e.g. an openapi-fetch call; its `{ data, error, response }` is read as such. */
  fetchPage: (page: number) => Promise<{ data?: Page; error?: unknown; response: Response }>;
  /** The items of a page. */
  items: (page: Page) => Item[];
  /** Items asked for per page: a page shorter than this is the last one. */
  perPage: number;
  /** Number of the first page. Default 1. */
  firstPage?: number;
  /** The last page the vendor serves, e.g. 30 for Wootric. */
  maxPage?: number;
  /** The total number of items, when the vendor reports it. */
  total?: (page: Page) => number | undefined;
  /**
   * How to reach the items past `maxPage`, ending the {@link PaginationLimitError}'s message, e.g. the filters that
   * narrow this list. Default: "narrow the query to reach the rest."
   */
  narrow?: string;
}

/**
 * Iterates every item of a page-numbered list, fetching each page only when the previous one is used up. Without a
 * total it stops after a short or empty page; with a total it stops once `total` items were yielded, or on an empty
 * page (a short page before the total only means the vendor capped `perPage`). A page that fails throws an {@link ApiError}
 * with the vendor's status and body; one whose items are those of the page before (a server that ignores the page
 * number) throws an {@link InvalidResponseError}, before they are yielded a second time. When `maxPage` is reached on a full page and more items may remain, it throws
 * a {@link PaginationLimitError} after yielding every item it could reach, instead of dropping the rest silently.
 *
 * @example
 * for await (const tag of paginate({
 *   fetchPage: (page) => client.GET("/v1/tags", { params: { query: { page, per_page: 50 } } }),
 *   items: (tags) => tags,
 *   perPage: 50,
 *   maxPage: 30,
 * })) console.log(tag.name);
 */
export function paginate<Page, Item>(options: PaginateOptions<Page, Item>): AsyncIterableIterator<Item> {
  const { perPage } = options;
  const firstPage = options.firstPage ?? 1;
  const maxPage = options.maxPage;
  // Checked here rather than in the generator so a mistake throws at the call, not at the first `next()`.
  if (!Number.isInteger(perPage) || perPage < 1) throw new InputError("perPage", `perPage must be a positive integer, got ${String(perPage)}`);
  if (!Number.isInteger(firstPage)) throw new InputError("firstPage", `firstPage must be an integer, got ${String(firstPage)}`);
  if (maxPage !== undefined && (!Number.isInteger(maxPage) || maxPage < firstPage)) {
    throw new InputError("maxPage", `maxPage must be an integer no lower than firstPage (${firstPage}), got ${String(maxPage)}`);
  }
  return iterate(options, firstPage);
}

async function* iterate<Page, Item>(options: PaginateOptions<Page, Item>, firstPage: number): AsyncGenerator<Item, void, undefined> {
  const { fetchPage, items, perPage, total, maxPage } = options;
  let yielded = 0;
  let previous: string | undefined;
  for (let page = firstPage; ; page++) {
    const result = await fetchPage(page);
    const pageItems = itemsOf(result, items, `page ${page}`);
    previous = checkNotRepeated(result, pageItems, previous, `page ${page}`);
    for (const item of pageItems) {
      yield item;
      yielded++;
    }
    const reported = result.data === undefined ? undefined : total?.(result.data);
    // With a total, a short page before it only means the vendor capped perPage (as paginateOffset reads it too).
    if (pageItems.length === 0 || (reported === undefined ? pageItems.length < perPage : yielded >= reported)) return;
    if (maxPage !== undefined && page >= maxPage) {
      const url = result.response.url || undefined;
      const pages = maxPage - firstPage + 1;
      const remaining = reported === undefined ? "more items may remain" : `${reported - yielded} of ${reported} items remain`;
      throw new PaginationLimitError(
        `Stopped after page ${maxPage}${url ? ` of ${redactUrl(url)}` : ""}: the vendor serves at most ${pages} pages of ${perPage} ` +
          `(${pages * perPage} items) per query and ${remaining}. All ${yielded} reachable items were yielded; ${options.narrow ?? "narrow the query to reach the rest."}`,
        { url, maxPage, perPage, itemsYielded: yielded },
      );
    }
  }
}

/**
 * The items of a page, or the error to throw: an {@link ApiError} for a page the vendor refused, an
 * {@link InvalidResponseError} for a good one whose items are no list (a string would be yielded character by
 * character); both name which page. A page without a body (a 204) has no items.
 *
 * @example
 * const tags = itemsOf(await client.GET("/v1/tags", { params }), (page) => page, "page 3");
 */
export function itemsOf<Page, Item>(result: { data?: Page; error?: unknown; response: Response }, items: (page: Page) => Item[], which: string): Item[] {
  const { response } = result;
  // openapi-fetch reports an error status with an empty body as `error: undefined`, so the status decides too.
  const init = { status: response.status, url: response.url || undefined };
  if (!response.ok || result.error !== undefined) {
    throw ApiError.generate(init.status, result.error, { ...init, message: `Fetching ${which} failed: ${ApiError.fromResponse(response, result.error).message}` });
  }
  const list = result.data === undefined ? [] : items(result.data);
  if (!Array.isArray(list)) throw new InvalidResponseError(`Fetching ${which} failed: got ${describeValue(list)}, not a list`, init);
  return list;
}

/**
 * Throws an {@link InvalidResponseError} when a page repeats the one before it, as a server that ignores the page
 * asked for does for ever; otherwise returns the page's key, to compare the next one with. The key is the page's items
 * when they are objects, which carry what tells them apart, whatever else the page echoes (its offset or number), and
 * only their ids when they have one; for items that are not objects (a list of scores may repeat), the page as it came. An empty page (or one whose
 * first item is undefined), or one that cannot be serialized (a fetchPage of one's own that makes BigInts), is never
 * taken for a repeat.
 *
 * @example
 * previous = checkNotRepeated(result, pageItems, previous, "offset 40");
 */
export function checkNotRepeated(result: { data?: unknown; response: Response }, items: unknown[], previous: string | undefined, which: string): string | undefined {
  const first = items[0] as { id?: unknown } | null | undefined;
  let key: string | undefined;
  try {
    // typeof null is "object" too: a list of nulls is compared as it is, which is as good as the page. Items with an
    // `id` (not null: unsaved items share that) are compared by their ids alone: a field that changes between two
    // requests (a status "3 minutes ago") would hide a repeat.
    key = first === undefined ? undefined : JSON.stringify(typeof first == "object" ? items : result.data, first?.id == null ? undefined : ["id"]);
  } catch {}
  if (key !== undefined && key === previous) {
    throw new InvalidResponseError(`Fetching ${which} failed: the same items as the page before, so the server ignores the page asked for`, {
      status: result.response.status,
      url: result.response.url || undefined,
    });
  }
  return key;
}
