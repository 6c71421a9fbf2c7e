import { collect } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { createClient, InputError, InvalidResponseError, listAll, NotFoundError, PaginationLimitError, MAX_PAGE } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";

const BASE = "https://wootric.test";
const auth = { type: "token", accessToken: "mine" } as const;

// Reads a listAll to its end or its error: what it yielded, and the error it threw.
async function drain(items: AsyncIterable<unknown>): Promise<{ seen: unknown[]; error: unknown }> {
  const seen: unknown[] = [];
  try {
    for await (const item of items) seen.push(item);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

function pages(sizes: number[]) {
  return observedFetch((request) => {
    const page = Number(new URL(request.url).searchParams.get("page"));
    const size = sizes[page - 1] ?? 0;
    return json(Array.from({ length: size }, (_, i) => ({ id: page * 1000 + i })));
  });
}

describe("listAll", () => {
  it("pages with page and per_page=50 until a short page, keeping the caller's query", async () => {
    const observed = pages([50, 50, 7]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const users = await collect(listAll(wootric, "/v1/end_users", { query: { created: { gt: 1480000000 }, sort_order: "asc" } }));
    expect(users).toHaveLength(107);
    const queries = observed.requests.map((request) => new URL(request.url).searchParams);
    expect(queries.map((query) => query.get("page"))).toEqual(["1", "2", "3"]);
    expect(queries.every((query) => query.get("per_page") === "50" && query.get("created[gt]") === "1480000000" && query.get("sort_order") === "asc")).toBe(true);
  });

  it("fills an end user's path parameter on the per-user lists", async () => {
    const observed = pages([3]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const responses = await collect(listAll(wootric, "/v1/end_users/{end_user_id}/responses/promoters", { path: { end_user_id: 2 } }));
    expect(responses).toHaveLength(3);
    expect(new URL(observed.requests[0]!.url).pathname).toBe("/v1/end_users/2/responses/promoters");
  });

  it("reads only the options' own keys with a value: an inherited key or one left undefined is no option it refuses", async () => {
    const observed = pages([2]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const options = Object.assign(Object.create({ headers: { "x-a": "b" } }) as { query: { sort_order: "asc" } }, { query: { sort_order: "asc" as const }, signal: undefined });
    expect(await collect(listAll(wootric, "/v1/declines", options))).toHaveLength(2);
    expect(new URL(observed.requests[0]!.url).searchParams.get("sort_order")).toBe("asc");
  });

  it("honours a smaller per_page", async () => {
    const observed = pages([10, 4]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    expect(await collect(listAll(wootric, "/v1/declines", { query: { per_page: 10 } }))).toHaveLength(14);
    expect(observed.requests.map((request) => new URL(request.url).searchParams.get("per_page"))).toEqual(["10", "10"]);
  });

  it("stops at page 30 with a PaginationLimitError that says how to narrow by created[gt]/created[lt], after every reachable item", async () => {
    const observed = pages(Array.from({ length: 40 }, () => 50));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const { seen, error } = await drain(listAll(wootric, "/v1/responses"));
    expect(error).toBeInstanceOf(PaginationLimitError);
    expect(seen).toHaveLength(MAX_PAGE * 50);
    expect(observed.requests).toHaveLength(MAX_PAGE);
    const limit = error as PaginationLimitError;
    expect(limit.maxPage).toBe(30);
    expect(limit.itemsYielded).toBe(1500);
    expect(limit.message).toContain("created[gt]");
    expect(limit.message).toContain("created[lt]");
  });

  it("ends without an error when page 30 is the last, short page", async () => {
    const observed = pages([...Array.from({ length: 29 }, () => 50), 1]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    expect(await collect(listAll(wootric, "/v1/end_users"))).toHaveLength(29 * 50 + 1);
  });

  // Responses and declines come newest first, page by page: one answered between two requests moves every item down one
  // place, and the last item of a page comes again at the top of the next.
  it("yields an item once when the list gains one at its top between two pages, as a list sorted newest first does", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => 200 - i);
    const observed = observedFetch((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      const answer = json(ids.slice((page - 1) * 50, page * 50).map((id) => ({ id })));
      if (page === 1) ids.unshift(201);
      return answer;
    });
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const seen = (await collect(listAll(wootric, "/v1/responses"))).map((response) => response.id);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => 200 - i));
  });

  // The error's count is what the caller got: an item that came again on the next page is no item more.
  it("counts in its PaginationLimitError the items it yielded, not those it dropped for coming again on the next page", async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => 5000 - i);
    const observed = observedFetch((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      const answer = json(ids.slice((page - 1) * 50, page * 50).map((id) => ({ id })));
      ids.unshift(ids[0]! + 1);
      return answer;
    });
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const { seen, error } = await drain(listAll(wootric, "/v1/responses"));
    expect(error).toBeInstanceOf(PaginationLimitError);
    expect(seen).toHaveLength(1500 - 29);
    expect((error as PaginationLimitError).itemsYielded).toBe(seen.length);
    expect((error as Error).message).toContain(`All ${seen.length} reachable items were yielded`);
  });

  // openapi-fetch fills only the parameters the path names: the list would be the whole account's, not the end user's.
  it("refuses path options on a list whose path has no parameter, before any request", () => {
    const observed = pages([3]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    let error: unknown;
    try {
      listAll(wootric, "/v1/responses", { path: { end_user_id: 2 } } as never);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("path");
    expect((error as InputError).message).toBe("path is not an option of listAll, which takes query, signal");
    expect(observed.requests).toHaveLength(0);
  });

  // A server (or a cache before it) that ignored the end user in the path answers another end user's responses.
  it("throws an InvalidResponseError when an end user's list answers an item of another end user, yielding none of that page", async () => {
    const observed = observedFetch(() => json([{ id: 1, end_user_id: 2 }, { id: 2, end_user_id: 3 }]));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const { seen: yielded, error } = await drain(listAll(wootric, "/v1/end_users/{end_user_id}/responses/detractors", { path: { end_user_id: "2" as never } }));
    expect(yielded).toEqual([]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe("GET /v1/end_users/{end_user_id}/responses/detractors answered an item of end_user_id 3, not 2");
    // An item without the field passes, as does one of the end user asked for, given as a number or as text.
    const fine = observedFetch(() => json([{ id: 1, end_user_id: 2 }, { id: 2 }]));
    expect(await collect(listAll(createClient({ baseUrl: BASE, fetch: fine.fetch, auth }), "/v1/end_users/{end_user_id}/declines", { path: { end_user_id: 2 } }))).toHaveLength(2);
  });

  // Number() of an id from a route or a form that held none: /v1/end_users/NaN/declines would be a 404 naming no option.
  it("refuses an end user id of NaN, naming the path parameter, before any request", async () => {
    const observed = pages([3]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const { error } = await drain(listAll(wootric, "/v1/end_users/{end_user_id}/declines", { path: { end_user_id: Number("abc") } }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.path.end_user_id", message: "params.path.end_user_id must be an integer, got NaN" });
    expect(observed.requests).toHaveLength(0);
  });

  // Found by a review: the whole end user passed as its id went out as /v1/end_users/id,2,email,a%40example.com/responses
  // (openapi-fetch joins an object's entries with commas), and a page answered for it was refused as "not [object Object]".
  it.each<[string, unknown, string]>([
    ["the whole end user", { id: 2, email: "a@example.com" }, "an object"],
    ["a list of ids", [2, 3], "an array"],
  ])("refuses %s as the end user id, naming the path parameter, before any request", async (_, id, got) => {
    const observed = pages([3]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const { error } = await drain(listAll(wootric, "/v1/end_users/{end_user_id}/responses", { path: { end_user_id: id as number } }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.path.end_user_id", message: `params.path.end_user_id must be a string or number, got ${got}` });
    expect(observed.requests).toHaveLength(0);
  });

  it("throws the status-keyed error of a page that fails", async () => {
    const observed = observedFetch(() => json({ errors: ["not found"] }, 404));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    await expect(collect(listAll(wootric, "/v1/end_users/{end_user_id}/declines", { path: { end_user_id: 9 } }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("takes a query object without a prototype, as Object.create(null) makes it", async () => {
    const observed = pages([1]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const query = Object.assign(Object.create(null) as { sort_order?: "asc" }, { sort_order: "asc" as const });
    expect(await collect(listAll(wootric, "/v1/end_users", { query }))).toHaveLength(1);
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?sort_order=asc&page=1&per_page=50"]);
  });

  it("refuses a path that is not a paged list, and a per_page outside 1-50, before any request", () => {
    const observed = pages([]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    expect(() => listAll(wootric, "/v1/segments" as "/v1/end_users")).toThrow(InputError);
    expect(() => listAll(wootric, "/v1/end_users", { query: { per_page: 51 } })).toThrow(/1 to 50/);
    expect(() => listAll(wootric, "/v1/end_users", { query: { per_page: 0 } })).toThrow(InputError);
    expect(observed.requests).toHaveLength(0);
  });

  // It was overwritten by the page asked for: a caller who meant to start on page 3 read every page from 1.
  it("refuses a page in the query, naming query.page, since listAll pages itself, before any request", () => {
    const observed = pages([]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    expect(() => listAll(wootric, "/v1/end_users", { query: { page: 3 } as never })).toThrow(
      expect.objectContaining({ name: "InputError", field: "query.page", message: "query.page is not taken: listAll pages itself" }),
    );
    expect(observed.requests).toHaveLength(0);
  });

  // Wootric ignores a value outside the spec's enums and sorts by its default: "DESC" read the list oldest first.
  it.each<[string, string, Record<string, unknown>, string, string]>([
    ["sort_order DESC", "/v1/responses", { sort_order: "DESC" }, "query.sort_order", "query.sort_order must be one of asc, desc"],
    ["sort_order as a number", "/v1/end_users/{end_user_id}/declines", { sort_order: 1 }, "query.sort_order", "query.sort_order must be one of asc, desc"],
    ["sort_key name on end users", "/v1/end_users", { sort_key: "name" }, "query.sort_key", "query.sort_key must be one of email, updated_at, created_at"],
  ])("refuses %s, naming the values the spec allows, before any request", (_, path, query, field, message) => {
    const observed = pages([]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    const options = path.includes("{") ? { query, path: { end_user_id: 2 } } : { query };
    expect(() => listAll(wootric, path as "/v1/end_users", options as never)).toThrow(
      expect.objectContaining({ name: "InputError", field, message }),
    );
    expect(observed.requests).toHaveLength(0);
  });

  // On responses and declines the spec's one sort_key (created_at) is what tap-wootric sends, not a list Wootric
  // documents: another is sent as given.
  it("sends the spec's sort values, a null one left out, and any sort_key on responses and declines", async () => {
    const observed = pages([1, 1, 1, 1]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    await collect(listAll(wootric, "/v1/end_users", { query: { sort_order: "desc", sort_key: "updated_at" } }));
    await collect(listAll(wootric, "/v1/responses", { query: { sort_order: null, sort_key: "updated_at" } as never }));
    await collect(listAll(wootric, "/v1/declines", { query: { sort_order: "asc", sort_key: "created_at" } }));
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual([
      "?sort_order=desc&sort_key=updated_at&page=1&per_page=50",
      "?sort_key=updated_at&page=1&per_page=50",
      "?sort_order=asc&sort_key=created_at&page=1&per_page=50",
    ]);
  });

  // Wootric reads them as Unix seconds: milliseconds (Date.now()) ask for a time 50 000 years on, and the list comes back
  // empty without a word; NaN or Infinity go out as text.
  it.each<[string, Record<string, unknown>, string, RegExp?]>([
    ["created[gt] in milliseconds", { created: { gt: 1_796_112_641_510 } }, "query.created.gt"],
    ["updated[lt] as NaN", { updated: { lt: Number.NaN } }, "query.updated.lt"],
    ["created[lt] as Infinity", { created: { lt: Number.POSITIVE_INFINITY } }, "query.created.lt"],
    ["created[gte] as a date string", { created: { gte: "2026-12-01" } }, "query.created.gte"],
    ["\"created[gt]\" spelt as the wire writes it, in milliseconds", { "created[gt]": 1_796_112_641_510 }, "query.created[gt]"],
    ["created[eq] in milliseconds", { created: { eq: 1_796_112_641_510 } }, "query.created.eq"],
    ["created[gt] as a Date", { created: { gt: new Date("2026-12-01T00:00:00Z") } }, "query.created.gt"],
    ["created[gt] as an empty string (which would go out as created[gt]=)", { created: { gt: "" } }, "query.created.gt"],
    ["created[gt] as hexadecimal text", { created: { gt: "0x58377e80" } }, "query.created.gt"],
    // Wootric reads created and updated under eq, lt, lte, gt and gte alone: any other name is ignored, and the list
    // comes back whole, unfiltered, without a word.
    ["created[after]", { created: { after: 1_480_000_000 } }, "query.created.after", /is no time filter: use created or updated with eq, lt, lte, gt or gte$/],
    ["created[from] spelt as the wire writes it", { "created[from]": 1_480_000_000 }, "query.created[from]", /is no time filter: use created or updated with eq, lt, lte, gt or gte$/],
    ["created_at[gt]", { created_at: { gt: 1_480_000_000 } }, "query.created_at.gt", /is no time filter: use created or updated with eq, lt, lte, gt or gte$/],
    ["updatedSince", { updatedSince: 1_480_000_000 }, "query.updatedSince", /is no time filter: use created or updated with eq, lt, lte, gt or gte$/],
    // A key of the caller's with a bidi override: quoted, escaped, in the field and the message.
    ["created[gt\u202e]", { created: { "gt\u202e": 1_480_000_000 } }, 'query."created.gt\\u202e"', /^query\."created\.gt\\u202e" is no time filter/],
  ])("refuses %s with an InputError naming it, before any request", (_, query, field, message = /must be an integer from 0 to 10000000000 \(Unix seconds\)/) => {
    const observed = pages([]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    let error: unknown;
    try {
      listAll(wootric, "/v1/end_users", { query: query as never });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((error as Error).message).toMatch(message);
    expect(observed.requests).toHaveLength(0);
  });

  // Wootric reads created and updated as bracket filters alone (created[gt]=...): created=... is no filter it knows, and
  // the list came back whole. Left out, null or undefined, it is not sent, and not refused.
  it("refuses created or updated given as a bare timestamp, not under eq, lt, lte, gt or gte, before any request", () => {
    const observed = pages([1]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    for (const key of ["created", "updated"]) {
      let error: unknown;
      try {
        listAll(wootric, "/v1/end_users", { query: { [key]: 1_480_000_000 } as never });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(`query.${key}`);
      expect((error as Error).message).toBe(`query.${key} is no time filter: use created or updated with eq, lt, lte, gt or gte`);
    }
    expect(observed.requests).toHaveLength(0);
    for (const query of [{ created: undefined }, { created: null, updated: null }, { "created[gt]": null }]) listAll(wootric, "/v1/end_users", { query: query as never });
  });

  // A database driver may hand out BigInts: converting one with + threw a TypeError.
  it("reads a BigInt bound as its number: seconds go out as written, milliseconds are refused before any request", async () => {
    const observed = pages([3]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    await collect(listAll(wootric, "/v1/end_users", { query: { created: { gt: 1_480_000_000n } } as never }));
    expect(new URL(observed.requests[0]!.url).searchParams.get("created[gt]")).toBe("1480000000");
    expect(() => listAll(wootric, "/v1/end_users", { query: { created: { gt: 1_796_112_641_510n } } as never })).toThrow(InputError);
    expect(observed.requests).toHaveLength(1);
  });

  it("leaves a null bound out, as the query leaves it out, and takes seconds written as text", async () => {
    const observed = pages([3]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    await collect(listAll(wootric, "/v1/end_users", { query: { created: { gt: "1480000000" as never, lt: null as never } } }));
    expect(new URL(observed.requests[0]!.url).searchParams.get("created[gt]")).toBe("1480000000");
    expect(new URL(observed.requests[0]!.url).searchParams.has("created[lt]")).toBe(false);
  });

  // Both forms at once would go out as created[gt]=...&created[gt]=..., the server keeping one of them without a word.
  it("refuses a bound given both as created: { gt } and as \"created[gt]\", before any request", () => {
    const observed = pages([1]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    for (const [query, field, wire] of [
      [{ created: { gt: 1_480_000_000 }, "created[gt]": 1_490_000_000 }, "query.created.gt", "created[gt]"],
      [{ "updated[lte]": 1_490_000_000, updated: { lte: 1_480_000_000 } }, "query.updated.lte", "updated[lte]"],
    ] as const) {
      const refused = expect.objectContaining({ name: "InputError", field, message: `${field} is given as "${wire}" too` });
      expect(() => listAll(wootric, "/v1/end_users", { query: query as never })).toThrow(refused);
    }
    expect(observed.requests).toHaveLength(0);
    // A null bound is none given: the other goes out alone.
    listAll(wootric, "/v1/end_users", { query: { created: { gt: null }, "created[gt]": 1_480_000_000 } as never });
  });

  // ListAllOptions types this form too (test/types/list-all-filters.test-d.ts): no cast needed.
  it("sends a bound given as the wire writes it, \"created[gt]\", as given", async () => {
    const observed = pages([3, 3]);
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth });
    await collect(listAll(wootric, "/v1/end_users", { query: { "created[gt]": 1_480_000_000, "updated[lte]": 1_490_000_000 } }));
    await collect(listAll(wootric, "/v1/responses", { query: { "created[gte]": 1_480_000_000 } }));
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual([
      "?created[gt]=1480000000&updated[lte]=1490000000&page=1&per_page=50",
      "?created[gte]=1480000000&page=1&per_page=50",
    ]);
  });
});
