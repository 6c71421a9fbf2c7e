import { AuthenticationError, RateLimitError } from "@apis/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { rateLimitWindow } from "@apis/faults/rate-limit";
import { collect, itLeaksNothing, itLogsEachAttempt, tokenEndpointFaultCases, type SeenRequest, useFaultSuite } from "@apis/faults";
import { createClient, listAll, type ClientOptions, type WootricCxiClient } from "../../src/index.js";

const PASSWORD = "wootric-pass-secret-1";
const CLIENT_SECRET = "wootric-client-secret-1";
const SECRETS = [PASSWORD, CLIENT_SECRET, "wootric-at-secret-1", "wootric-at-secret-2", "wootric-at-secret-3", "wootric-rt-secret-1", "wootric-rt-secret-2", "wootric-rt-secret-3"];
const TAGS = [{ id: 1, name: "billing" }];
const GET_TAGS = "GET /v1/tags";
const TOKEN = "POST /oauth/token";

let cxi: WootricCxiClient;
const suite = useFaultSuite(SECRETS, (url, defaults, options: Partial<ClientOptions> = {}) =>
  (cxi = createClient({ baseUrl: url, tokenUrl: `${url}/oauth/token`, auth: { type: "password", username: "ana@example.com", password: PASSWORD }, ...defaults, ...options })));
const { server, collected, connect } = suite;

/** A token endpoint that hands out wootric-at-secret-1, -2, ... in order. */
const issueTokens = (_: SeenRequest, index: number) => ({
  status: 200,
  body: { access_token: `wootric-at-secret-${index + 1}`, refresh_token: `wootric-rt-secret-${index + 1}`, token_type: "bearer", expires_in: 7200 },
});

beforeEach(() => {
  server().script(TOKEN, [issueTokens]);
});

describe("Wootric CXI tokens under faults", () => {
  it("fetches a new token once after a 401 on a revoked token, then succeeds", async () => {
    connect();
    server().script(GET_TAGS, [(request) => (request.headers.authorization === "Bearer wootric-at-secret-1" ? { status: 401, body: { error: "revoked" } } : { status: 200, body: TAGS })]);
    const { data } = await cxi.GET("/v1/tags");
    expect(data).toEqual(TAGS);
    expect(server().count(TOKEN)).toBe(2);
    expect(server().count(GET_TAGS)).toBe(2);
  });

  it("returns the second 401 instead of looping when the new token is refused too", async () => {
    connect();
    server().script(GET_TAGS, [{ status: 401, body: { error: "revoked" } }]);
    const { error, response } = await cxi.GET("/v1/tags");
    expect(response.status).toBe(401);
    expect(error).toEqual({ error: "revoked" });
    expect(server().count(TOKEN)).toBe(2);
    expect(server().count(GET_TAGS)).toBe(2);
  });

  for (const { name, run } of tokenEndpointFaultCases(suite, { route: TOKEN, quoted: `password ${PASSWORD}`, error: AuthenticationError, untouched: GET_TAGS, call: () => connect().GET("/v1/tags") })) it(name, run);

  it("makes exactly one token request for fifty concurrent first requests", async () => {
    connect();
    server().script(GET_TAGS, [{ status: 200, body: TAGS }]);
    const results = await Promise.all(Array.from({ length: 50 }, () => cxi.GET("/v1/tags")));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(server().count(TOKEN)).toBe(1);
    expect(server().count(GET_TAGS)).toBe(50);
    expect(new Set(server().requests.filter((r) => r.pathname === "/v1/tags").map((r) => r.headers.authorization))).toEqual(new Set(["Bearer wootric-at-secret-1"]));
  });

  it("shares one token between client-credentials callers too, and keeps the client secret out of every line", async () => {
    connect({ auth: { type: "clientCredentials", clientId: "app-1", clientSecret: CLIENT_SECRET } });
    server().script(GET_TAGS, [{ status: 200, body: TAGS }]);
    await Promise.all(Array.from({ length: 10 }, () => cxi.GET("/v1/tags")));
    expect(server().count(TOKEN)).toBe(1);
  });
});

describe("Wootric CXI logging", () => {
  itLogsEachAttempt(suite, { route: GET_TAGS, ok: TAGS, call: () => connect().GET("/v1/tags"), shown: "/v1/tags", tokenPath: "/oauth/token" });
});

describe("Wootric CXI rate limits", () => {
  /** Three requests per one-second window, as Wootric reports them; a request over budget gets 429 (and is counted). */
  function limitedTags() {
    const window = rateLimitWindow(3, TAGS);
    return { step: () => window.answer(), refused: window.refused };
  }

  it("paces requests by X-Rate-Limit-Remaining/Reset instead of running into 429s", async () => {
    connect({ maxRetries: 0 });
    const limit = limitedTags();
    server().script(GET_TAGS, [limit.step]);
    for (let i = 0; i < 7; i++) expect((await cxi.GET("/v1/tags")).response.status).toBe(200);
    expect(limit.refused()).toBe(0);
    expect(server().count(GET_TAGS)).toBe(7);
    // Seven requests at three per window span at least two window boundaries.
    const times = server().requests.filter((r) => r.pathname === "/v1/tags").map((r) => r.at);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(1000);
  });

  it("paces concurrent requests too: none is refused", async () => {
    connect({ maxRetries: 0 });
    const limit = limitedTags();
    server().script(GET_TAGS, [limit.step]);
    await cxi.GET("/v1/tags");
    const results = await Promise.all(Array.from({ length: 4 }, () => cxi.GET("/v1/tags")));
    expect(results.map((result) => result.response.status)).toEqual([200, 200, 200, 200]);
    expect(limit.refused()).toBe(0);
  });

  it("sends at once, and meets the 429, when the reset is further away than rateLimit.maxWaitMs", async () => {
    connect({ maxRetries: 0, rateLimit: { maxWaitMs: 200 } });
    const resetIn2Minutes = () => String(Math.floor(Date.now() / 1000) + 120);
    server().script(GET_TAGS, [
      () => ({ status: 200, headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": resetIn2Minutes() }, body: TAGS }),
      () => ({ status: 429, headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": resetIn2Minutes() }, body: { error: "rate limited" } }),
    ]);
    await cxi.GET("/v1/tags");
    const { response } = await cxi.GET("/v1/tags");
    expect(response.status).toBe(429);
    expect(server().count(GET_TAGS)).toBe(2);
    // Sent at once: the server saw the second request long before the two minutes the pacer would have waited.
    const [first, second] = server().requests.filter((request) => request.pathname === "/v1/tags").map((request) => request.at);
    expect(second! - first!).toBeLessThan(60_000);
  });

  // The client waits out a Retry-After of up to a minute; a longer one ends the call at once, and the caller learns
  // how long the vendor asked it to wait from the error, not only that it should "retry later".
  it("a 429 whose Retry-After is over a minute ends listAll at once with a RateLimitError carrying the wait", async () => {
    connect();
    server().script(GET_TAGS, [{ status: 429, headers: { "Retry-After": "3600" }, body: { error: "rate limited" } }]);
    const error = await collect(listAll(cxi, "/v1/tags")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect((error as RateLimitError).message).toMatch(/^Fetching page 1 failed: .*429 .*slow down and retry later\.$/);
    expect(server().count(GET_TAGS)).toBe(1);
  });

  it("does not pace with rateLimit: false", async () => {
    connect({ maxRetries: 0, rateLimit: false });
    const limit = limitedTags();
    server().script(GET_TAGS, [limit.step]);
    const statuses = await Promise.all(Array.from({ length: 5 }, async () => (await cxi.GET("/v1/tags")).response.status));
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});

describe("Wootric CXI fault suite leaks", () => itLeaksNothing(collected, { logs: 50, errors: 3 }));
