import { collect } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { ApiError, InputError, InvalidResponseError, iterateOffset, paginateOffset } from "../src/index.js";
import { caught, NOT_TOTALS } from "./helpers.js";

/** A list of `count` items (ids 1..count) served from any offset, at most `cap` per page; records what was asked. */
function list(count: number, cap = Infinity) {
  const requested: [offset: number, limit: number][] = [];
  const fetchPage = async (offset: number, limit: number) => {
    requested.push([offset, limit]);
    const size = Math.max(0, Math.min(limit, cap, count - offset));
    return { data: { items: Array.from({ length: size }, (_, index) => offset + index + 1), total: count }, response: new Response(null, { status: 200 }) };
  };
  return { fetchPage, requested };
}


describe("paginateOffset", () => {
  it("yields every item page by page and stops on a short page", async () => {
    const { fetchPage, requested } = list(7);
    expect(await collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 3 }))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(requested).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
    ]);
  });

  it("stops on an empty page when the last full page ended the list", async () => {
    const { fetchPage, requested } = list(6);
    expect(await collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 3 }))).toHaveLength(6);
    expect(requested.map(([offset]) => offset)).toEqual([0, 3, 6]);
  });

  it("stops once the offset reaches the reported total, without asking for an empty page", async () => {
    const { fetchPage, requested } = list(6);
    expect(await collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 3, total: (page) => page.total }))).toHaveLength(6);
    expect(requested.map(([offset]) => offset)).toEqual([0, 3]);
  });

  it("starts at startOffset and counts the total from the start of the list", async () => {
    const { fetchPage, requested } = list(10);
    const items = await collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 4, startOffset: 5, total: (page) => page.total }));
    expect(items).toEqual([6, 7, 8, 9, 10]);
    expect(requested.map(([offset]) => offset)).toEqual([5, 9]);
  });

  it("with a total, a vendor that caps the page below limit loses nothing: the next offset follows the items received", async () => {
    const { fetchPage, requested } = list(10, 4);
    const items = await collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 5, total: (page) => page.total }));
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(requested.map(([offset]) => offset)).toEqual([0, 4, 8]);
  });

  it.each([
    // The first page's items, each once; the repeats are not yielded, and nothing more is asked for.
    ["ignores the offset, answering the same full page again, throws InvalidResponseError at the second repeat", () => [{ id: 1 }, { id: 2 }], [{ id: 1 }, { id: 2 }]],
    // Once round is what a list that grew by two pages between two requests looks like (read on, but no item yielded
    // twice); twice is no list.
    ["goes round two pages throws InvalidResponseError when the first comes back a second time", (call: number) => (call % 2 ? [{ id: 1 }, { id: 2 }] : [{ id: 3 }, { id: 4 }]), [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]],
  ])("a server that %s, instead of yielding for ever", async (_, served: (call: number) => { id: number }[], expected) => {
    const requested: number[] = [];
    const fetchPage = async (offset: number) => {
      requested.push(offset);
      // Ends after ten pages, so that a regression fails the test instead of hanging it.
      return { data: { items: requested.length > 10 ? [] : served(requested.length) }, response: new Response(null, { status: 200 }) };
    };
    const yielded: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const item of paginateOffset({ fetchPage, items: (page) => page.items, limit: 2 })) yielded.push(item);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    const last = expected.length === 2 ? 4 : 8;
    expect((error as Error).message).toBe(`Fetching offset ${last} failed: it repeats a page before: the server ignores the page asked for`);
    expect(yielded).toEqual(expected);
    expect(requested).toEqual(Array.from({ length: last / 2 + 1 }, (_, i) => i * 2));
  });

  it("tells apart pages whose first and last ids only join to the same text (\"a b\" and \"c\", \"a\" and \"b c\"): no list going round", async () => {
    const served = [["a b", "c"], ["d", "e"], ["a", "b c"], []];
    const fetchPage = async (offset: number) => ({ data: { items: (served[offset / 2] ?? []).map((id) => ({ id })) }, response: new Response(null, { status: 200 }) });
    const items = await collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 2 }));
    expect(items.map((item) => item.id)).toEqual(["a b", "c", "d", "e", "a", "b c"]);
  });

  it("a server that ignores the offset but echoes it in the page is stopped too: the items' ids are compared, not the page", async () => {
    const requested: number[] = [];
    const fetchPage = async (offset: number, limit: number) => {
      requested.push(offset);
      return { data: { offset, limit, items: requested.length > 10 ? [] : [{ id: 1 }, { id: 2 }] }, response: new Response(null, { status: 200 }) };
    };
    const error = await caught(collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 2 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("Fetching offset 4 failed: it repeats a page before: the server ignores the page asked for");
    expect(requested).toEqual([0, 2, 4]);
  });

  it("items with an id are compared by their ids: a field that changes between requests does not hide a repeat", async () => {
    let requests = 0;
    const fetchPage = async () => {
      requests++;
      const items = requests > 10 ? [] : [1, 2].map((id) => ({ id, status: `Completed ${requests} minutes ago` }));
      return { data: items, response: new Response(null, { status: 200 }) };
    };
    const error = await caught(collect(paginateOffset({ fetchPage, items: (page) => page, limit: 2 })));
    expect((error as Error).message).toBe("Fetching offset 4 failed: it repeats a page before: the server ignores the page asked for");
    expect(requests).toBe(3);
  });

  it("skips a page that repeats the one before once: a list, newest first, that grew by exactly one page in between", async () => {
    // Two new items arrive between the first and second request, pushing the first page's items to the second.
    const lists = [[{ id: 6 }, { id: 5 }, { id: 4 }, { id: 3 }, { id: 2 }, { id: 1 }], [{ id: 8 }, { id: 7 }, { id: 6 }, { id: 5 }, { id: 4 }, { id: 3 }, { id: 2 }, { id: 1 }]];
    let requests = 0;
    const fetchPage = async (offset: number, limit: number) => ({ data: lists[Math.min(requests++, 1)]!.slice(offset, offset + limit), response: new Response(null, { status: 200 }) });
    const items = await collect(paginateOffset({ fetchPage, items: (page) => page, limit: 2 }));
    expect(items.map((item) => item.id)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it("a list, newest first, that gained an item between two pages yields the item that moved onto the next page once", async () => {
    // One item added at the front after each request moves every later item down by one: each page starts with the
    // item the page before ended with.
    let newest = 9;
    const fetchPage = async (offset: number, limit: number) => {
      const page = Array.from({ length: newest }, (_, at) => ({ id: newest - at })).slice(offset, offset + limit);
      newest++;
      return { data: page, response: new Response(null, { status: 200 }) };
    };
    const ids = (await collect(paginateOffset({ fetchPage, items: (page) => page, limit: 3 }))).map((item) => item.id);
    expect(ids).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it("with idOf, items without ids (users keyed by e-mail) that moved onto the next page are yielded once too", async () => {
    const emails = ["c@example.com", "b@example.com", "a@example.com"];
    let requests = 0;
    const fetchPage = async (offset: number, limit: number) => {
      const list = requests++ === 0 ? emails : ["d@example.com", ...emails];
      return { data: list.slice(offset, offset + limit).map((email) => ({ email })), response: new Response(null, { status: 200 }) };
    };
    const items = await collect(paginateOffset({ fetchPage, items: (page) => page, limit: 2, idOf: (item) => (item as { email: string }).email }));
    expect(items.map((item) => item.email)).toEqual(["c@example.com", "b@example.com", "a@example.com"]);
  });

  it.each([
    ["null ids", (n: number) => ({ id: null, n })],
    ["ids that are objects", (n: number) => ({ id: { org: 1 }, n })],
    ["no ids", (n: number) => ({ n })],
  ])("items with %s are compared whole: pages that differ are no repeat", async (_, item) => {
    const fetchPage = async (offset: number) => ({ data: offset < 4 ? [item(offset), item(offset + 1)] : [], response: new Response(null, { status: 200 }) });
    const items = await collect(paginateOffset({ fetchPage, items: (page) => page, limit: 2 }));
    expect(items.map((entry) => entry.n)).toEqual([0, 1, 2, 3]);
  });

  it("items without ids (users keyed by e-mail) that repeat are yielded once more, then a second repeat throws", async () => {
    let requests = 0;
    const fetchPage = async () => ({ data: requests++ > 10 ? [] : [{ email: "a@example.com" }, { email: "b@example.com" }], response: new Response(null, { status: 200 }) });
    const yielded: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const item of paginateOffset({ fetchPage, items: (page) => page, limit: 2 })) yielded.push(item);
      })(),
    );
    expect((error as Error).message).toBe("Fetching offset 4 failed: it repeats a page before: the server ignores the page asked for");
    expect(yielded).toHaveLength(4);
    expect(requests).toBe(3);
  });

  it("with idOf, items without ids (users keyed by e-mail) whose pages go round throw, instead of yielding for ever", async () => {
    let requests = 0;
    // Offsets 0, 4, 8, ... get one page, the others another; ends after 20 requests so a regression fails, not hangs.
    const fetchPage = async (offset: number) => {
      const round = (offset / 2) % 2;
      return { data: requests++ > 20 ? [] : [{ email: `a${round}@example.com` }, { email: `b${round}@example.com` }], response: new Response(null, { status: 200 }) };
    };
    const yielded: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const item of paginateOffset({ fetchPage, items: (page) => page, limit: 2, idOf: (item) => (item as { email: string }).email })) yielded.push(item);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(yielded.length).toBeLessThanOrEqual(8);
  });

  // Found by a review: full pages whose every item came before, each starting and ending on other ids (so no page repeats
  // the one before and none goes round) were fetched for ever, and as nothing was yielded, the caller's loop never ran
  // to stop it (14 831 pages in 10 s).
  it("a server that serves only items it served before, on pages of other ends each time, is stopped past SEEN_IDS of them and a page", async () => {
    let requests = 0;
    // 1 500 items at offsets below 1 500; past them, windows of those items that start 13 further on each time. Empty
    // after 400 requests, so that a regression fails instead of hanging.
    const fetchPage = async (offset: number, limit: number) => {
      const start = offset < 1500 ? offset : ((offset / limit) * 13) % 1400;
      const items = requests++ > 400 ? [] : Array.from({ length: limit }, (_, index) => ({ id: start + index + 1 }));
      return { data: items, response: new Response(null, { status: 200 }) };
    };
    const yielded: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const item of paginateOffset({ fetchPage, items: (page) => page, limit: 100 })) yielded.push(item);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("Fetching offset 11600 failed: nothing new since offset 1400: the server ignores the page asked for");
    expect(yielded).toHaveLength(1500);
    // The first 15 pages (the last new item at offset 1 400), then every page up to 10 000 items and a page past it.
    expect(requests).toBe(117);
  });

  // Found by a review of the bound: with pages longer than SEEN_IDS, one page that repeats the one before (a list,
  // newest first, that grew by exactly one page) was past the bound at once, and a list of 60 000 stopped after two pages.
  it("pages longer than SEEN_IDS: a page that repeats the one before is skipped, and the list read to its end", async () => {
    let requests = 0;
    // 60 000 items, newest first; the list grows by one page (20 000 items) after the first request.
    const fetchPage = async (offset: number, limit: number) => {
      const grown = requests++ > 0 ? 20_000 : 0;
      const ids = Array.from({ length: 60_000 + grown }, (_, index) => ({ id: 60_000 + grown - index }));
      return { data: ids.slice(offset, offset + limit), response: new Response(null, { status: 200 }) };
    };
    const yielded = await collect(paginateOffset({ fetchPage, items: (page) => page, limit: 20_000 }));
    expect(yielded).toHaveLength(60_000);
    expect(new Set(yielded.map((item) => item.id)).size).toBe(60_000);
  });

  it("items whose id is null are compared whole, so two pages of them are no repeat", async () => {
    const fetchPage = async (offset: number) => ({ data: offset < 4 ? [{ id: null, n: offset }, { id: null, n: offset + 1 }] : [], response: new Response(null, { status: 200 }) });
    const items = await collect(paginateOffset({ fetchPage, items: (page) => page, limit: 2 }));
    expect(items.map((item) => item.n)).toEqual([0, 1, 2, 3]);
  });

  it("compares pages as they came, so items mapped to what repeats (no id) do not stop the list", async () => {
    const { fetchPage } = list(5);
    const items = await collect(paginateOffset({ fetchPage, items: (page) => page.items.map(() => "same"), limit: 2 }));
    expect(items).toEqual(["same", "same", "same", "same", "same"]);
  });

  it("pages on when a page cannot be compared as JSON (a fetchPage of one's own that makes BigInts)", async () => {
    const { fetchPage } = list(5);
    const bigints = async (offset: number, limit: number) => {
      const page = await fetchPage(offset, limit);
      return { ...page, data: { ...page.data, items: page.data.items.map(BigInt) } };
    };
    const items = await collect(paginateOffset({ fetchPage: bigints, items: (page) => page.items, limit: 2 }));
    expect(items).toEqual([1n, 2n, 3n, 4n, 5n]);
  });

  // As paginate reads one: a total that a full page passes is a stale count, which ends nothing.
  it("with a total that the pages contradict (more items than it says), reads on while pages are full, to the short one", async () => {
    const offsets: number[] = [];
    const fetchPage = async (offset: number) => {
      offsets.push(offset);
      return { data: { items: [offset + 1, offset + 2, offset + 3].filter((id) => id <= 7), total: 5 }, response: new Response() };
    };
    expect(await collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 3, total: (page) => page.total }))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(offsets).toEqual([0, 3, 6]);
  });

  it("with a total that overstates the list, stops on the first empty page", async () => {
    const fetchPage = async (offset: number) => ({ data: { items: offset === 0 ? [1, 2] : [], total: 50 }, response: new Response() });
    expect(await collect(paginateOffset({ fetchPage, items: (page) => page.items, limit: 2, total: (page) => page.total }))).toEqual([1, 2]);
  });

  it("fetches lazily: the next page only when the consumer needs it", async () => {
    const { fetchPage, requested } = list(10);
    const iterator = paginateOffset({ fetchPage, items: (page) => page.items, limit: 2 });
    expect(requested).toEqual([]);
    await iterator.next();
    await iterator.next();
    expect(requested.map(([offset]) => offset)).toEqual([0]);
    await iterator.next();
    expect(requested.map(([offset]) => offset)).toEqual([0, 2]);
    await iterator.return?.(undefined);
    expect(requested).toHaveLength(2);
  });

  // An error page, and the paginator over an openapi-fetch client: tested with paginate's, in paginate.test.ts.

  it("an error status with an empty body still throws", async () => {
    const error = await caught(
      collect(paginateOffset({ fetchPage: async () => ({ error: undefined, response: new Response(null, { status: 503 }) }), items: () => [], limit: 1 })),
    );
    expect((error as ApiError).status).toBe(503);
  });

  it("checks its options when called, not at the first item", () => {
    const fetchPage = async () => ({ data: [], response: new Response() });
    expect(() => paginateOffset({ fetchPage, items: () => [], limit: 0 })).toThrow(InputError);
    expect(() => paginateOffset({ fetchPage, items: () => [], limit: "50" as never })).toThrow(/^limit must be a positive integer, got a string$/);
    expect(() => paginateOffset({ fetchPage, items: () => [], limit: 50, startOffset: "0" as never })).toThrow(/^startOffset must be an integer >= 0, got a string$/);
    expect(() => paginateOffset({ fetchPage, items: () => [], limit: 10, startOffset: -1 })).toThrow(/startOffset must be an integer >= 0/);
    expect(() => paginateOffset({ fetchPage, items: () => [], limit: 1.5 })).toThrow(/limit must be a positive integer/);
    // Past 2^53 an offset is no longer exact (the next one would be the same number), and 1e21 is sent as "1e+21".
    expect(() => paginateOffset({ fetchPage, items: () => [], limit: 10, startOffset: 1e21 })).toThrow(/^startOffset must be an integer >= 0, got 1e\+21$/);
    expect(() => paginateOffset({ fetchPage, items: () => [], limit: 2 ** 53 })).toThrow(/^limit must be a positive integer, got 9007199254740992$/);
  });
  it.each(NOT_TOTALS)("a total that is %s is no total: a short page ends the list, a full one does not", async (_, bad) => {
    const requested: number[] = [];
    const fetchPage = async (offset: number) => {
      requested.push(offset);
      return { data: { items: offset < 4 ? [offset, offset + 1] : [4], total: bad as number }, response: new Response(null, { status: 200 }) };
    };
    const yielded: number[] = [];
    for await (const item of paginateOffset({ fetchPage, items: (page) => page.items, limit: 2, total: (page) => page.total })) yielded.push(item);
    expect(yielded).toEqual([0, 1, 2, 3, 4]);
    expect(requested).toEqual([0, 2, 4]);
  });
});

describe("iterateOffset", () => {
  it("pages as paginateOffset does, from startOffset or else 0, and asks for nothing until it is read", async () => {
    const { fetchPage, requested } = list(7);
    const pages = iterateOffset({ fetchPage, items: (page) => page.items, limit: 3 });
    expect(requested).toEqual([]);
    expect(await collect(pages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await collect(iterateOffset({ fetchPage, items: (page) => page.items, limit: 3, startOffset: 5 }))).toEqual([6, 7]);
    expect(requested.map(([offset]) => offset)).toEqual([0, 3, 6, 5]);
  });
});
