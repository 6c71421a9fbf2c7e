// A fetch or middleware of the caller's that never looks at the signal it is handed (a wrapper that passes on only the
// URL and headers, a layer awaiting something of its own): the attempt's timeout and the caller's abort end the attempt
// all the same, instead of a call that waits for ever on a server that stalls.
import { describe, expect, it } from "vitest";
import { ApiTimeoutError, ApiUserAbortError, createOAuth2TokenSource, createTransport, type AttemptMiddleware } from "../src/index.js";
import { observedClient } from "./fixtures.js";
import { caught, json } from "./helpers.js";

const stalls = () => new Promise<Response>(() => {});
const noWait = { baseMs: 0, maxMs: 0 };

describe("a fetch that ignores its signal", () => {
  it("ends at timeoutMs with an ApiTimeoutError", async () => {
    const send = createTransport({ fetch: stalls, timeoutMs: 20, maxRetries: 0 });
    const error = await caught(send(new Request("https://api.example.com/items")));
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect((error as Error).message).toContain("got no response within 20 ms");
  });

  it("ends with the attempt's own TimeoutError as the cause, as a fetch that heeds its signal rejects with", async () => {
    const send = createTransport({ fetch: stalls, timeoutMs: 20, maxRetries: 0 });
    const error = await caught(send(new Request("https://api.example.com/items")));
    expect((error as Error).cause).toMatchObject({ name: "TimeoutError", message: "timed out after 20 ms" });
  });

  it("is retried once its attempt timed out, and the call gets the next attempt's answer", async () => {
    const { client, calls } = observedClient((_request, _call, index) => (index === 0 ? stalls() : json([{ id: 1, name: "a" }])), {
      timeoutMs: 20,
      maxRetries: 1,
      retryDelay: noWait,
    });
    const { data } = await client.GET("/items");
    expect(data).toEqual([{ id: 1, name: "a" }]);
    expect(calls).toHaveLength(2);
  });

  it("ends when the caller aborts, with an ApiUserAbortError", async () => {
    const { client, calls } = observedClient(stalls, { timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = caught(client.GET("/items", { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await pending).toBeInstanceOf(ApiUserAbortError);
    expect(calls).toHaveLength(1);
  });
});

describe("middleware that ignores the attempt's signal", () => {
  it("ends at timeoutMs with an ApiTimeoutError, whether it never calls next or waits after it", async () => {
    const before: AttemptMiddleware = () => stalls();
    const after: AttemptMiddleware = async (request, next) => {
      await next(request);
      return stalls();
    };
    for (const layer of [before, after]) {
      const send = createTransport({ fetch: async () => new Response("ok"), timeoutMs: 20, maxRetries: 0, middleware: [layer] });
      expect(await caught(send(new Request("https://api.example.com/items")))).toBeInstanceOf(ApiTimeoutError);
    }
  });
});

describe("a token endpoint's fetch that ignores its signal", () => {
  it("ends the token request at timeoutMs with an ApiTimeoutError", async () => {
    const tokens = createOAuth2TokenSource({
      tokenUrl: "https://auth.example.com/oauth/token",
      grant: { type: "client_credentials", clientId: "app", clientSecret: "signal-ignored-secret-1" },
      fetch: stalls,
      timeoutMs: 20,
      maxRetries: 0,
    });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect((error as Error).message).toContain("got no response within 20 ms");
  });
});

describe("what a fetch or middleware that ignores its signal does after its attempt ended", () => {
  // A gate the test opens once the caller has its error: the late step runs only then, whatever the machine's load.
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("a response that comes after the timeout has its body cancelled, so its connection is freed", async () => {
    const late = gate();
    let cancelled = false;
    const fetch = async () => {
      await late.opened;
      return new Response(new ReadableStream({ cancel: () => void (cancelled = true) }), { headers: { "Content-Type": "application/json" } });
    };
    const send = createTransport({ fetch, timeoutMs: 20, maxRetries: 0 });
    expect(await caught(send(new Request("https://api.example.com/items")))).toBeInstanceOf(ApiTimeoutError);
    late.open();
    await settle();
    expect(cancelled).toBe(true);
  });

  it("a response a layer got and then stalled on is let go once the attempt times out: its body is cancelled", async () => {
    let cancelled = false;
    const fetch = async () => new Response(new ReadableStream({ cancel: () => void (cancelled = true) }), { headers: { "Content-Type": "application/json" } });
    const stallsAfter: AttemptMiddleware = async (request, next) => {
      await next(request);
      return stalls();
    };
    const send = createTransport({ fetch, timeoutMs: 20, maxRetries: 0, middleware: [stallsAfter] });
    expect(await caught(send(new Request("https://api.example.com/items")))).toBeInstanceOf(ApiTimeoutError);
    await settle();
    expect(cancelled).toBe(true);
  });

  it("a late answer whose body cannot be cancelled (node-fetch's, a Node stream) is dropped without an unhandled rejection", async () => {
    const late = gate();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const fetch = async () => {
        await late.opened;
        return { status: 200, headers: new Headers(), body: {} } as unknown as Response;
      };
      const send = createTransport({ fetch, timeoutMs: 20, maxRetries: 0 });
      expect(await caught(send(new Request("https://api.example.com/items")))).toBeInstanceOf(ApiTimeoutError);
      late.open();
      // Node reports unhandled rejections after the microtask queue drains: give it a macrotask turn.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a layer that calls next after its attempt timed out sends nothing: no POST goes out after the caller got its timeout", async () => {
    const late = gate();
    const sent: string[] = [];
    const fetch = async (request: Request) => (sent.push(request.method), new Response("{}"));
    const slow: AttemptMiddleware = async (request, next) => {
      await late.opened;
      return next(request);
    };
    const send = createTransport({ fetch, timeoutMs: 20, maxRetries: 3, retryDelay: noWait, middleware: [slow] });
    expect(await caught(send(new Request("https://api.example.com/items", { method: "POST", body: "{}" })))).toBeInstanceOf(ApiTimeoutError);
    late.open();
    await settle();
    expect(sent).toEqual([]);
  });

  it("a GET retried after a layer's late attempt is sent once, by the attempt that is still on", async () => {
    const late = gate();
    const sent: string[] = [];
    const fetch = async (request: Request) => (sent.push(request.method), json([]));
    let attempts = 0;
    const slowFirst: AttemptMiddleware = async (request, next) => {
      if (attempts++ === 0) await late.opened;
      return next(request);
    };
    const send = createTransport({ fetch, timeoutMs: 20, maxRetries: 1, retryDelay: noWait, middleware: [slowFirst] });
    expect((await send(new Request("https://api.example.com/items"))).status).toBe(200);
    late.open();
    await settle();
    expect(sent).toEqual(["GET"]);
  });
});
