import { describe, expect, it } from "vitest";
import {
  ApiError,
  BadRequestError,
  createClient,
  createWootricTokenSource,
  getEndUserByEmail,
  getEndUserByExternalId,
  InputError,
  InvalidResponseError,
  NotFoundError,
  UnauthorizedError,
} from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { rateLimitWindow } from "@apis/faults/rate-limit";
import { TOKEN } from "./fixtures.js";

const BASE = "https://wootric.test";
const USER = { id: 2, email: "nps2@example.com", external_id: "e9a12f9aa245cfd5", properties: {} };
const grant = { type: "clientCredentials", clientId: "id", clientSecret: "secret" } as const;

function tokenOr(response: () => Response) {
  return observedFetch((request) => (request.url.includes("/oauth/token") ? json(TOKEN) : response()));
}

describe("createClient", () => {
  it("uses api.wootric.com for the calls and its /oauth/token endpoint by default", async () => {
    const observed = tokenOr(() => json([]));
    const wootric = createClient({ fetch: observed.fetch, auth: grant });
    await wootric.GET("/v1/end_users");
    expect(observed.requests.map((request) => request.url)).toEqual(["https://api.wootric.com/oauth/token", "https://api.wootric.com/v1/end_users"]);
    expect(observed.bodies[0]).toBe("grant_type=client_credentials&client_id=id&client_secret=secret");
  });

  // The same rule as @apis/wootric-cxi's, so one configuration works for both clients and for the shared token source.
  it.each(["https://auth.test", "https://auth.test/"])("reads a tokenUrl with no path (%s, the old host form) as a host, with one deprecation line", async (tokenUrl) => {
    const lines: string[] = [];
    const observed = tokenOr(() => json([]));
    const wootric = createClient({ baseUrl: BASE, tokenUrl, fetch: observed.fetch, logger: { debug: (message: string) => lines.push(message) }, auth: grant });
    await wootric.GET("/v1/end_users");
    expect(observed.requests.map((request) => request.url)).toEqual(["https://auth.test/oauth/token", `${BASE}/v1/end_users`]);
    expect(lines.filter((line) => line.includes("deprecated"))).toEqual([expect.stringContaining(`tokenUrl ${tokenUrl} is a host, read as https://auth.test/oauth/token`)]);
  });

  it("a shared token source reads a tokenUrl with no path as a host too", async () => {
    const lines: string[] = [];
    const observed = tokenOr(() => json([]));
    const tokens = createWootricTokenSource({ tokenUrl: "https://auth.test", fetch: observed.fetch, logger: { debug: (message: string) => lines.push(message) }, auth: grant });
    await createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "tokenSource", tokens } }).GET("/v1/end_users");
    expect(observed.requests[0]?.url).toBe("https://auth.test/oauth/token");
    expect(lines.filter((line) => line.includes("deprecated"))).toHaveLength(1);
  });

  it("fetches the token once and sends it as a bearer header on every call", async () => {
    const observed = tokenOr(() => json([]));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: grant });
    await wootric.GET("/v1/end_users");
    await wootric.GET("/v1/declines");
    await wootric.GET("/v1/segments");
    const calls = observed.requests.filter((request) => !request.url.includes("/oauth/token"));
    expect(observed.requests.filter((request) => request.url.includes("/oauth/token"))).toHaveLength(1);
    expect(calls.map((request) => request.headers.get("authorization"))).toEqual(["Bearer access-123", "Bearer access-123", "Bearer access-123"]);
    expect(calls.every((request) => !new URL(request.url).searchParams.has("access_token"))).toBe(true);
  });

  it("gets a password-grant token from tokenUrl, with the account token in the query", async () => {
    const observed = tokenOr(() => json([]));
    const wootric = createClient({
      baseUrl: BASE,
      tokenUrl: "https://auth.test/wootric/oauth/token",
      fetch: observed.fetch,
      auth: { type: "password", username: "jane@example.com", password: "s3cret pass", accountToken: "NPS-1234" },
    });
    await wootric.GET("/v1/nps_summary");
    expect(observed.requests[0]?.url).toBe("https://auth.test/wootric/oauth/token?account_token=NPS-1234");
    expect(Object.fromEntries(new URLSearchParams(observed.bodies[0]))).toEqual({ grant_type: "password", username: "jane@example.com", password: "s3cret pass" });
    expect(observed.requests[1]?.url).toBe(`${BASE}/v1/nps_summary`);
  });

  it("takes a tokenUrl with a query (a gateway's tenant), since nothing is appended to it, and sends the token request there", async () => {
    // Only host options have paths appended; the full token endpoint URL was taken with its query before.
    const observed = tokenOr(() => json([]));
    const wootric = createClient({ baseUrl: BASE, tokenUrl: "https://gateway.test/wootric/oauth/token?tenant=7", fetch: observed.fetch, auth: grant });
    await wootric.GET("/v1/segments");
    expect(observed.requests[0]?.url).toBe("https://gateway.test/wootric/oauth/token?tenant=7");
    expect(observed.requests[1]?.url).toBe(`${BASE}/v1/segments`);
  });

  it("sends a token it was given as it is, without asking the token endpoint", async () => {
    const observed = observedFetch(() => json([]));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "mine" } });
    await wootric.GET("/v1/segments");
    expect(observed.requests).toHaveLength(1);
    expect(observed.requests[0]?.headers.get("authorization")).toBe("Bearer mine");
  });

  it("refuses an unknown auth type, a missing credential and an http tokenUrl at createClient", () => {
    expect(() => createClient({ auth: { type: "apiKey" } as never })).toThrow(InputError);
    expect(() => createClient({ auth: { type: "clientCredentials", clientId: "", clientSecret: "s" } })).toThrow(/auth.clientId/);
    expect(() => createClient({ tokenUrl: "http://auth.example.com/oauth/token", auth: grant })).toThrow(InputError);
    expect(() => createClient({ auth: grant, rateLimit: 5 as never })).toThrow(/rateLimit/);
  });

  it("raises an UnauthorizedError from a raw call's 401 only as its error result, and returns the body", async () => {
    const observed = observedFetch(() => json({ error: "invalid_token" }, 401));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "mine" } });
    const { data, error, response } = await wootric.GET("/v1/segments");
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toBeDefined();
  });

  it("paces requests by X-Rate-Limit-Remaining/Reset instead of running into 429s", async () => {
    const window = rateLimitWindow(2, []);
    const observed = observedFetch(() => {
      const { status, headers, body } = window.answer();
      return json(body, status, headers);
    });
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "mine" } });
    for (let i = 0; i < 5; i++) expect((await wootric.GET("/v1/segments")).response.status).toBe(200);
    expect(window.refused()).toBe(0);
  });
});

describe("getEndUserByEmail and getEndUserByExternalId", () => {
  it("looks an end user up by e-mail with lookup_by_email=true and returns the data", async () => {
    const observed = tokenOr(() => json(USER));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: grant });
    await expect(getEndUserByEmail(wootric, "nps2@example.com")).resolves.toEqual(USER);
    const url = new URL(observed.requests[1]!.url);
    expect(decodeURIComponent(url.pathname)).toBe("/v1/end_users/nps2@example.com");
    expect(Object.fromEntries(url.searchParams)).toEqual({ lookup_by_email: "true" });
    expect(observed.requests[1]?.headers.get("authorization")).toBe("Bearer access-123");
  });

  it("looks an end user up by external ID with lookup_by_external_id=true, even when the ID looks like a number", async () => {
    const observed = tokenOr(() => json({ ...USER, external_id: "1234" }));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: grant });
    await expect(getEndUserByExternalId(wootric, "1234")).resolves.toEqual({ ...USER, external_id: "1234" });
    const url = new URL(observed.requests[1]!.url);
    expect(url.pathname).toBe("/v1/end_users/1234");
    expect(Object.fromEntries(url.searchParams)).toEqual({ lookup_by_external_id: "true" });
  });

  it.each([
    ["an empty 200", () => new Response(null, { status: 200 })],
    ["a null body", () => json(null)],
    ["a list", () => json([USER])],
  ])("throws an InvalidResponseError when a lookup is answered with %s instead of the end user", async (_name, answer) => {
    const wootric = createClient({ baseUrl: BASE, fetch: observedFetch(answer).fetch, auth: { type: "token", accessToken: "mine" } });
    for (const lookup of [getEndUserByEmail(wootric, "nps2@example.com"), getEndUserByExternalId(wootric, "1234")]) {
      const error = await lookup.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).message).toMatch(/^GET https:\/\/wootric\.test\/v1\/end_users\/\S+ returned 200 but no end user/);
    }
  });

  // The flag is all that tells the lookups apart: a server that ignores it reads "1234" as Wootric's own ID 1234.
  it("refuses, as an InvalidResponseError, an end user whose e-mail or external ID is not the one asked for", async () => {
    const wootric = createClient({ baseUrl: BASE, fetch: observedFetch(() => json(USER)).fetch, auth: { type: "token", accessToken: "mine" } });
    for (const lookup of [getEndUserByExternalId(wootric, "1234"), getEndUserByEmail(wootric, "nps3@example.com")]) {
      const error = await lookup.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).message).toMatch(/returned 200 but no end user of that (external ID|e-mail address)$/);
    }
    // Compared without case: whether Wootric stores addresses (or external IDs) as given is not documented.
    await expect(getEndUserByEmail(wootric, "NPS2@Example.com")).resolves.toEqual(USER);
    const numeric = createClient({ baseUrl: BASE, fetch: observedFetch(() => json({ ...USER, external_id: 1234 })).fetch, auth: { type: "token", accessToken: "mine" } });
    await expect(getEndUserByExternalId(numeric, "1234")).resolves.toEqual({ ...USER, external_id: 1234 });
  });

  it("escapes the segment, so an external ID cannot reach another path", async () => {
    const observed = observedFetch(() => json({ ...USER, external_id: "../declines?x=1" }));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "mine" } });
    await getEndUserByExternalId(wootric, "../declines?x=1");
    const url = new URL(observed.requests[0]!.url);
    expect(url.pathname.startsWith("/v1/end_users/")).toBe(true);
    expect(url.pathname).not.toContain("/declines");
    expect(Object.fromEntries(url.searchParams)).toEqual({ lookup_by_external_id: "true" });
  });

  it("throws a NotFoundError with the vendor's body for a 404", async () => {
    const observed = observedFetch(() => json({ errors: { base: ["Not found"] } }, 404));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "mine" } });
    const error = await getEndUserByEmail(wootric, "nobody@example.com").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as NotFoundError).status).toBe(404);
    expect((error as NotFoundError).body).toEqual({ errors: { base: ["Not found"] } });
  });

  it.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
  ])("throws the status-keyed error for a %i", async (status, type) => {
    const observed = observedFetch(() => json({ error: "x" }, status));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "mine" } });
    await expect(getEndUserByExternalId(wootric, "abc")).rejects.toBeInstanceOf(type);
  });

  it("refuses an empty value or an e-mail without @ before any request", async () => {
    const observed = observedFetch(() => json(USER));
    const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "mine" } });
    await expect(getEndUserByEmail(wootric, "")).rejects.toBeInstanceOf(InputError);
    await expect(getEndUserByEmail(wootric, "12345")).rejects.toBeInstanceOf(InputError);
    await expect(getEndUserByExternalId(wootric, 5 as never)).rejects.toBeInstanceOf(InputError);
    expect(observed.requests).toHaveLength(0);
  });
});
