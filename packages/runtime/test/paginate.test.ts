import { collect } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, InputError, InvalidResponseError, iteratePages, paginate, paginateOffset, PaginationLimitError, RateLimitError } from "../src/index.js";
import type { Client } from "openapi-fetch";
import { BASE_URL, operations, type Item, type paths } from "./fixtures.js";
import { caught, fakeFetch, json, NOT_TOTALS } from "./helpers.js";
import { SEEN_IDS } from "../src/paginate.js";

type ItemsClient = Client<paths>;

/** A list of `count` items served `perPage` at a time, recording which pages were asked for. */
function pages(count: number, perPage: number) {
  const requested: number[] = [];
  const fetchPage = async (page: number) => {
    requested.push(page);
    const start = (page - 1) * perPage;
    const ids = Array.from({ length: Math.max(0, Math.min(perPage, count - start)) }, (_, index) => start + index + 1);
    return { data: { items: ids, total: count }, response: new Response(null, { status: 200 }) };
  };
  return { fetchPage, requested };
}


describe("paginate", () => {
  it("yields every item page by page and stops on a short page", async () => {
    const { fetchPage, requested } = pages(7, 3);
    const items = await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 3 }));
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(requested).toEqual([1, 2, 3]);
  });

  it("stops on an empty page when the last full page ended the list", async () => {
    const { fetchPage, requested } = pages(6, 3);
    expect(await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 3 }))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(requested).toEqual([1, 2, 3]);
  });

  it("stops once the reported total is reached, without asking for an empty page", async () => {
    const { fetchPage, requested } = pages(6, 3);
    const items = await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 3, total: (page) => page.total }));
    expect(items).toHaveLength(6);
    expect(requested).toEqual([1, 2]);
  });

  it.each([
    ["no total", undefined],
    ["a total it never reaches", (page: { total: number }) => page.total],
  ])("a server that ignores the page number (%s) throws InvalidResponseError at the second repeat instead of repeating its first page for ever", async (_, total) => {
    const requested: number[] = [];
    const fetchPage = async (page: number) => {
      requested.push(page);
      // Ends after ten pages, so that a regression fails the test instead of hanging it.
      return { data: { page, items: requested.length > 10 ? [] : [{ id: 1 }, { id: 2 }], total: 100 }, response: new Response(null, { status: 200 }) };
    };
    const yielded: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const item of paginate({ fetchPage, items: (page) => page.items, perPage: 2, total })) yielded.push(item);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("Fetching page 3 failed: it repeats a page before: the server ignores the page asked for");
    expect(yielded).toEqual([{ id: 1 }, { id: 2 }]);
    expect(requested).toEqual([1, 2, 3]);
  });

  it("a server that maps the page asked for onto three it has throws InvalidResponseError when one comes back a second time, however the ids were sent", async () => {
    const requested: number[] = [];
    const pages = [[{ id: "a" }, { id: "b" }], [{ id: "c" }, { id: "d" }], [{ id: "e" }, { id: "f" }]];
    const fetchPage = async (page: number) => {
      requested.push(page);
      return { data: { page, items: requested.length > 10 ? [] : pages[(page - 1) % 3]! }, response: new Response(null, { status: 200 }) };
    };
    const error = await caught(collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("Fetching page 7 failed: it repeats a page before: the server ignores the page asked for");
    expect(requested).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("a list that grew by one item between two pages, so that the next page starts with an item seen before, goes on, yielding that item once", async () => {
    // Newest first: one item added at the front after page 1 was read moves every later item down by one.
    const fetchPage = async (page: number) => {
      const list = page === 1 ? ["i9", "i8", "i7", "i6", "i5"] : ["i10", "i9", "i8", "i7", "i6", "i5"];
      return { data: { page, items: list.slice((page - 1) * 2, page * 2).map((id) => ({ id })) }, response: new Response(null, { status: 200 }) };
    };
    const ids = (await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2 }))).map((item) => item.id);
    expect(ids).toEqual(["i9", "i8", "i7", "i6", "i5"]);
  });

  it("remembers the last SEEN_IDS ids it yielded, not every one: an id that comes back after that many others is yielded again", async () => {
    // "x", then SEEN_IDS other ids, then "o1" (among the last SEEN_IDS) and "x" (no longer) again.
    const list = ["x", ...Array.from({ length: SEEN_IDS }, (_, i) => `o${i}`), "o1", "x", "z"];
    const perPage = 1000;
    const fetchPage = async (page: number) => ({ data: list.slice((page - 1) * perPage, page * perPage).map((id) => ({ id })), response: new Response(null, { status: 200 }) });
    const ids = (await collect(paginate({ fetchPage, items: (page) => page, perPage }))).map((item) => item.id);
    expect(ids.filter((id) => id === "x")).toHaveLength(2);
    expect(ids.filter((id) => id === "o1")).toHaveLength(1);
    expect(ids).toHaveLength(SEEN_IDS + 3);
  });

  // JSON numbers past 2^53 lose their last digits when parsed: two ids a 64-bit database tells apart come as one number.
  it("yields each of two items whose numeric ids are past 2^53 and so parse to one number, not the second taken for the first again", async () => {
    const body = '[{"id":9007199254740993,"name":"a"},{"id":9007199254740992,"name":"b"}]';
    const fetchPage = async () => ({ data: JSON.parse(body) as { id: unknown; name?: string }[], response: new Response(null, { status: 200 }) });
    const items = await collect(paginate({ fetchPage, items: (page) => page, perPage: 50 }));
    expect(items.map((item) => item.name ?? item.id)).toEqual(["a", "b"]);
  });

  it.each([
    // The list as each request finds it: after page 2 was read, items added at the front bring back pages 1 and 2.
    ["one item a page, two added at the front", 1, [["i9", "i8", "i7", "i6"], ["i9", "i8", "i7", "i6"], ["i11", "i10", "i9", "i8", "i7", "i6"]], ["i9", "i8", "i7", "i6"]],
    ["two items a page, four added at the front", 2, [["i9", "i8", "i7", "i6"], ["i9", "i8", "i7", "i6"], ["i13", "i12", "i11", "i10", "i9", "i8", "i7", "i6", "i5"]], ["i9", "i8", "i7", "i6", "i5"]],
  ] as const)("a newest-first list that grew by two pages or more between two requests (%s) is read to its end, each item once although its earlier pages come again", async (_, perPage, lists, expected) => {
    const requested: number[] = [];
    const fetchPage = async (page: number) => {
      requested.push(page);
      const list = lists[Math.min(page, 3) - 1]!;
      return { data: { page, items: list.slice((page - 1) * perPage, page * perPage).map((id) => ({ id })) }, response: new Response(null, { status: 200 }) };
    };
    const ids = (await collect(paginate({ fetchPage, items: (page) => page.items, perPage }))).map((item) => item.id);
    expect(ids).toEqual(expected);
  });

  it("a newest-first list that grew by one page and then by two is read to its end: the page skipped as a repeat of the one before counts once", async () => {
    // Two items a page: after page 2 two items come (page 3 repeats page 2, and is skipped), after page 3 four more.
    const lists = [["i9", "i8", "i7", "i6", "i5", "i4"], ["i11", "i10", "i9", "i8", "i7", "i6", "i5", "i4"], ["i15", "i14", "i13", "i12", "i11", "i10", "i9", "i8", "i7", "i6", "i5", "i4"]];
    const fetchPage = async (page: number) => {
      const list = lists[Math.max(0, Math.min(page, 4) - 2)]!;
      return { data: { page, items: list.slice((page - 1) * 2, page * 2).map((id) => ({ id })) }, response: new Response(null, { status: 200 }) };
    };
    const ids = (await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2 }))).map((item) => item.id);
    expect(ids).toEqual(["i9", "i8", "i7", "i6", "i5", "i4"]);
  });

  it("a list whose items move while it is read (ordered by a status that changes), so that a later page starts with the item an earlier one started with, is read to its end, the moved item yielded once", async () => {
    // Item a's status changed after page 1 was read: it moved to the third page, and starts it.
    const pages = [["a", "b", "c"], ["d", "e", "f"], ["a", "g", "h"], ["i"]];
    const fetchPage = async (page: number) => ({ data: { page, items: pages[page - 1]!.map((id) => ({ id })) }, response: new Response(null, { status: 200 }) });
    const ids = (await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 3 }))).map((item) => item.id);
    expect(ids).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
  });

  it("items whose ids are neither strings nor numbers (Symbols a fetchPage of one's own makes) are compared whole, never read as text", async () => {
    const fetchPage = async (page: number) => ({ data: { page, items: page < 3 ? [{ id: Symbol(), n: page }, { id: Symbol(), n: page }] : [] }, response: new Response(null, { status: 200 }) });
    expect((await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2 }))).map((item) => item.n)).toEqual([1, 1, 2, 2]);
  });

  it("a list of values without ids may repeat from one page to the next: the pages as they came differ, so it goes on", async () => {
    const fetchPage = async (page: number) => ({ data: { page, scores: page < 3 ? [10, 10] : [10] }, response: new Response(null, { status: 200 }) });
    expect(await collect(paginate({ fetchPage, items: (page) => page.scores, perPage: 2 }))).toEqual([10, 10, 10, 10, 10]);
  });

  it("with a total that overstates the list, stops at the empty page after its short last page", async () => {
    const requested: number[] = [];
    const fetchPage = async (page: number) => {
      requested.push(page);
      return { data: { items: page === 1 ? [1, 2] : [], total: 50 }, response: new Response(null, { status: 200 }) };
    };
    expect(await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 5, total: (page) => page.total }))).toEqual([1, 2]);
    expect(requested).toEqual([1, 2]);
  });

  it.each(NOT_TOTALS)("a total that is %s is no total: a short page ends the list, a full one does not", async (_, bad) => {
    const requested: number[] = [];
    const fetchPage = async (page: number) => {
      requested.push(page);
      return { data: { items: page < 3 ? [page * 10, page * 10 + 1] : [30], total: bad as number }, response: new Response(null, { status: 200 }) };
    };
    expect(await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2, total: (page) => page.total }))).toEqual([10, 11, 20, 21, 30]);
    expect(requested).toEqual([1, 2, 3]);
  });

  // A total that a full page passes is wrong (a stale count, or one of another filter): the list goes on while its pages
  // are full, so that no item past the count is dropped without a word.
  it("with a total that the pages contradict (more items than it says), reads on while pages are full, to the short one", async () => {
    const requested: number[] = [];
    const fetchPage = async (page: number) => {
      requested.push(page);
      return { data: { items: [3 * page - 2, 3 * page - 1, 3 * page].filter((id) => id <= 7), total: 5 }, response: new Response(null, { status: 200 }) };
    };
    expect(await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 3, total: (page) => page.total }))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(requested).toEqual([1, 2, 3]);
    // A total of 0 on a full page is no end either; one met exactly on a full page is.
    const asked: number[] = [];
    const counted = (total: number) => async (page: number) => (asked.push(page), { data: { items: page == 1 ? [1, 2] : [3], total }, response: new Response(null, { status: 200 }) });
    expect(await collect(paginate({ fetchPage: counted(0), items: (page) => page.items, perPage: 2, total: (page) => page.total }))).toEqual([1, 2, 3]);
    asked.length = 0;
    expect(await collect(paginate({ fetchPage: counted(2), items: (page) => page.items, perPage: 2, total: (page) => page.total }))).toEqual([1, 2]);
    expect(asked).toEqual([1]);
  });

  // Past a stale total only new items carry the reading on: a server that serves seen items under it (or answers the last
  // page again for every page after it) is not read for ever, nor refused once the list was read whole.
  it("past a total the pages contradicted, stops at a full page that brings nothing new, whether it repeats the page before or not", async () => {
    for (const served of [[[1, 2], [3, 4], [1, 2]], [[1, 2], [3, 4], [3, 4]]]) {
      const requested: number[] = [];
      const fetchPage = async (page: number) => (requested.push(page), { data: { items: served[Math.min(page, 3) - 1]!.map((id) => ({ id })), total: 3 }, response: new Response(null, { status: 200 }) });
      const items = await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2, total: (page) => page.total }));
      expect(items.map((item) => item.id)).toEqual([1, 2, 3, 4]);
      expect(requested).toEqual([1, 2, 3]);
    }
  });

  it("at maxPage past a total the pages contradicted, says more items may remain, not a negative count", async () => {
    const fetchPage = async (page: number) => ({ data: { items: [2 * page - 1, 2 * page].map((id) => ({ id })), total: 3 }, response: new Response(null, { status: 200 }) });
    const error = await caught(collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2, maxPage: 3, total: (page) => page.total })));
    expect(error).toBeInstanceOf(PaginationLimitError);
    expect((error as Error).message).toContain("per query and more items may remain. All 6 reachable items were yielded");
  });

  it("a page with a null among its items throws an InvalidResponseError naming the page and the item, yielding none of that page", async () => {
    const fetchPage = async (page: number) => ({ data: page == 1 ? [{ id: 1 }, { id: 2 }] : [{ id: 3 }, null, { id: 5 }], response: new Response(null, { status: 200 }) });
    const yielded: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const item of paginate({ fetchPage, items: (page: ({ id: number } | null)[]) => page, perPage: 2 })) yielded.push(item);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ message: "Fetching page 2 failed: its item 1 is null", status: 200 });
    expect(yielded).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("a 200 page whose body is no list (a vendor's { message }) throws an InvalidResponseError that keeps the body", async () => {
    const fetchPage = async () => ({ data: { message: "Invalid filter: created" } as { items?: number[] }, response: new Response(null, { status: 200 }) });
    const error = await caught(collect(paginate({ fetchPage, items: (page: { items?: number[] }) => page.items!, perPage: 2 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ message: "Fetching page 1 failed: got nothing, not a list", status: 200, body: { message: "Invalid filter: created" } });
  });

  it("a server that serves fewer items per page than asked for loses none while the total says more remain", async () => {
    // Asked for 50 a page, it serves 20: every page is short, and only the total tells that the list goes on.
    const requested: number[] = [];
    const fetchPage = async (page: number) => {
      requested.push(page);
      const items = Array.from({ length: Math.max(0, Math.min(20, 60 - (page - 1) * 20)) }, (_, i) => ({ id: (page - 1) * 20 + i }));
      return { data: { items, total: 60 }, response: new Response(null, { status: 200 }) };
    };
    const items = await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 50, total: (page) => page.total }));
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(requested).toEqual([1, 2, 3]);
  });

  it("fetches lazily: the next page only when the consumer needs it", async () => {
    const { fetchPage, requested } = pages(10, 2);
    const iterator = paginate({ fetchPage, items: (page) => page.items, perPage: 2 });
    expect(requested).toEqual([]);
    await iterator.next();
    expect(requested).toEqual([1]);
    await iterator.next();
    expect(requested).toEqual([1]);
    await iterator.next();
    expect(requested).toEqual([1, 2]);
    await iterator.return?.(undefined);
    expect(requested).toEqual([1, 2]);
  });

  it("starts at firstPage", async () => {
    const requested: number[] = [];
    const items = await collect(
      paginate({
        fetchPage: async (page) => {
          requested.push(page);
          return { data: page === 0 ? ["a", "b"] : ["c"], response: new Response() };
        },
        items: (page) => page,
        perPage: 2,
        firstPage: 0,
      }),
    );
    expect(items).toEqual(["a", "b", "c"]);
    expect(requested).toEqual([0, 1]);
  });

  it("reaching maxPage on a full page throws PaginationLimitError after yielding everything it got", async () => {
    const { fetchPage, requested } = pages(100, 5);
    const seen: number[] = [];
    const error = await caught(
      (async () => {
        for await (const item of paginate({ fetchPage, items: (page) => page.items, perPage: 5, maxPage: 3 })) seen.push(item);
      })(),
    );
    expect(seen).toEqual(Array.from({ length: 15 }, (_, index) => index + 1));
    expect(requested).toEqual([1, 2, 3]);
    expect(error).toBeInstanceOf(PaginationLimitError);
    expect(error).toBeInstanceOf(ApiError);
    const limit = error as PaginationLimitError;
    expect(limit.maxPage).toBe(3);
    expect(limit.itemsYielded).toBe(15);
    expect(limit.message).toContain("at most 3 pages of 5 per query");
    expect(limit.message).toContain("narrow the query");
  });

  it("says how many items remain past maxPage when the vendor reports a total", async () => {
    const { fetchPage } = pages(20, 5);
    const error = await caught(collect(paginate({ fetchPage, items: (page) => page.items, perPage: 5, maxPage: 2, total: (page) => page.total })));
    expect((error as Error).message).toContain("10 of 20 items remain");
  });

  it("reaching maxPage on a short page, or with the total reached, ends normally", async () => {
    const short = pages(14, 5);
    expect(await collect(paginate({ fetchPage: short.fetchPage, items: (page) => page.items, perPage: 5, maxPage: 3 }))).toHaveLength(14);
    const exact = pages(15, 5);
    const all = paginate({ fetchPage: exact.fetchPage, items: (page) => page.items, perPage: 5, maxPage: 3, total: (page) => page.total });
    expect(await collect(all)).toHaveLength(15);
  });

  // The total counts the list's places: an item that came again on the next page took the place of the one added at the
  // front, which no page of this reading holds. The list was read to its end, as it was without maxPage.
  it("a newest-first list with a total that gained an item after page 1 ends at its last page, maxPage or not, its moved item yielded once, not a PaginationLimitError", async () => {
    const list = ["i5", "i4", "i3", "i2", "i1"];
    const fetchPage = async (page: number) => {
      const items = list.slice((page - 1) * 2, page * 2).map((id) => ({ id }));
      const answer = { data: { items, total: list.length }, response: new Response(null, { status: 200 }) };
      if (page === 1) list.unshift("i6");
      return answer;
    };
    const ids = (await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2, maxPage: 3, total: (page) => page.total }))).map((item) => item.id);
    expect(ids).toEqual(["i5", "i4", "i3", "i2", "i1"]);
  });

  // The page served again is skipped as a repeat, but its places are the list's: left uncounted, the reading fell a page
  // short of the total, asked for an empty page more, and at maxPage threw though every item had been read.
  it("a newest-first list with a total that gained a whole page after page 1 ends at its last page, maxPage or not, not a PaginationLimitError", async () => {
    for (const maxPage of [4, undefined]) {
      const list = ["i5", "i4", "i3", "i2", "i1"];
      const asked: number[] = [];
      const fetchPage = async (page: number) => {
        asked.push(page);
        const items = list.slice((page - 1) * 2, page * 2).map((id) => ({ id }));
        const answer = { data: { items, total: list.length }, response: new Response(null, { status: 200 }) };
        if (page === 1) list.unshift("i7", "i6");
        return answer;
      };
      const ids = (await collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2, maxPage, total: (page) => page.total }))).map((item) => item.id);
      expect(ids).toEqual(["i5", "i4", "i3", "i2", "i1"]);
      expect(asked).toEqual([1, 2, 3, 4]);
    }
  });

  // The same total on the page served again: the server ignores the page asked for, and the list is not ended as read.
  it("a page served again under the same total is not counted as read: a server that ignores the page is still refused", async () => {
    const fetchPage = async () => ({ data: { items: [{ id: "a" }, { id: "b" }], total: 4 }, response: new Response(null, { status: 200 }) });
    await expect(collect(paginate({ fetchPage, items: (page) => page.items, perPage: 2, total: (page) => page.total }))).rejects.toThrow(/repeats a page before/);
  });

  // Both paginators, by page number and by offset: the second page fails after the first one's items were yielded.
  const failing = { error: { message: "Please complete the onboarding flow first." }, response: new Response(null, { status: 403, statusText: "Forbidden" }) };
  it.each([
    ["paginate", "page 2", () => paginate({ fetchPage: async (page) => (page === 1 ? { data: [1, 2], response: new Response(null, { status: 200 }) } : failing), items: (page: number[]) => page, perPage: 2 })],
    ["paginateOffset", "offset 2", () => paginateOffset({ fetchPage: async (offset) => (offset === 0 ? { data: [1, 2], response: new Response(null, { status: 200 }) } : failing), items: (page: number[]) => page, limit: 2 })],
  ] as const)("%s: an error page throws ApiError with the status and the vendor's body, after the earlier items", async (_, where, iterate) => {
    const seen: number[] = [];
    const error = await caught(
      (async () => {
        for await (const item of iterate()) seen.push(item);
      })(),
    );
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(PaginationLimitError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).body).toEqual({ message: "Please complete the onboarding flow first." });
    expect((error as Error).message).toContain(`Fetching ${where} failed`);
    expect((error as Error).message).toContain("403 Forbidden: Please complete the onboarding flow first.");
  });

  // A page refused with 429 and a Retry-After too long for the client to wait out: the caller learns how long to wait.
  it("a page refused with 429 throws a RateLimitError carrying the wait its Retry-After asks for", async () => {
    const limited = { error: { message: "Slow down" }, response: new Response(null, { status: 429, headers: { "Retry-After": "3600" } }) };
    const iterate = paginate({ fetchPage: async (page) => (page === 1 ? { data: [1, 2], response: new Response(null, { status: 200 }) } : limited), items: (page: number[]) => page, perPage: 2 });
    const error = await caught(collect(iterate));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(String((error as Error).stack)).toMatch(/^RateLimitError: Fetching page 2 failed: /);
    expect((error as Error).message).toMatch(/^Fetching page 2 failed: .*429: Slow down\. Rate limited: slow down and retry later\.$/);
  });

  // A 200 whose page is not a list: a JSON string would otherwise be yielded character by character as items, and an
  // object or null would fail with "pageItems is not iterable", which names neither the page nor the vendor's fault.
  const notLists: [string, unknown][] = [["a string", "Service unavailable"], ["an object", { error: "busy" }], ["null", null], ["a number", 42]];
  it.each(notLists.flatMap(([what, body]) => [
    ["paginate", what, "page 2", () => paginate({ fetchPage: async (page) => ({ data: page === 1 ? [1, 2] : body, response: new Response(null, { status: 200 }) }), items: (page: unknown) => page as number[], perPage: 2 })],
    ["paginateOffset", what, "offset 2", () => paginateOffset({ fetchPage: async (offset) => ({ data: offset === 0 ? [1, 2] : body, response: new Response(null, { status: 200 }) }), items: (page: unknown) => page as number[], limit: 2 })],
  ] as const))("%s: a 200 page that is %s, not a list, throws InvalidResponseError naming the page, after the earlier items", async (_, what, where, iterate) => {
    const seen: unknown[] = [];
    const error = await caught(
      (async () => {
        // Bounded, since a string longer than the page size would otherwise be paged through forever.
        for await (const item of iterate()) if (seen.push(item) > 10) break;
      })(),
    );
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as ApiError).status).toBe(200);
    expect((error as Error).message).toBe(`Fetching ${where} failed: got ${what}, not a list`);
  });

  // An empty 200 where a page of items belongs: read as no items, the list ended early and the rest was lost silently.
  it.each([
    ["paginate", "page 2", () => paginate({ fetchPage: async (page) => (page === 1 ? { data: [1, 2], response: new Response(null, { status: 200 }) } : { response: new Response(null, { status: 200 }) }), items: (page: number[]) => page, perPage: 2 })],
    ["paginateOffset", "offset 2", () => paginateOffset({ fetchPage: async (offset) => (offset === 0 ? { data: [1, 2], response: new Response(null, { status: 200 }) } : { response: new Response(null, { status: 200 }) }), items: (page: number[]) => page, limit: 2 })],
  ] as const)("%s: a 200 page without a body throws InvalidResponseError naming the page, after the earlier items", async (_, where, iterate) => {
    const seen: number[] = [];
    const error = await caught(
      (async () => {
        for await (const item of iterate()) seen.push(item);
      })(),
    );
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(`Fetching ${where} failed: got nothing, not a list`);
  });

  it("a 204 page has no items: the list ends there", async () => {
    const fetchPage = async (page: number) => (page === 1 ? { data: [1, 2], response: new Response(null, { status: 200 }) } : { response: new Response(null, { status: 204 }) });
    expect(await collect(paginate({ fetchPage, items: (page: number[]) => page, perPage: 2 }))).toEqual([1, 2]);
  });

  it("an error status with an empty body still throws", async () => {
    const error = await caught(collect(paginate({ fetchPage: async () => ({ error: undefined, response: new Response(null, { status: 500 }) }), items: () => [], perPage: 1 })));
    expect((error as ApiError).status).toBe(500);
  });

  // Both paginators over one openapi-fetch client: the fixture's /items takes page/per_page, which stand in for
  // offset/limit for paginateOffset. Five items, two per page.
  const FIVE = Array.from({ length: 5 }, (_, index) => ({ id: index + 1, name: "x" }));
  it.each([
    ["paginate", (page: number, size: number) => FIVE.slice((page - 1) * size, page * size), ["?page=1&per_page=2", "?page=2&per_page=2", "?page=3&per_page=2"], (client: ItemsClient) =>
      paginate<Item[], Item>({ fetchPage: (page) => client.GET("/items", { params: { query: { page, per_page: 2 } } }), items: (page) => page, perPage: 2 })],
    ["paginateOffset", (offset: number, size: number) => FIVE.slice(offset, offset + size), ["?page=0&per_page=2", "?page=2&per_page=2", "?page=4&per_page=2"], (client: ItemsClient) =>
      paginateOffset<Item[], Item>({ fetchPage: (offset, limit) => client.GET("/items", { params: { query: { page: offset, per_page: limit } } }), items: (page) => page, limit: 2 })],
  ] as const)("%s works over an openapi-fetch client end to end", async (_, serve, searches, iterate) => {
    const fake = fakeFetch((__, call) => json(serve(Number(call.url.searchParams.get("page")), Number(call.url.searchParams.get("per_page")))));
    const items = await collect(iterate(createApiClient<paths>({ baseUrl: BASE_URL, operations, auth: { type: "none" }, fetch: fake.fetch })));
    expect(items.map((item) => item.id)).toEqual([1, 2, 3, 4, 5]);
    expect(fake.calls.map((call) => call.url.search)).toEqual(searches);
  });

  it("checks its options when called, not at the first item", () => {
    const fetchPage = async () => ({ data: [], response: new Response() });
    expect(() => paginate({ fetchPage, items: () => [], perPage: 0 })).toThrow(InputError);
    expect(() => paginate({ fetchPage, items: () => [], perPage: 10, firstPage: 2, maxPage: 1 })).toThrow(/maxPage must be an integer >= firstPage/);
  });

  it("describes a number given as text (never quoting it), so that \"got 10\" does not read as the number it asks for", () => {
    // As an environment variable or a query string gives it; String() wrote "got 10", and an array's elements.
    const fetchPage = async () => ({ data: [], response: new Response() });
    expect(() => paginate({ fetchPage, items: () => [], perPage: "10" as never })).toThrow(/^perPage must be a positive integer, got a string$/);
    expect(() => paginate({ fetchPage, items: () => [], perPage: 10, firstPage: "1" as never })).toThrow(/^firstPage must be an integer, got a string$/);
    expect(() => paginate({ fetchPage, items: () => [], perPage: 10, maxPage: "9" as never })).toThrow(/^maxPage must be an integer >= firstPage \(1\), got a string$/);
    expect(() => paginate({ fetchPage, items: () => [], perPage: [10] as never })).toThrow(/^perPage must be a positive integer, got an array$/);
    expect(() => paginate({ fetchPage, items: () => [], perPage: 2.5 })).toThrow(/^perPage must be a positive integer, got 2\.5$/);
    // Past 2^53 a page number is no longer exact: the next page's would be the same number.
    expect(() => paginate({ fetchPage, items: () => [], perPage: 10, firstPage: 2 ** 53 })).toThrow(/^firstPage must be an integer, got 9007199254740992$/);
    expect(() => paginate({ fetchPage, items: () => [], perPage: 1e21 })).toThrow(/^perPage must be a positive integer, got 1e\+21$/);
    expect(() => paginate({ fetchPage, items: () => [], perPage: 10, maxPage: 2 ** 60 })).toThrow(/^maxPage must be an integer >= firstPage \(1\)/);
  });
});

describe("iteratePages", () => {
  it("pages as paginate does, from firstPage or else 1, and asks for nothing until it is read", async () => {
    const { fetchPage, requested } = pages(7, 3);
    const items = iteratePages({ fetchPage, items: (page) => page.items, perPage: 3 });
    expect(requested).toEqual([]);
    expect(await collect(items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await collect(iteratePages({ fetchPage, items: (page) => page.items, perPage: 3, firstPage: 3 }))).toEqual([7]);
    expect(requested).toEqual([1, 2, 3, 3]);
  });
});
