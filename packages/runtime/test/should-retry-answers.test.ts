import { describe, expect, it } from "vitest";
import { createTransport, defaultShouldRetry, type RetryOutcome, type ShouldRetry } from "../src/index.js";

// A JavaScript caller's policy that answers something other than a boolean: an async one (a Promise, which is truthy)
// or text. Only true resends, so that no such answer sends a POST twice.
const retryDelay = { baseMs: 1, maxMs: 1 };

describe("shouldRetry's answer", () => {
  it("does not resend a POST that met a 500 when an async shouldRetry answers with a Promise of false", async () => {
    let sent = 0;
    const fetch = async () => (sent++, new Response("{}", { status: 500 }));
    const asyncPolicy = (async (outcome: RetryOutcome) => defaultShouldRetry(outcome)) as unknown as ShouldRetry;
    const send = createTransport({ fetch, maxRetries: 2, retryDelay, shouldRetry: asyncPolicy });
    const response = await send(new Request("https://api.example.com/v1/orders", { method: "POST", body: "{}" }));
    expect(response.status).toBe(500);
    expect(sent).toBe(1);
  });

  it("does not resend a POST whose connection was reset when shouldRetry answers with text other than true", async () => {
    let sent = 0;
    const fetch = async (): Promise<Response> => {
      sent++;
      throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    };
    const textPolicy = (() => "false") as unknown as ShouldRetry;
    const send = createTransport({ fetch, maxRetries: 2, retryDelay, shouldRetry: textPolicy });
    await expect(send(new Request("https://api.example.com/v1/orders", { method: "POST", body: "{}" }))).rejects.toThrow(/\(1 attempt\)/);
    expect(sent).toBe(1);
  });

  it("resends while shouldRetry answers true", async () => {
    let sent = 0;
    const fetch = async () => (sent++, new Response("{}", { status: 503 }));
    const send = createTransport({ fetch, maxRetries: 2, retryDelay, shouldRetry: () => true });
    expect((await send(new Request("https://api.example.com/v1/orders"))).status).toBe(503);
    expect(sent).toBe(3);
  });

  it("is asked once about each response, though the body check asks too whether the response will be discarded", async () => {
    let sent = 0;
    const asked: number[] = [];
    const fetch = async () => new Response("{}", { status: ++sent < 3 ? 503 : 200, headers: { "Content-Type": "application/json" } });
    const send = createTransport({ fetch, maxRetries: 2, retryDelay, shouldRetry: (outcome) => (asked.push(outcome.retries), defaultShouldRetry(outcome)) });
    expect((await send(new Request("https://api.example.com/v1/orders"), { response: "json" })).status).toBe(200);
    expect(sent).toBe(3);
    expect(asked).toEqual([0, 1]);
  });
});
