import { fieldError, shownNumber } from "./input-error.js";
import { InvalidResponseError } from "./errors.js";
import { firstSight, itemsOf, pageInit, repeatGuard, reportedTotal, SEEN_IDS } from "./paginate.js";

/** Options of {@link paginateOffset}. */
export interface PaginateOffsetOptions<Page, Item> {
  /** Fetches `limit` items from `offset`, e.g. an openapi-fetch call; its `{ data, error, response }` is read as such. */
  fetchPage: (offset: number, limit: number) => Promise<{ data?: Page | undefined; error?: unknown; response: Response }>;
  /** The items of a page. */
  items: (page: Page) => Item[];
  /** Items asked for per page. */
  limit: number;
  /** Offset of the first item wanted. Default 0. */
  startOffset?: number | undefined;
  /** The total number of items in the list (not counting from `startOffset`), when the vendor reports it. */
  total?: ((page: Page) => number | undefined) | undefined;
  /** What tells an item apart, for items without an `id` (see `repeatGuard` and `firstSight`). Default: its `id`. */
  idOf?: ((item: unknown) => unknown) | undefined;
}

/**
 * Iterates every item of an offset/limit list, fetching each page only when the previous one is used up; each page
 * starts where the items received so far end. With a total it stops once the offset reaches it, or on an empty page,
 * so a vendor that caps `limit` lower than asked loses nothing (a short page before the total only means that); a full
 * page that reads past the total contradicts it (a stale count), and the list goes on to a short page.
 * Without a total it stops after a short or empty page, so there `limit` must be no more than the vendor serves in
 * one page: a page capped lower reads as the last. A page that fails throws an
 * {@link ApiError} with the vendor's status and body. Pages are told apart by their items' ids (see `repeatGuard`): a
 * page that repeats the one before is skipped, and a second one in a row (a server that ignores the offset) throws an
 * {@link InvalidResponseError}. An item whose id came on an earlier page (among the last `SEEN_IDS`) is not yielded
 * again: a list sorted newest first that gains an item between two requests serves a page's last item again at the
 * top of the next. A page more than `SEEN_IDS` items and one page past the last page that brought a new item (a server
 * that serves old items at every offset, on pages that each end elsewhere) throws an {@link InvalidResponseError} too:
 * nothing would be yielded, for ever.
 *
 * @example
 * for await (const user of paginateOffset({
 *   fetchPage: (offset, limit) => client.GET("/users", { params: { query: { offset, limit } } }),
 *   items: (page) => page.users,
 *   limit: 100,
 *   total: (page) => page.total,
 * })) console.log(user.email);
 */
export function paginateOffset<Page, Item>(options: PaginateOffsetOptions<Page, Item>): AsyncIterableIterator<Item> {
  const { limit } = options;
  const startOffset = options.startOffset ?? 0;
  // Checked here rather than in the generator so a mistake throws at the call, not at the first `next()`.
  if (!Number.isSafeInteger(limit) || limit < 1) throw fieldError("limit", `must be a positive integer, got ${shownNumber(limit)}`);
  if (!Number.isSafeInteger(startOffset) || startOffset < 0) {
    throw fieldError("startOffset", `must be an integer >= 0, got ${shownNumber(startOffset)}`);
  }
  return iterateOffset(options);
}

/**
 * {@link paginateOffset} for a caller that has checked `limit` (a positive integer) and `startOffset` (an integer of 0
 * or more, or left out) itself, as Survey Dynamix's listAll does against the vendor's bounds: the same iteration,
 * without checking them a second time.
 *
 * @example
 * return iterateOffset({ fetchPage, items: (page) => page, limit: checkedLimit, startOffset: checkedOffset });
 */
export async function* iterateOffset<Page, Item>(options: PaginateOffsetOptions<Page, Item>): AsyncGenerator<Item, void, undefined> {
  const { fetchPage, items, limit, total } = options;
  const repeats = repeatGuard(options.idOf);
  const fresh = firstSight(options.idOf);
  // `last`: the offset of the last page that brought an item not yielded before. A page further on than SEEN_IDS (all
  // that fresh remembers) and one page more is a server that serves old items at every offset, whose pages would be
  // fetched for ever with nothing yielded (nothing the caller's loop could stop); the page more lets a page that repeats
  // the one before be skipped (a list that grew by a page), however long the pages.
  for (let offset = options.startOffset ?? 0, last = offset; ; ) {
    const result = await fetchPage(offset, limit);
    const pageItems = itemsOf(result, items, `offset ${offset}`);
    if (!repeats(result, pageItems, `offset ${offset}`)) for (const item of pageItems) if (fresh(item)) yield ((last = offset), item);
    if (offset - last > SEEN_IDS + limit) throw new InvalidResponseError(`Fetching offset ${offset} failed: nothing new since offset ${last}: the server ignores the page asked for`, pageInit(result));
    offset += pageItems.length;
    const reported = reportedTotal(result.data, total);
    if (!pageItems.length) return;
    // A short page ends the list unless the total says more remain; a full one only where it meets the total: one that
    // read past it contradicts it (a stale count), and the list goes on (see iteratePages).
    if (pageItems.length < limit ? reported === undefined || offset >= reported : offset === reported) return;
  }
}
