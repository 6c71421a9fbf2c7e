import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiConnectionError, ApiTimeoutError, ApiUserAbortError, createTokenSource, createTransport } from "../src/index.js";
import { BASE_URL, observedClient } from "./fixtures.js";
import { caught, fakeFetch, json, networkError, never, type Handler } from "./helpers.js";

const setup = observedClient;

const status = (code: number, headers: Record<string, string> = {}) => json({ message: `status ${code}` }, { status: code, headers });

afterEach(() => {
  vi.useRealTimers();
});

describe("retries of idempotent requests", () => {
  it("a GET that meets 503, 503 then 200 succeeds after 3 requests", async () => {
    const { client, calls } = setup((_, __, index) => (index < 2 ? status(503) : json([{ id: 1, name: "a" }])));
    const result = await client.GET("/items");
    expect(result.data).toEqual([{ id: 1, name: "a" }]);
    expect(calls).toHaveLength(3);
    expect(calls.every((call) => call.method === "GET" && call.url.pathname === "/items")).toBe(true);
  });

  it("with maxRetries 0 a GET that meets a 503 is sent once and the 503 is returned", async () => {
    const { client, calls } = setup(() => status(503), { maxRetries: 0 });
    const result = await client.GET("/items");
    expect(calls).toHaveLength(1);
    expect(result.response.status).toBe(503);
    expect(result.error).toEqual({ message: "status 503" });
  });

  it("a GET that keeps meeting 503 is sent 1 + maxRetries times and the last 503 is returned", async () => {
    const { client, calls } = setup(() => status(503), { maxRetries: 3 });
    const result = await client.GET("/items");
    expect(calls).toHaveLength(4);
    expect(result.response.status).toBe(503);
  });

  it("a GET that meets a network error then a 200 is retried", async () => {
    const { client, calls } = setup((_, __, index) => {
      if (index === 0) throw networkError("ECONNRESET");
      return json([]);
    });
    const result = await client.GET("/items");
    expect(result.data).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it("a GET that meets network errors backs off from baseMs, doubling the wait each time", async () => {
    vi.useFakeTimers();
    const { client, calls } = setup((_, __, index) => (index < 2 ? Promise.reject(networkError("ECONNRESET")) : json([])), { retryDelay: { baseMs: 100, maxMs: 10_000 } });
    const pending = client.GET("/items");
    // 100 ms less up to 25 % of jitter, then 200 ms less up to 25 %.
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toHaveLength(3);
    expect((await pending).response.status).toBe(200);
  });

  it("a GET that meets a network error waits its backoff before it is resent", async () => {
    vi.useFakeTimers();
    const { client, calls } = setup(
      (_, __, index) => {
        if (index === 0) throw networkError("ECONNRESET");
        return json([]);
      },
      { retryDelay: { baseMs: 1_000, maxMs: 1_000 } },
    );
    const pending = client.GET("/items");
    // 1000 ms less up to 25 % of jitter: not before 750 ms.
    await vi.advanceTimersByTimeAsync(749);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(251);
    expect(calls).toHaveLength(2);
    expect((await pending).data).toEqual([]);
  });

  it.each([408, 429, 500, 502, 504])("a GET is retried on %i", async (code) => {
    const { client, calls } = setup((_, __, index) => (index === 0 ? status(code) : json([])));
    expect((await client.GET("/items")).response.status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422])("a GET that meets %i is not retried", async (code) => {
    const { client, calls } = setup(() => status(code));
    expect((await client.GET("/items")).response.status).toBe(code);
    expect(calls).toHaveLength(1);
  });

  it("PUT, DELETE, HEAD and OPTIONS are retried on a 503 like GET", async () => {
    const { client, calls } = setup((request) => (calls.filter((call) => call.method === request.method).length === 1 ? status(503) : new Response(null, { status: 200 })));
    await client.PUT("/items/{id}", { params: { path: { id: 1 } }, body: { name: "b" } });
    await client.DELETE("/items/{id}", { params: { path: { id: 1 } } });
    await client.HEAD("/items");
    await client.OPTIONS("/items");
    expect(calls.map((call) => call.method)).toEqual(["PUT", "PUT", "DELETE", "DELETE", "HEAD", "HEAD", "OPTIONS", "OPTIONS"]);
  });

  it("a GET that fails on every attempt throws ApiConnectionError after the retries", async () => {
    const { client, calls } = setup(() => {
      throw networkError("ECONNRESET");
    });
    const error = await caught(client.GET("/items"));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error).not.toBeInstanceOf(ApiTimeoutError);
    expect(calls).toHaveLength(3);
    const apiError = error as ApiConnectionError;
    expect(apiError.method).toBe("GET");
    expect(apiError.url).toBe(`${BASE_URL}/items`);
    expect(apiError.message).toContain("3 attempts");
    expect(apiError.message).toContain("ECONNRESET");
    expect((apiError.cause as Error).message).toBe("fetch failed");
  });

  it("a network error that quotes the credential where its description is cut shows no piece of it", async () => {
    // A fetch wrapper whose error quotes the request's headers; the description of an error stops at 300 characters.
    const { client } = setup(() => {
      throw new TypeError(`${"x".repeat(290)} bearer-secret-token`);
    }, { maxRetries: 0 });
    const error = (await caught(client.GET("/items"))) as ApiConnectionError;
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error.message).not.toContain("bearer-s");
  });

  it("every attempt sends a fresh copy of the original body", async () => {
    const { client, calls } = setup((_, __, index) => (index < 2 ? status(503) : json({ id: 1, name: "b" })));
    await client.PUT("/items/{id}", { params: { path: { id: 7 } }, body: { name: "b" } });
    expect(calls.map((call) => call.body)).toEqual(['{"name":"b"}', '{"name":"b"}', '{"name":"b"}']);
    expect(calls.map((call) => call.headers.get("content-type"))).toEqual(["application/json", "application/json", "application/json"]);
  });

  it("a 401 after a retry and a refresh is read and cleaned like any error: an earlier attempt's refresh does not claim it", async () => {
    let issued = 0;
    const tokens = createTokenSource({ fetchToken: async () => ({ accessToken: `retried-token-${++issued}` }) });
    const { fetch, calls } = fakeFetch((request, _, index) =>
      index === 0 ? json({ message: "busy" }, { status: 503 }) : json({ message: `bad ${request.headers.get("authorization")}` }, { status: 401 }),
    );
    const send = createTransport({ auth: { type: "oauth2", tokens }, fetch, retryDelay: { baseMs: 0, maxMs: 0 } });
    const response = await send(new Request(`${BASE_URL}/items`));
    expect(calls.map((call) => call.headers.get("authorization"))).toEqual(["Bearer retried-token-1", "Bearer retried-token-1", "Bearer retried-token-2"]);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"message":"bad Bearer [redacted]"}');
  });

  it("a response discarded for a retry has its body cancelled", async () => {
    let cancelled = 0;
    const { client } = setup((_, __, index) => {
      if (index > 0) return json([]);
      const body = new ReadableStream({
        pull(controller) {
          controller.enqueue(new TextEncoder().encode("{"));
        },
        cancel() {
          cancelled++;
        },
      });
      return new Response(body, { status: 503 });
    });
    await client.GET("/items");
    expect(cancelled).toBe(1);
  });
});

describe("retries of POST and PATCH", () => {
  it("a POST that meets a 500 is sent once", async () => {
    const { client, calls } = setup(() => status(500));
    const result = await client.POST("/items", { body: { name: "a" } });
    expect(calls).toHaveLength(1);
    expect(result.response.status).toBe(500);
  });

  it("a PATCH that meets a 503 is sent once", async () => {
    const { client, calls } = setup(() => status(503));
    await client.PATCH("/items/{id}", { params: { path: { id: 1 } }, body: { name: "a" } });
    expect(calls).toHaveLength(1);
  });

  it("a POST that meets a 429 is retried", async () => {
    const { client, calls } = setup((_, __, index) => (index === 0 ? status(429) : json({ id: 1, name: "a" }, { status: 201 })));
    const result = await client.POST("/items", { body: { name: "a" } });
    expect(result.data).toEqual({ id: 1, name: "a" });
    expect(calls.map((call) => call.body)).toEqual(['{"name":"a"}', '{"name":"a"}']);
  });

  it("a POST whose connection was refused is retried", async () => {
    const { client, calls } = setup((_, __, index) => {
      if (index === 0) throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      return json({ id: 1, name: "a" }, { status: 201 });
    });
    const result = await client.POST("/items", { body: { name: "a" } });
    expect(result.response.status).toBe(201);
    expect(calls).toHaveLength(2);
  });

  it("a connection refused deep in the cause chain or inside an AggregateError counts as not sent", async () => {
    const nested = new TypeError("fetch failed", { cause: new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "all failed") });
    const { client, calls } = setup((_, __, index) => {
      if (index === 0) throw nested;
      return json({ id: 1, name: "a" }, { status: 201 });
    });
    await client.POST("/items", { body: { name: "a" } });
    expect(calls).toHaveLength(2);
  });

  it("a POST that fails with ECONNRESET is not retried and throws ApiConnectionError", async () => {
    const { client, calls } = setup(() => {
      throw networkError("ECONNRESET");
    });
    const error = await caught(client.POST("/items", { body: { name: "a" } }));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(calls).toHaveLength(1);
    expect((error as Error).message).toContain("Not retried: the server may have acted on it");
    expect((error as ApiConnectionError).method).toBe("POST");
  });

  it("a request made with a lower-case method fetch does not normalise (patch) is named upper-cased in its error and to shouldRetry", async () => {
    const methods: string[] = [];
    const send = createTransport({
      fetch: async () => Promise.reject(networkError("ECONNRESET")),
      shouldRetry: (outcome) => (methods.push(outcome.method), false),
    });
    const error = await caught(send(new Request(`${BASE_URL}/items/1`, { method: "patch", body: "{}" })));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as ApiConnectionError).message).toMatch(/^PATCH https:\/\/api\.example\.com\/items\/1 failed /);
    expect((error as ApiConnectionError).method).toBe("PATCH");
    expect(methods).toEqual(["PATCH"]);
  });

  it("a token endpoint's transport (purpose: token) resends a POST after a 503 or a reset, as it would a GET; an API transport does not", async () => {
    for (const purpose of ["token", "api"] as const) {
      const fake = fakeFetch((_, __, index) => {
        if (index === 0) return status(503);
        if (index === 1) throw networkError("ECONNRESET");
        return new Response("{}");
      });
      const send = createTransport({ fetch: fake.fetch, purpose, retryDelay: { baseMs: 1 } });
      const response = await send(new Request("https://auth.example.com/token", { method: "post", body: "grant_type=password" }));
      expect([purpose, response.status, fake.calls.length]).toEqual(purpose === "token" ? ["token", 200, 3] : ["api", 503, 1]);
    }
  });

  // What the client passes for an operation marked x-idempotent; a JavaScript caller's "false" is no mark.
  it("a POST sent with safe: true is resent after a 503 like a GET; with safe: \"false\" it is not", async () => {
    for (const safe of [true, "false"]) {
      const fake = fakeFetch((_, __, index) => (index === 0 ? status(503) : new Response("[]")));
      const send = createTransport({ fetch: fake.fetch, retryDelay: { baseMs: 1 } });
      const response = await send(new Request("https://api.example.com/counts", { method: "POST", body: "[1]" }), { safe: safe as boolean });
      expect([safe, response.status, fake.calls.map((call) => call.body)]).toEqual(safe === true ? [true, 200, ["[1]", "[1]"]] : ["false", 503, ["[1]"]]);
    }
  });
});

describe("Retry-After", () => {
  // The first answer asks for a wait; the second attempt goes out exactly when it is over, not a millisecond before.
  it.each([
    ["a Retry-After in seconds is waited for exactly", 503, { "Retry-After": "3" }, 3_000],
    ["a Retry-After given as an HTTP date is waited for until that date", 429, { "Retry-After": new Date("2030-01-01T00:00:05Z").toUTCString() }, 5_000],
    ["a retry-after-ms header is honoured", 503, { "retry-after-ms": "250" }, 250],
    ["a Retry-After of exactly 60 s, the most waited for, is waited for", 429, { "Retry-After": "60" }, 60_000],
  ] as const)("%s", async (_, code, headers, waitMs) => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const { client, calls } = setup((_, __, index) => (index === 0 ? status(code, headers) : json([])));
    const pending = client.GET("/items");
    await vi.advanceTimersByTimeAsync(waitMs - 1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect((await pending).response.status).toBe(200);
  });

  it("a Retry-After of 0 resends at once, without the backoff it replaces", async () => {
    vi.useFakeTimers();
    const { client, calls } = setup((_, __, index) => (index === 0 ? status(503, { "Retry-After": "0" }) : json([])), { retryDelay: { baseMs: 1000, maxMs: 1000 } });
    const pending = client.GET("/items");
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect((await pending).response.status).toBe(200);
  });

  it("a Retry-After over 60 s is not waited for: the response is returned at once", async () => {
    vi.useFakeTimers();
    const { client, calls } = setup(() => status(429, { "Retry-After": "120" }));
    const pending = client.GET("/items");
    await vi.advanceTimersByTimeAsync(0);
    const result = await pending;
    expect(calls).toHaveLength(1);
    expect(result.response.status).toBe(429);
    expect(result.response.headers.get("retry-after")).toBe("120");
  });

  it("without Retry-After the backoff grows exponentially and stays under maxMs", async () => {
    vi.useFakeTimers();
    const delays: number[] = [];
    const { client, calls } = setup(() => status(503), { maxRetries: 4, retryDelay: { baseMs: 100, maxMs: 300 } });
    const pending = client.GET("/items");
    let last = Date.now();
    for (let seen = 1; seen < 5; ) {
      await vi.advanceTimersByTimeAsync(1);
      if (calls.length > seen) {
        delays.push(Date.now() - last);
        last = Date.now();
        seen = calls.length;
      }
    }
    await pending;
    // base * 2^n less up to 25 % jitter, capped at maxMs.
    expect(delays[0]).toBeGreaterThanOrEqual(75);
    expect(delays[0]).toBeLessThanOrEqual(101);
    expect(delays[1]).toBeGreaterThanOrEqual(150);
    expect(delays[1]).toBeLessThanOrEqual(201);
    expect(delays[2]).toBeGreaterThanOrEqual(225);
    expect(delays[2]).toBeLessThanOrEqual(301);
    expect(delays[3]).toBeLessThanOrEqual(301);
  });
});

describe("timeouts and cancellation", () => {
  it("a fetch that never answers rejects with ApiTimeoutError after 1 + maxRetries attempts", async () => {
    vi.useFakeTimers();
    const { client, calls } = setup((request) => never(request), { timeoutMs: 1_000, maxRetries: 2 });
    const outcome = caught(client.GET("/items"));
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(calls).toHaveLength(3);
    expect((error as Error).message).toContain("within 1000 ms (3 attempts)");
  });

  it("a POST that times out is not sent again", async () => {
    vi.useFakeTimers();
    const { client, calls } = setup((request) => never(request), { timeoutMs: 1_000 });
    const outcome = caught(client.POST("/items", { body: { name: "a" } }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await outcome).toBeInstanceOf(ApiTimeoutError);
    expect(calls).toHaveLength(1);
  });

  it("the timeout covers a buffered body too: a JSON body that stalls after its headers ends in ApiTimeoutError", async () => {
    vi.useFakeTimers();
    const cancelled: unknown[] = [];
    const { client, calls } = setup(
      () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("[{"));
          },
          cancel(reason) {
            cancelled.push(reason);
          },
        });
        return new Response(body, { headers: { "Content-Type": "application/json" } });
      },
      { timeoutMs: 1_000, maxRetries: 1 },
    );
    const outcome = caught(client.GET("/items"));
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect((error as Error).message).toContain("returned 200 but its body was not read in full within 1000 ms (2 attempts)");
    expect(calls).toHaveLength(2);
    expect(cancelled).toHaveLength(2);
  });

  it("the timeout covers a buffered body that stalls when the caller passed a signal of its own too", async () => {
    vi.useFakeTimers();
    const { client } = setup(() => new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode("[{")) }), { headers: { "Content-Type": "application/json" } }), {
      timeoutMs: 1_000,
      maxRetries: 0,
    });
    let settled: unknown;
    void caught(client.GET("/items", { signal: new AbortController().signal })).then((error) => (settled = error));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(settled).toBeInstanceOf(ApiTimeoutError);
  });

  it("the timeout stops at the headers of a streamed body (parseAs: stream): a slow download is not cut off by it", async () => {
    vi.useFakeTimers();
    const { client } = setup(
      () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            setTimeout(() => {
              controller.enqueue(new TextEncoder().encode("[]"));
              controller.close();
            }, 5_000);
          },
        });
        return new Response(body, { headers: { "Content-Type": "application/json" } });
      },
      { timeoutMs: 1_000 },
    );
    const { data } = await client.GET("/items", { parseAs: "stream" });
    const text = new Response(data as ReadableStream<Uint8Array>).text();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(await text).toBe("[]");
  });

  it("a caller's AbortSignal aborted during a backoff rejects at once with ApiUserAbortError and sends nothing more", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { client, calls } = setup(() => status(503), { retryDelay: { baseMs: 30_000, maxMs: 30_000 } });
    const outcome = caught(client.GET("/items", { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(1);
    controller.abort(new Error("user gave up"));
    // No timer is advanced: the rejection must not wait for the backoff to end.
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expect((error as ApiUserAbortError).cause).toEqual(new Error("user gave up"));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
  });

  it("a caller's AbortSignal aborted while a request is in flight rejects with ApiUserAbortError, not a timeout", async () => {
    const controller = new AbortController();
    const { client, calls } = setup((request) => {
      queueMicrotask(() => controller.abort());
      return never(request);
    });
    expect(await caught(client.GET("/items", { signal: controller.signal }))).toBeInstanceOf(ApiUserAbortError);
    expect(calls).toHaveLength(1);
  });

  it("a caller's AbortSignal aborted while a buffered body is read rejects with ApiUserAbortError and cancels the body", async () => {
    const controller = new AbortController();
    let cancelled = false;
    const { client } = setup(() => {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode("[{"));
          setTimeout(() => controller.abort(new Error("user gave up")), 0);
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(body, { headers: { "Content-Type": "application/json" } });
    });
    const error = await caught(client.GET("/items", { signal: controller.signal }));
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expect(cancelled).toBe(true);
  });

  it("a caller's AbortSignal aborted while a POST's buffered body is read rejects with ApiUserAbortError, not as a body failure not resent", async () => {
    const controller = new AbortController();
    const { client, calls } = setup(() => {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode("{"));
          setTimeout(() => controller.abort(new Error("user gave up")), 0);
        },
      });
      return new Response(body, { headers: { "Content-Type": "application/json" } });
    });
    const error = await caught(client.POST("/items", { body: { name: "a" }, signal: controller.signal }));
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expect(calls).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { client, calls } = setup(() => json([]));
    expect(await caught(client.GET("/items", { signal: AbortSignal.abort() }))).toBeInstanceOf(ApiUserAbortError);
    expect(calls).toHaveLength(0);
  });

  // A streamed request body is the caller's source (a file being read): a call that ends before sending it must cancel
  // it, or the source (its file descriptor) stays open for as long as the process runs. A retry copy tees the body, so
  // every branch must be cancelled for the cancel to reach the source.
  for (const [name, when, auth] of [
    ["a caller's signal aborted before the call", "before", { type: "bearer", token: "bearer-token-1" }],
    ["a caller's signal aborted while the body is read to move it (query auth)", "during", { type: "query", name: "access_token", value: "query-token-1" }],
  ] as const) {
    it(`${name} cancels the request's streamed body, so its source is let go`, async () => {
      let sent = 0;
      const send = createTransport({ auth, fetch: async () => (sent++, json({})) });
      const cancelled = new Promise((resolve) => {
        const source = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}), cancel: resolve });
        const controller = new AbortController();
        if (when === "before") controller.abort(new Error("caller stops"));
        else setTimeout(() => controller.abort(new Error("caller stops")), 10);
        const request = new Request("https://api.example.com/files", { method: "POST", body: source, duplex: "half", signal: controller.signal } as RequestInit);
        void caught(send(request, { response: "json" }));
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A bound on "never", not on speed: 2 s was too short on a loaded machine (helper-275 saw it fail twice).
      const outcome = await Promise.race([cancelled.then(() => "cancelled"), new Promise((resolve) => (timer = setTimeout(resolve, 10_000, "the source is still open 10 s later")))]);
      clearTimeout(timer);
      expect(outcome).toBe("cancelled");
      expect(sent).toBe(0);
    }, 20_000);
  }

  // Every attempt but the last is sent from a copy of the request (its body tee'd), and OAuth 2 copies it once more to
  // resend after a 401: a copy neither sent nor read keeps its branch of the body open, and with it the source.
  const tokens = { getToken: async () => "oauth-token-1", invalidate: () => {} };
  for (const [name, options, sendOptions] of [
    ["while an OAuth 2 request's credential body is read to move it", { auth: { type: "oauth2", tokens } }, { credentialBody: true }],
    ["while it waits for the rate limit to reset", { auth: { type: "bearer", token: "bearer-token-1" }, rateLimit: { headers: { remaining: "X-Left", reset: "X-Reset" } } }, {}],
  ] as const) {
    it(`a caller's signal aborted ${name} cancels the request's streamed body, so its source is let go`, async () => {
      let sent = 0;
      // The budget is spent for 30 s: a request after the first waits for it.
      const send = createTransport({ ...options, fetch: async () => (sent++, json({}, { headers: { "X-Left": "0", "X-Reset": "30" } })) });
      await send(new Request("https://api.example.com/items"));
      const cancelled = new Promise((resolve) => {
        const source = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}), cancel: resolve });
        const controller = new AbortController();
        setTimeout(() => controller.abort(new Error("caller stops")), 10);
        const request = new Request("https://api.example.com/files", { method: "POST", body: source, duplex: "half", signal: controller.signal } as RequestInit);
        void caught(send(request, { response: "json", ...sendOptions }));
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A bound on "never", not on speed: 2 s was too short on a loaded machine (helper-275 saw it fail twice).
      const outcome = await Promise.race([cancelled.then(() => "cancelled"), new Promise((resolve) => (timer = setTimeout(resolve, 10_000, "the source is still open 10 s later")))]);
      clearTimeout(timer);
      expect(outcome).toBe("cancelled");
      expect(sent).toBe(1);
    }, 20_000);
  }
});

describe("createTransport", () => {
  it("sends a bare Request through the same rules, resolving the fetch at call time", async () => {
    const original = globalThis.fetch;
    const fake = fakeFetch((_, __, index) => (index === 0 ? status(502) : new Response("ok")));
    const send = createTransport({ retryDelay: { baseMs: 1 } });
    globalThis.fetch = fake.fetch as typeof fetch;
    try {
      const response = await send(new Request("https://api.example.com/x"));
      expect(await response.text()).toBe("ok");
      expect(fake.calls).toHaveLength(2);
    } finally {
      globalThis.fetch = original;
    }
  });

  it("hands the platform's fetch the caller's request unchanged, with the attempt's signal and credential as init", async () => {
    vi.useFakeTimers();
    const original = globalThis.fetch;
    const received: Array<{ input: unknown; init: RequestInit | undefined }> = [];
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      received.push({ input, init });
      return never(new Request("https://api.example.com/x", { signal: init?.signal ?? null }));
    }) as typeof fetch;
    try {
      const send = createTransport({ auth: { type: "bearer", token: "tok-init-1" }, timeoutMs: 1000, maxRetries: 0 });
      const request = new Request("https://api.example.com/x");
      const settled = send(request).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(1000);
      expect(await settled).toBeInstanceOf(ApiTimeoutError);
      expect(received).toHaveLength(1);
      expect(received[0]!.input).toBe(request);
      expect(request.headers.has("authorization")).toBe(false);
      expect(new Headers(received[0]!.init!.headers).get("authorization")).toBe("Bearer tok-init-1");
      expect(received[0]!.init!.signal!.aborted).toBe(true);
    } finally {
      globalThis.fetch = original;
    }
  });

  it("names the request in its errors without the URL's fragment, where an implicit flow puts a token", async () => {
    const send = createTransport({ fetch: async () => Promise.reject(networkError("ECONNRESET")), maxRetries: 0 });
    const error = await caught(send(new Request(`${BASE_URL}/callback#opaquefragmentvalue`, { method: "POST" })));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as Error).message).toMatch(/^POST https:\/\/api\.example\.com\/callback#\[redacted\] failed /);
  });

  it("hands on unread, and sends once, a HEAD answer a fetch of the caller's gave a body that is not JSON", async () => {
    const fake = fakeFetch(() => new Response("<html></html>", { headers: { "Content-Type": "text/html" } }));
    const send = createTransport({ fetch: fake.fetch });
    const response = await send(new Request(`${BASE_URL}/items`, { method: "HEAD" }), { response: "json" });
    expect(response.status).toBe(200);
    expect(fake.calls).toHaveLength(1);
  });

  it("refuses a request whose body was already read, before sending anything and without a retry", async () => {
    const { fetch, calls } = fakeFetch(() => new Response("ok"));
    const request = new Request("https://api.example.com/x", { method: "PUT", body: "once" });
    await request.text();
    const error = await caught(createTransport({ fetch })(request));
    expect(error).toMatchObject({ name: "InputError", message: expect.stringMatching(/body was already read/) });
    expect(calls).toHaveLength(0);
  });

  // Origins found secure are recognised by their prefix up to the path's "/"; a redirect hop is only checked against
  // its request's origin, so a host that merely begins with a loopback one must be checked afresh.
  it("refuses plain http to a host whose name begins with a loopback origin already sent to", async () => {
    const { fetch, calls } = fakeFetch(() => new Response("ok"));
    const send = createTransport({ fetch, maxRetries: 0 });
    for (const [loopback, other] of [["http://127.0.0.1", "http://127.0.0.1.nip.io"], ["http://localhost", "http://localhost.evil.test"]]) {
      await send(new Request(`${loopback}/a`));
      expect(await caught(send(new Request(`${other}/b`)))).toMatchObject({ name: "InputError", field: "url" });
    }
    expect(calls.map((call) => call.url.hostname)).toEqual(["127.0.0.1", "localhost"]);
  });

  it("rejects nonsensical options with an InputError naming the option", () => {
    expect(() => createTransport({ maxRetries: -1 })).toThrow(/maxRetries must be an integer from 0 to 10, got -1/);
    expect(() => createTransport({ maxRetries: 1.5 })).toThrow(/maxRetries/);
    expect(() => createTransport({ timeoutMs: 0 })).toThrow(/timeoutMs must be an integer from 1 to 2147483647, got 0/);
  });
});

describe("createTransport's auth", () => {
  // A vendor's clients skip these checks (their builders made the auth); createTransport is given it by the caller.
  it("refuses an auth that is no object, or of no known type, before anything is sent, naming the field", () => {
    expect(() => createTransport({ auth: "bearer" as never })).toThrow(expect.objectContaining({ field: "auth", message: 'auth is required: an object whose type is "none", "bearer", "basic", "oauth2" or "query"' }));
    expect(() => createTransport({ auth: { type: "jwt" } as never })).toThrow(expect.objectContaining({ field: "auth.type", message: 'Unknown auth type "jwt": use "none", "bearer", "basic", "oauth2" or "query"' }));
    expect(() => createTransport({ auth: { type: "toString" } as never })).toThrow(expect.objectContaining({ field: "auth.type" }));
  });

  it("reads an auth left out as none", async () => {
    const requests: Request[] = [];
    const send = createTransport({ fetch: async (request: Request) => (requests.push(request), new Response("ok")) });
    expect((await send(new Request(`${BASE_URL}/items`))).status).toBe(200);
    expect(requests[0]!.headers.get("authorization")).toBeNull();
  });
});
