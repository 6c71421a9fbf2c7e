import { ApiError, InvalidResponseError, PaginationLimitError } from "./errors.js";
import { describeValue, fieldError, shownNumber } from "./input-error.js";
import { redactUrl } from "./redact.js";

/** How many of the last ids yielded {@link paginate} remembers, to yield an item that comes again once: 200 pages of 50. */
export const SEEN_IDS = 10_000;

/** Options of {@link paginate}. */
export interface PaginateOptions<Page, Item> {
  /** Fetches one page by number, e.g. an openapi-fetch call; its `{ data, error, response }` is read as such. */
  fetchPage: (page: number) => Promise<{ data?: Page | undefined; error?: unknown; response: Response }>;
  /** The items of a page. */
  items: (page: Page) => Item[];
  /** Items asked for per page: a page shorter than this is the last one. */
  perPage: number;
  /** Number of the first page. Default 1. */
  firstPage?: number | undefined;
  /** The last page the vendor serves, e.g. 30 for Wootric. */
  maxPage?: number | undefined;
  /** The total number of items, when the vendor reports it. */
  total?: ((page: Page) => number | undefined) | undefined;
  /**
   * How to reach the items past `maxPage`, ending the {@link PaginationLimitError}'s message, e.g. the filters that
   * narrow this list. Default: "narrow the query."
   */
  narrow?: string | undefined;
}

/**
 * {@link paginate} for a caller that has checked `perPage` (a positive integer), `firstPage` (an integer, or left out)
 * and `maxPage` (an integer from `firstPage`, or left out) itself, as the Wootric packages' listAll do against the
 * vendor's bounds: the same iteration, without checking them a second time.
 *
 * @example
 * return iteratePages({ fetchPage, items: (page) => page, perPage: checkedPerPage, maxPage: 30 });
 */
export async function* iteratePages<Page, Item>(options: PaginateOptions<Page, Item>): AsyncGenerator<Item, void, undefined> {
  const { fetchPage, items, perPage, total, maxPage } = options;
  const firstPage = options.firstPage ?? 1;
  // The items yielded, and the places read (an item yielded before counts too): the total counts the list's places.
  let yielded = 0;
  let read = 0;
  const repeats = repeatGuard();
  const fresh = firstSight();
  // `before`: the total the page before reported (a comparison with undefined is false, so none reads as grown).
  // `had`: the items yielded before this page, to tell a page that brought new ones.
  for (let page = firstPage, before: number | undefined, had = 0; ; page++, had = yielded) {
    const result = await fetchPage(page);
    const pageItems = itemsOf(result, items, `page ${page}`);
    const reported = reportedTotal(result.data, total);
    // A page served again as the list grew by a page at its front holds places too, when the total grew (a server that
    // ignores the page asked for reports the same total).
    if (repeats(result, pageItems, `page ${page}`)) {
      if (reported! > before!) read += pageItems.length;
    } else {
      read += pageItems.length;
      for (const item of pageItems) {
        if (!fresh(item)) continue;
        yield item;
        yielded++;
      }
    }
    // An item that came again took the place of one added at the front since, which no page of this reading holds. A
    // full page of new items that reads past the total contradicts it (a stale count): the list goes on until a short
    // page, or one that brings nothing new (a server that serves seen items for ever, or the last page again). (Never
    // with no total: read >= undefined is false.)
    if (read >= (before = reported)! && (read == reported || pageItems.length < perPage || yielded == had)) return;
    // A short page is the last one, unless the total says more remain: a server that serves fewer than asked for (a
    // cap of its own on the page size) would otherwise have the rest dropped without a word. An empty page ends it.
    if (pageItems.length < perPage && (reported === undefined || !pageItems.length)) return;
    // (Never with no maxPage: page >= undefined is false.)
    if (page >= maxPage!) {
      const url = result.response.url || undefined;
      throw new PaginationLimitError(
        `Stopped after page ${maxPage}${url ? ` of ${redactUrl(url)}` : ""}: the vendor serves at most ${maxPage! - firstPage + 1} pages of ${perPage} per query ` +
          // A total this reading went past (a stale one) says nothing of what remains.
          `and ${!(reported! > read) ? "more items may remain" : `${reported! - read} of ${reported} items remain`}. All ${yielded} reachable items were yielded; ${options.narrow ?? "narrow the query."}`,
        { url, maxPage: maxPage!, perPage, itemsYielded: yielded },
      );
    }
  }
}

/**
 * Iterates every item of a page-numbered list, fetching each page only when the previous one is used up. It stops
 * after an empty page, after a short one unless `total` says more items remain, or once `total` items were read (unless
 * a full page read past it: a stale count ends nothing). An item whose string or integer `id` (a safe one: JSON.parse
 * rounds past 2^53) came on an earlier page (among the last {@link SEEN_IDS} ids) is not yielded again (nor counted as
 * yielded). A page that fails throws an {@link ApiError}
 * with the vendor's status and body. Pages are told apart by their items' ids (see `repeatGuard`): a page that repeats
 * the one before is skipped, and a second one in a row (a server that ignores the page number) throws an
 * {@link InvalidResponseError}. When `maxPage` is reached on a full page and more items may remain, it throws
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
  if (!Number.isSafeInteger(perPage) || perPage < 1) throw fieldError("perPage", `must be a positive integer, got ${shownNumber(perPage)}`);
  if (!Number.isSafeInteger(firstPage)) throw fieldError("firstPage", `must be an integer, got ${shownNumber(firstPage)}`);
  if (maxPage !== undefined && (!Number.isSafeInteger(maxPage) || maxPage < firstPage)) {
    throw fieldError("maxPage", `must be an integer >= firstPage (${firstPage}), got ${shownNumber(maxPage)}`);
  }
  return iteratePages(options);
}

/**
 * Tells an item whose string or safe-integer id (or what `idOf` reads) is not among the last {@link SEEN_IDS} ids it
 * was shown: pages read afresh at each request over a list sorted newest first that gains an item between two requests
 * serve the last item of a page again at the top of the next. An item without such an id always passes (a number past
 * 2^53 is no id: JSON.parse makes two such ids one number). Bounded, so that a list of millions is not kept in memory:
 * a Set iterates oldest first, and the oldest go.
 *
 * @example
 * const fresh = firstSight();
 * for (const item of pageItems) if (fresh(item)) yield item;
 */
export function firstSight(idOf = idField): (item: unknown) => boolean {
  const seen = new Set<unknown>();
  return (item) => {
    const id = idOf(item);
    if (typeof id != "string" && !Number.isSafeInteger(id)) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > SEEN_IDS) seen.delete(seen.values().next().value);
    return true;
  };
}

// An item's id, by default.
const idField = (item: unknown): unknown => (item as { id?: unknown } | null)?.id;

/**
 * The total a page reports, when it is a finite number: any other (null, NaN, a string) is no total, since it could
 * neither end the list nor say that it goes on.
 *
 * @example
 * const reported = reportedTotal(result.data, (page) => page.total_count);
 */
export function reportedTotal<Page>(data: Page | undefined, total: ((page: Page) => number | undefined) | undefined): number | undefined {
  const reported = data === undefined ? undefined : total?.(data);
  return Number.isFinite(reported) ? reported : undefined;
}

/**
 * The items of a page, or the error to throw: an {@link ApiError} for a page the vendor refused, an
 * {@link InvalidResponseError} for a good one whose items are no list (a string would be yielded character by
 * character; the error keeps the body) or that holds a null; each names which page. A page without a body (a 204) has
 * no items.
 *
 * @example
 * const tags = itemsOf(await client.GET("/v1/tags", { params }), (page) => page, "page 3");
 */
export function itemsOf<Page, Item>(result: { data?: Page | undefined; error?: unknown; response: Response }, items: (page: Page) => Item[], which: string): Item[] {
  const { response } = result;
  // openapi-fetch reports an error status with an empty body as `error: undefined`, so the status decides too.
  if (!response.ok || result.error !== undefined) {
    const error = ApiError.fromResponse(response, result.error);
    // Set before the stack is first read: V8 and JavaScriptCore write its first line from the message as it is then.
    error.message = `Fetching ${which} failed: ${error.message}`;
    throw error;
  }
  // Only a 204 says there is nothing: a 200 without a body (a proxy, a server that failed mid-answer) would end the list early.
  const list = result.data === undefined ? (response.status == 204 ? [] : undefined) : items(result.data);
  // The body goes with the error: a 200 may carry the vendor's own explanation ({ message }) instead of the list.
  if (!Array.isArray(list)) throw new InvalidResponseError(`Fetching ${which} failed: got ${describeValue(list)}, not a list`, { ...pageInit(result), body: result.data });
  // A null among the items (a broken or hostile server's) would reach the caller's loop as an item, to fail there on
  // its first field: none of the page is yielded.
  const at = list.indexOf(null as Item);
  if (at >= 0) throw new InvalidResponseError(`Fetching ${which} failed: its item ${at} is null`, pageInit(result));
  return list;
}

/**
 * Tells a page that repeats the one before it. Items with a string or safe-integer `id` (or what `idOf` reads, such as
 * a user's e-mail address) are compared by their ids, which stay the same whatever else changes between two requests (a
 * status "3 minutes ago", an offset the page echoes), and such a repeat is skipped once, since a list sorted newest
 * first that grew by exactly one page between two requests serves the page before again. Other items (a list of
 * scores, ids past 2^53, which JSON.parse rounds) are compared whole, and a repeat is yielded, since such pages may legitimately repeat. Either way, a second repeat in a row throws
 * an {@link InvalidResponseError}, as a server that ignores the page asked for would answer the same page for ever.
 * A page of ids that starts and ends as two earlier ones did (a repeat of the page before it not counted), not the one just before, throws: the list goes round (once
 * round, its pages are read again, as a list that grew by two pages between two requests serves them; paginate yields
 * none of their items twice, by id). A page
 * that cannot be serialized (a fetchPage of one's own that makes BigInts) is never taken for a repeat.
 *
 * @example
 * const repeats = repeatGuard();
 * if (!repeats(result, pageItems, "offset 40")) for (const item of pageItems) yield item;
 */
export function repeatGuard(idOf = idField): (result: { response: Response }, items: unknown[], which: string) => boolean {
  let previous: string | undefined;
  let repeated = false;
  // The first and last ids of every page so far, with how often each pair came (two ids a page, so a long list holds
  // little): a page that starts and ends as one did twice before is a list going round (a server that maps the page
  // asked for onto a few it has), which no repeat of the page just before would stop. Once before is no proof: a list
  // sorted newest first that grew by two pages or more between two requests serves earlier pages again, and with one item
  // a page that takes two new items. Nor is the first id alone: in a list whose items move as it is read, one may start two pages.
  const seen = new Map<string, number>();
  return (result, items, which) => {
    const ids = items.map(idOf);
    // An empty page ends the list before another can repeat it. Each id a string or a safe integer, as firstSight takes
    // them: JSON.parse rounds ids past 2^53, so that a page of other items may read as the same ids.
    const byId = ids.every((id) => typeof id == "string" || Number.isSafeInteger(id));
    let key: string | undefined;
    try {
      key = JSON.stringify(byId ? ids : items);
    } catch {}
    // Only when they are strings or numbers; as JSON, so that "a b" and "c" are not "a" and "b c".
    const ends = byId && JSON.stringify([ids[0], ids.at(-1)]);
    const times = (ends && seen.get(ends)) || 0;
    const back = ends && key !== previous && times > 1;
    // A repeat of the page just before is not counted: a list that grew by one page serves it (and it is skipped).
    if (ends && key !== previous) seen.set(ends, times + 1);
    if (key === undefined || (key !== previous && !back)) {
      previous = key;
      return (repeated = false);
    }
    if (!repeated && !back) {
      repeated = true;
      return byId;
    }
    throw new InvalidResponseError(`Fetching ${which} failed: it repeats a page before: the server ignores the page asked for`, pageInit(result));
  };
}

// What an error about a page carries of its response.
export function pageInit({ response }: { response: Response }): { status: number; url: string | undefined } {
  return { status: response.status, url: response.url || undefined };
}
