import { fileURLToPath } from "node:url";
import { collectOperations, loadSpecDocument } from "@apis/codegen";
import { sendEveryQueryName } from "@apis/faults/query-names";
import { describe, expect, it } from "vitest";
import { createClient, getEndUserByEmail, InputError, listAll } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { PAGED_PATHS } from "../../src/list-all.js";

// Wootric ignores a query parameter it does not know and answers as if it were not given: perPage lists 25 a page,
// lookupByEmail reads the email as Wootric's own id.
function clientWith(handler: Parameters<typeof observedFetch>[0]) {
  const observed = observedFetch(handler);
  return { observed, wootric: createClient({ baseUrl: "https://wootric.test", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "wootric-query-names-token" } }) };
}

describe("query parameter names", () => {
  it.each([
    ["perPage", "per_page"],
    ["lookupByEmail", "lookup_by_email"],
    ["SORT_KEY", "sort_key"],
    ["date-range", "date_range"],
  ])("refuses a raw GET whose query names %s, naming the vendor's own (%s), before sending it", async (name, meant) => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    const error = await get("/v1/end_users", { params: { query: { [name]: 1 } } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} is not read: did you mean ${meant}?` });
    expect(observed.requests).toHaveLength(0);
  });

  it("refuses a raw call whose query names a parameter no operation of the vendor's takes (limit, since), before sending it", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    await expect(get("/v1/responses", { params: { query: { since: 1480000000 } } })).rejects.toMatchObject({ field: "params.query.since", message: "params.query.since is not read: no operation of Wootric takes it" });
    const post = wootric.POST as unknown as (path: string, init?: unknown) => Promise<unknown>;
    await expect(post("/v1/end_users", { params: { query: { limit: 1 } }, body: { email: "a@example.com" } })).rejects.toThrow("params.query.limit is not read");
    expect(observed.requests).toHaveLength(0);
  });

  // created[gt]=1765000000.5 or page=1.5 is no timestamp or page Wootric documents (integer seconds, whole pages); 1e21
  // would go as "1e+21". The spec types them integer, and codegen lists them so.
  it.each([
    [{ page: 1.5 }, "page", "1.5"],
    [{ per_page: 2 ** 53 }, "per_page", "9007199254740992"],
    [{ created: { gt: 1765000000.5 } }, "created[gt]", "1765000000.5"],
    [{ "updated[lte]": 1e21 }, "updated[lte]", "1e+21"],
  ] as const)("refuses a raw GET whose integer query parameter (%j) is no safe integer, naming it, before sending it", async (query, name, shown) => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    const error = await get("/v1/end_users", { params: { query } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} must be an integer, got ${shown}` });
    expect(observed.requests).toHaveLength(0);
  });

  it("sends a raw GET whose integer query parameters are whole numbers, and text as it is given", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    expect((await get("/v1/end_users", { params: { query: { page: 2, created: { gt: 1480000000 }, email: "1.5" } } })).error).toBeUndefined();
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?page=2&created[gt]=1480000000&email=1.5"]);
  });

  // As in @apis/wootric-cxi: the vendor documents 50 a page at most, not what it does past it.
  it("refuses a raw GET of every paged list whose per_page is outside the vendor's 1 to 50, naming the bound, before sending it", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    for (const path of PAGED_PATHS) {
      const ids = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, 7]));
      for (const perPage of [51, 100, 0]) {
        await expect(get(path, { params: { path: ids, query: { per_page: perPage } } }), path).rejects.toMatchObject({
          field: "params.query.per_page",
          message: `params.query.per_page must be an integer from 1 to 50 (the vendor's maximum), got ${perPage}`,
        });
      }
    }
    expect(observed.requests).toHaveLength(0);
  });

  // A list would go as per_page=100&per_page=200, a BigInt as per_page=100: neither is a number the names' rule reads.
  it("refuses a raw GET whose per_page is a list or a BigInt, before sending it", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    for (const [perPage, shownAs] of [[[100, 200], "an array"], [100n, "a bigint"]] as const) {
      await expect(get("/v1/end_users", { params: { query: { per_page: perPage } } })).rejects.toMatchObject({
        field: "params.query.per_page",
        message: `params.query.per_page must be an integer from 1 to 50 (the vendor's maximum), got ${shownAs}`,
      });
    }
    expect(observed.requests).toHaveLength(0);
  });

  it("sends a raw GET whose per_page is 50 on page 30", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    expect((await wootric.GET("/v1/end_users", { params: { query: { per_page: 50, page: 30 } } })).error).toBeUndefined();
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?per_page=50&page=30"]);
  });

  it("refuses listAll's query naming a parameter written another way, at its first page, before any request", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const items = listAll(wootric, "/v1/end_users", { query: { perPage: 10 } as never });
    await expect(items.next()).rejects.toMatchObject({ field: "params.query.perPage", message: "params.query.perPage is not read: did you mean per_page?" });
    expect(observed.requests).toHaveLength(0);
  });

  // Wootric ignores a name the list does not read and lists everything: updated[gt] on /v1/responses gives every
  // response, not those updated since, and email on /v1/declines every decline. The client lets such a name through
  // (GET /v1/end_users takes it).
  it.each([
    ["/v1/responses", { updated: { gt: 1480000000 } }, "updated"],
    ["/v1/responses", { "updated[gt]": 1480000000 }, "updated[gt]"],
    ["/v1/declines", { updated: { gte: 1480000000 }, created: { gt: 1480000000 } }, "updated"],
    ["/v1/declines", { email: "jane@example.com" }, "email"],
    ["/v1/end_users/{end_user_id}/responses", { email: "jane@example.com" }, "email"],
    ["/v1/end_users/{end_user_id}/page_views", { "updated[lt]": 1480000000 }, "updated[lt]"],
  ] as const)("refuses listAll on %s with updated or email (%j), which only /v1/end_users reads, at the call, before any request", (path, query, name) => {
    const { observed, wootric } = clientWith(() => json([]));
    const options = (path.includes("{") ? { query, path: { end_user_id: 2 } } : { query }) as never;
    expect(() => listAll(wootric, path, options)).toThrow(expect.objectContaining({ field: `query.${name}`, message: `query.${name} is not read by GET ${path}: only /v1/end_users takes it` }));
    expect(observed.requests).toHaveLength(0);
  });

  // A name left out (null or undefined) sends nothing, so it is no mistake to refuse: a query built once for several lists.
  it.each([undefined, null])("lets listAll's query hold updated or email left out (%s) on a list that does not read them, and sends neither", async (left) => {
    const { observed, wootric } = clientWith(() => json([]));
    for await (const _ of listAll(wootric, "/v1/responses", { query: { updated: left, email: left, created: { gt: 1480000000 } } as never }));
    expect(observed.requests).toHaveLength(1);
    expect([...new URL(observed.requests[0]!.url).searchParams.keys()].sort()).toEqual(["created[gt]", "page", "per_page"]);
  });

  // Holds the rule to the spec: each list's own parameters are sent, and updated and email are refused on every list
  // whose GET the spec gives neither (all but /v1/end_users).
  it("sends on every paged list each query parameter the spec gives its GET, and refuses updated and email where the spec has neither", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const operations = collectOperations(loadSpecDocument(fileURLToPath(new URL("../../../../specs/wootric/openapi.yaml", import.meta.url))));
    const value = (name: string) => ({ sort_order: "asc", sort_key: "email", email: "jane@example.com", created: { gt: 1 }, updated: { gt: 1 } })[name] ?? 1;
    let lists = 0;
    for (const path of PAGED_PATHS) {
      const parent = path.includes("{") ? { path: { end_user_id: 2 } } : {};
      const spec = operations.find((operation) => operation.path == path && operation.method == "get")!.meta.query!;
      // A deepObject parameter goes by its keys (created[gt]): `created` alone is no filter listAll sends.
      const own = spec.filter((name) => name != "page" && !spec.some((other) => other.startsWith(`${name}[`)));
      observed.requests.length = 0;
      for await (const _ of listAll(wootric, path, { query: Object.fromEntries(own.map((name) => [name, value(name)])), ...parent } as never));
      expect([...new URL(observed.requests[0]!.url).searchParams.keys()].sort(), path).toEqual([...own, "page"].sort());
      for (const name of ["updated", "email"].filter((name) => !spec.includes(name))) {
        expect(() => listAll(wootric, path, { query: { [name]: value(name) }, ...parent } as never), `${path} ${name}`).toThrow(`query.${name} is not read by GET ${path}: only /v1/end_users takes it`);
      }
      lists++;
    }
    expect(lists).toBe(9);
  });

  // listAll takes a time filter either way: { created: { gt } } or { "created[gt]": ... }, as it goes on the wire.
  it("sends a time filter written with its brackets (created[gt]), in a raw GET and in listAll", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    expect((await get("/v1/end_users", { params: { query: { "created[gt]": 1480000000 } } })).error).toBeUndefined();
    for await (const _ of listAll(wootric, "/v1/end_users", { query: { "updated[lt]": 1480000000 } as never }));
    expect(observed.requests.map((request) => decodeURIComponent(new URL(request.url).search))).toEqual(["?created[gt]=1480000000", "?updated[lt]=1480000000&page=1&per_page=50"]);
  });

  // Only created, updated, date and date_range are deepObject parameters: per_page[x]=10 reaches Wootric as a hash it
  // ignores, and the list comes 25 a page.
  it("refuses a raw GET and a listAll whose query names a parameter that is no deepObject one with brackets (per_page[x], sort_order[]), before sending it", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    await expect(get("/v1/end_users", { params: { query: { "per_page[x]": 10 } } })).rejects.toMatchObject({ field: "params.query.per_page[x]", message: "params.query.per_page[x] is not read: no operation of Wootric takes it" });
    await expect(listAll(wootric, "/v1/end_users", { query: { "sort_order[]": "desc" } as never }).next()).rejects.toThrow("params.query.sort_order[] is not read");
    expect(observed.requests).toHaveLength(0);
  });

  // Wootric reads created[gt], not created[after] or created[gt][x]: it ignores those and lists every end user, and
  // date[begin] gives the last month's NPS.
  it("refuses a raw GET whose time or date filter has a key the spec's schema does not list, either way it is written, before sending it", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    for (const [path, query, name] of [
      ["/v1/end_users", { created: { after: 1480000000 } }, "created[after]"],
      ["/v1/end_users", { "updated[since]": 1480000000 }, "updated[since]"],
      ["/v1/responses", { "created[gt][x]": 1480000000 }, "created[gt][x]"],
      ["/v1/nps_summary", { date: { begin: "2024-01-01" } }, "date[begin]"],
      ["/v2/email_stats", { date_range: { start: "2024-01-01" } }, "date_range[start]"],
    ] as const) {
      await expect(get(path, { params: { query: query } })).rejects.toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} is not read: no operation of Wootric takes it` });
    }
    await expect(get("/v1/end_users", { params: { query: { created: { GTE: 1 } } } })).rejects.toThrow("params.query.created[GTE] is not read: did you mean created[gte]?");
    expect(observed.requests).toHaveLength(0);
  });

  it("sends the NPS endpoints' date filters either way (date: { start }, date_range[start_date])", async () => {
    const { observed, wootric } = clientWith(() => json({}));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    expect((await get("/v1/nps_summary", { params: { query: { date: { start: "2024-01-01" }, "date[end]": "2024-01-31" } } })).error).toBeUndefined();
    expect((await get("/v2/email_stats", { params: { query: { "date_range[start_date]": "2024-01-01", date_range: { end_date: "2024-01-31" } } } })).error).toBeUndefined();
    expect(observed.requests.map((request) => decodeURIComponent(new URL(request.url).search))).toEqual([
      "?date[start]=2024-01-01&date[end]=2024-01-31",
      "?date_range[start_date]=2024-01-01&date_range[end_date]=2024-01-31",
    ]);
  });

  it("still sends the helpers' own queries (lookup_by_email)", async () => {
    const { observed, wootric } = clientWith(() => json({ id: 7, email: "jane@example.com" }));
    expect(await getEndUserByEmail(wootric, "jane@example.com")).toMatchObject({ id: 7 });
    expect(new URL(observed.requests[0]!.url).searchParams.get("lookup_by_email")).toBe("true");
  });

  it("leaves the names of a raw GET that brings its own querySerializer unchecked, sending what it writes", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    const querySerializer = (query: Record<string, unknown>) => new URLSearchParams(Object.entries(query).map(([name, value]) => [name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), String(value)])).toString();
    expect((await get("/v1/end_users", { params: { query: { perPage: 5, beta: 1 } }, querySerializer })).error).toBeUndefined();
    expect(new URL(observed.requests[0]!.url).search).toBe("?per_page=5&beta=1");
  });

  // The check reads the spec's names: none of the vendor's own may be refused.
  it("sends every query parameter the spec names, on every GET, without refusing one", async () => {
    const { observed, wootric } = clientWith(() => json([]));
    const get = wootric.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    const operations = collectOperations(loadSpecDocument(fileURLToPath(new URL("../../../../specs/wootric/openapi.yaml", import.meta.url))));
    expect(await sendEveryQueryName(operations, get, () => observed.requests.at(-1)?.url)).toBeGreaterThanOrEqual(5);
  });
});
