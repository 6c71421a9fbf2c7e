// The wait a failing response asked for (`retryAfterMs`), whatever became of its body, and never when the header holds
// a credential: a server that echoes a digits-only key into Retry-After would otherwise have the error carry it, as
// milliseconds, in its JSON and its inspection.
import { describe, expect, it } from "vitest";
import { ApiConnectionError, ApiError, dataOrThrow, InternalServerError, RateLimitError, ResponseTooLargeError } from "../src/index.js";
import { observedClient } from "./fixtures.js";
import { caught, expectNoSecrets } from "./helpers.js";

/** A body that sends `prefix` and then fails, as a connection reset in the middle of a response does. */
function brokenBody(prefix: string) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(prefix));
      controller.error(new TypeError("terminated"));
    },
  });
}

describe("a final 429 or 503 whose body the client could not take keeps its wait", () => {
  it("a 429 whose body is over maxResponseBytes: ResponseTooLargeError with retryAfterMs", async () => {
    const { client, calls } = observedClient(() => new Response("x".repeat(65), { status: 429, headers: { "Retry-After": "120" } }), { maxResponseBytes: 64 });
    const error = await caught(client.GET("/items"));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).retryAfterMs).toBe(120_000);
    expect((error as ResponseTooLargeError).toJSON()).toMatchObject({ status: 429, limit: 64, retryAfterMs: 120_000 });
    // Over a minute: handed on at once, not waited for.
    expect(calls).toHaveLength(1);
  });

  it("a 503 whose body broke off after the retries: ApiConnectionError with the last one's retryAfterMs", async () => {
    const { client, calls } = observedClient(() => new Response(brokenBody('{"error":'), { status: 503, headers: { "retry-after-ms": "2" } }), { maxRetries: 1 });
    const error = await caught(client.GET("/items"));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as ApiConnectionError).status).toBe(503);
    expect((error as ApiConnectionError).retryAfterMs).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it("a body that broke off with no wait asked for lists none", async () => {
    const { client } = observedClient(() => new Response(brokenBody('{"error":'), { status: 503 }), { maxRetries: 0 });
    const error = await caught(client.GET("/items"));
    expect(Object.keys(error as object)).toEqual(["status", "method", "url", "body"]);
  });
});

describe("a wait header that holds a credential is not read", () => {
  // Digits only, as numeric API keys, PINs and some passwords are: a wait in seconds would carry it, times 1000.
  const KEY = "424242424242";

  it.each([
    ["Retry-After, in seconds", { "Retry-After": KEY }],
    ["Retry-After, the key within a longer number", { "Retry-After": `9${KEY}9` }],
    ["retry-after-ms", { "retry-after-ms": KEY }],
  ])("the call's own secret in %s: no retryAfterMs, and the key nowhere in the error", (_, headers) => {
    const error = new RateLimitError("GET /items failed with 429.", { status: 429, headers: new Headers(headers), secrets: [KEY] });
    expect("retryAfterMs" in error).toBe(false);
    expectNoSecrets(error, [KEY]);
  });

  it("a wait that holds no secret is still read beside one", () => {
    const error = new InternalServerError("GET /items failed with 503.", { status: 503, headers: new Headers({ "Retry-After": "30" }), secrets: [KEY] });
    expect(error.retryAfterMs).toBe(30_000);
  });

  it("through a client whose bearer token is digits only: the 429 its helper throws at last carries no wait and no token", async () => {
    const token = "8675309867530986";
    const { client, calls } = observedClient(() => new Response(JSON.stringify({ message: "slow down" }), { status: 429, headers: { "Retry-After": token, "Content-Type": "application/json" } }), {
      auth: { type: "bearer", token },
    });
    const error = await caught(client.GET("/items").then((result) => dataOrThrow(result, "GET")));
    expect(error).toBeInstanceOf(RateLimitError);
    expect("retryAfterMs" in (error as ApiError)).toBe(false);
    expectNoSecrets(error, [token]);
    // A wait not read is none asked for: the 429 is retried after the backoff, as one whose Retry-After is no number.
    expect(calls).toHaveLength(3);
  });
});
