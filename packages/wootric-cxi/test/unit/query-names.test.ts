import { fileURLToPath } from "node:url";
import { collectOperations, loadSpecDocument } from "@apis/codegen";
import { sendEveryQueryName } from "@apis/faults/query-names";
import { describe, expect, it } from "vitest";
import { createClient, InputError, listAll } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";

// Wootric ignores a query parameter it does not know and answers as if it were not given: perPage lists 25 a page,
// sortOrder in its default order.
function clientWith(handler: Parameters<typeof observedFetch>[0]) {
  const observed = observedFetch(handler);
  return { observed, cxi: createClient({ baseUrl: "https://cxi.test", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "cxi-query-names-token" } }) };
}

describe("query parameter names", () => {
  it.each([
    ["perPage", "per_page"],
    ["SORT_ORDER", "sort_order"],
    ["no-stats", "no_stats"],
    ["excludeDisabled", "exclude_disabled"],
  ])("refuses a raw GET whose query names %s, naming the vendor's own (%s), before sending it", async (name, meant) => {
    const { observed, cxi } = clientWith(() => json([]));
    const get = cxi.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    const error = await get("/v1/projects", { params: { query: { [name]: 1 } } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} is not read: did you mean ${meant}?` });
    expect(observed.requests).toHaveLength(0);
  });

  it("refuses a raw GET whose query names a parameter no operation of the vendor's takes (limit), before sending it", async () => {
    const { observed, cxi } = clientWith(() => json([]));
    const get = cxi.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    await expect(get("/v1/tags", { params: { query: { limit: 10 } } })).rejects.toMatchObject({ field: "params.query.limit", message: "params.query.limit is not read: no operation of Wootric CXI takes it" });
    expect(observed.requests).toHaveLength(0);
  });

  // No CXI parameter is a deepObject one: per_page[x]=10 reaches Wootric as a hash it ignores, and the list comes 25 a page.
  it("refuses a raw GET and a listAll whose query names a parameter with brackets (per_page[x], search[]), before sending it", async () => {
    const { observed, cxi } = clientWith(() => json([]));
    const get = cxi.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    await expect(get("/v1/tags", { params: { query: { "per_page[x]": 10 } } })).rejects.toMatchObject({ field: "params.query.per_page[x]", message: "params.query.per_page[x] is not read: no operation of Wootric CXI takes it" });
    await expect(listAll(cxi, "/v1/tags", { query: { "search[]": "nps" } as never }).next()).rejects.toThrow("params.query.search[] is not read");
    expect(observed.requests).toHaveLength(0);
  });

  // page=1.5 is no page Wootric has, and per_page=1e21 would go as "1e+21": the spec types both integer.
  it("refuses a raw GET whose page or per_page is no safe integer, naming it, before sending it", async () => {
    const { observed, cxi } = clientWith(() => json([]));
    const get = cxi.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    await expect(get("/v1/tags", { params: { query: { page: 1.5 } } })).rejects.toMatchObject({ field: "params.query.page", message: "params.query.page must be an integer, got 1.5" });
    await expect(get("/v1/responses", { params: { query: { per_page: 1e21 } } })).rejects.toMatchObject({ field: "params.query.per_page", message: "params.query.per_page must be an integer, got 1e+21" });
    expect(observed.requests).toHaveLength(0);
  });

  // The vendor documents 50 a page at most, not what it does past it: pages of 50 where 100 were asked for would read
  // as the end of the list to a loop that stops at a short page. listAll refuses such a per_page; so does a raw call.
  it.each([51, 100, 0, -5])("refuses a raw GET whose per_page is %s, outside the vendor's 1 to 50, naming the bound, before sending it", async (perPage) => {
    const { observed, cxi } = clientWith(() => json([]));
    const error = await cxi.GET("/v1/responses", { params: { query: { per_page: perPage } } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.query.per_page", message: `params.query.per_page must be an integer from 1 to 50 (the vendor's maximum), got ${perPage}` });
    expect(observed.requests).toHaveLength(0);
  });

  // A list goes out as per_page=100&per_page=200 and a BigInt as per_page=100: the bound must hold for them too, as the
  // names' integer rule reads numbers alone. true would go as per_page=true, read as the vendor's default of 25.
  it.each([
    ["a list", [100, 200], "an array"],
    ["a BigInt", 100n, "a bigint"],
    ["true", true, "a boolean"],
  ])("refuses a raw GET whose per_page is %s, which is no number from 1 to 50, before sending it", async (_, perPage, shownAs) => {
    const { observed, cxi } = clientWith(() => json([]));
    const error = await cxi.GET("/v1/tags", { params: { query: { per_page: perPage as unknown as number } } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.query.per_page", message: `params.query.per_page must be an integer from 1 to 50 (the vendor's maximum), got ${shownAs}` });
    expect(observed.requests).toHaveLength(0);
  });

  it("sends a raw GET whose per_page is 1 or 50, and one given as text as it is (the vendor's to read)", async () => {
    const { observed, cxi } = clientWith(() => json([]));
    expect((await cxi.GET("/v1/tags", { params: { query: { per_page: 1 } } })).error).toBeUndefined();
    expect((await cxi.GET("/v1/imports", { params: { query: { per_page: 50, page: 30 } } })).error).toBeUndefined();
    expect((await cxi.GET("/v1/tags", { params: { query: { per_page: "100" as unknown as number } } })).error).toBeUndefined();
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?per_page=1", "?per_page=50&page=30", "?per_page=100"]);
  });

  it("refuses listAll's query naming a parameter written another way, at its first page, before any request", async () => {
    const { observed, cxi } = clientWith(() => json([]));
    const items = listAll(cxi, "/v1/tags", { query: { excludeDisabled: true } as never });
    await expect(items.next()).rejects.toMatchObject({ field: "params.query.excludeDisabled", message: "params.query.excludeDisabled is not read: did you mean exclude_disabled?" });
    expect(observed.requests).toHaveLength(0);
  });

  it("leaves the names of a raw GET that brings its own querySerializer unchecked, sending what it writes", async () => {
    const { observed, cxi } = clientWith(() => json([]));
    const get = cxi.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    const querySerializer = (query: Record<string, unknown>) => new URLSearchParams(Object.entries(query).map(([name, value]) => [name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), String(value)])).toString();
    expect((await get("/v1/tags", { params: { query: { perPage: 5, beta: 1 } }, querySerializer })).error).toBeUndefined();
    expect(new URL(observed.requests[0]!.url).search).toBe("?per_page=5&beta=1");
  });

  // listAll keeps a table of its own of each list's names (smaller than reading the spec's for every operation): it
  // must say what the spec says, page aside, which listAll sends itself.
  it("takes on each list of listAll the query names the spec gives its GET, and refuses every other name of the vendor's", () => {
    const { cxi } = clientWith(() => json([]));
    const operations = collectOperations(loadSpecDocument(fileURLToPath(new URL("../../../../specs/wootric-cxi/openapi.yaml", import.meta.url))));
    const names = new Set(operations.flatMap((operation) => operation.meta.query ?? []));
    names.delete("page");
    for (const path of ["/v1/tags", "/v1/imports", "/v1/responses"] as const) {
      const own = operations.find((operation) => operation.path === path && operation.method === "get")!.meta.query!;
      for (const name of names) {
        const listing = () => listAll(cxi, path, { query: { [name]: 1 } as never });
        if (own.includes(name)) expect(listing, `${path} ${name}`).not.toThrow();
        else expect(listing, `${path} ${name}`).toThrow(`query.${name} is not read by ${path}`);
      }
    }
  });

  // The check reads the spec's names: none of the vendor's own may be refused.
  it("sends every query parameter the spec names, on every GET, without refusing one", async () => {
    const { observed, cxi } = clientWith(() => json([]));
    const get = cxi.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    const operations = collectOperations(loadSpecDocument(fileURLToPath(new URL("../../../../specs/wootric-cxi/openapi.yaml", import.meta.url))));
    expect(await sendEveryQueryName(operations, get, () => observed.requests.at(-1)?.url)).toBeGreaterThanOrEqual(3);
  });
});
