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
