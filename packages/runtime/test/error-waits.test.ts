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
    // Not an echo but the key written as another number, which the wait would carry as the key again.
    ["Retry-After, in seconds with the point moved", { "Retry-After": `${KEY.slice(0, -3)}.${KEY.slice(-3)}` }],
    ["retry-after-ms with an exponent", { "retry-after-ms": "4.24242424242e11" }],
    ["retry-after-ms in hex", { "retry-after-ms": `0x${(+KEY).toString(16)}` }],
  ])("the call's own secret in %s: no retryAfterMs, and the key nowhere in the error", (_, headers) => {
    const error = new RateLimitError("GET /items failed with 429.", { status: 429, headers: new Headers(headers), secrets: [KEY] });
    expect("retryAfterMs" in error).toBe(false);
    expectNoSecrets(error, [KEY]);
  });

  it("a shorter key moved within the number is caught by the wait's own digits", () => {
    const key = "7654321";
    for (const headers of [{ "Retry-After": "7654.321" }, { "retry-after-ms": key }, { "Retry-After": key }] as Record<string, string>[]) {
      const error = new RateLimitError("GET /items failed with 429.", { status: 429, headers: new Headers(headers), secrets: [key] });
      expect("retryAfterMs" in error, JSON.stringify(headers)).toBe(false);
      expectNoSecrets(error, [key]);
    }
  });

  // Any key the server knows could be written into the number some other way: a wait of at most 2^31-1 ms (about 24.8
  // days, the longest sleep and any timer keep) bounds what a server chooses to 10 digits.
  it("keeps a wait up to 2^31-1 ms, the longest a timer keeps, and none longer", () => {
    const wait = (headers: Record<string, string>) => new RateLimitError("refused", { status: 429, headers: new Headers(headers) }).retryAfterMs;
    expect(wait({ "retry-after-ms": String(2 ** 31 - 1) })).toBe(2 ** 31 - 1);
    expect(wait({ "retry-after-ms": String(2 ** 31) })).toBeUndefined();
    expect(wait({ "Retry-After": String(30 * 86_400) })).toBeUndefined();
  });

  it("a wait that holds no secret is still read beside one", () => {
    const error = new InternalServerError("GET /items failed with 503.", { status: 503, headers: new Headers({ "Retry-After": "30" }), secrets: [KEY] });
    expect(error.retryAfterMs).toBe(30_000);
  });

  it("through a client whose bearer token is digits only: the 429 its helper throws carries no wait and no token", async () => {
    const token = "8675309867530986";
    const { client, calls } = observedClient(() => new Response(JSON.stringify({ message: "slow down" }), { status: 429, headers: { "Retry-After": token, "Content-Type": "application/json" } }), {
      auth: { type: "bearer", token },
    });
    const error = await caught(client.GET("/items").then((result) => dataOrThrow(result, "GET")));
    expect(error).toBeInstanceOf(RateLimitError);
    expect("retryAfterMs" in (error as ApiError)).toBe(false);
    expectNoSecrets(error, [token]);
    // Asked for longer than a minute: handed on at once, not retried.
    expect(calls).toHaveLength(1);
  });
});
