import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiConnectionError } from "../../src/errors.js";
import { AttemptFailure } from "../../src/layers/attempt-failure.js";
import { defaultShouldRetry, retryLayer } from "../../src/layers/retry.js";
import { recordingNext, runLayer } from "./harness.js";

const retryDelay = { baseMs: 100, maxMs: 1000 };
const connectionFailure = (safe: boolean) => new AttemptFailure("connection", safe, (attempts) => new ApiConnectionError(`failed (${attempts})`));

afterEach(() => {
  vi.useRealTimers();
});

describe("the retry layer", () => {
  it("resends a GET after 503 and returns the 200", async () => {
    vi.useFakeTimers();
    const { next, seen } = recordingNext((_, index) => new Response(null, { status: index === 0 ? 503 : 200 }));
    const { result } = runLayer(retryLayer({ maxRetries: 2, retryDelay, shouldRetry: defaultShouldRetry }), new Request("https://api.example.com/a"), next);
    await vi.runAllTimersAsync();
    expect((await result).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it("returns the 503 as it is when shouldRetry says no", async () => {
    const shouldRetry = vi.fn(() => false);
    const { next, seen } = recordingNext(() => new Response(null, { status: 503 }));
    const { result } = runLayer(retryLayer({ maxRetries: 2, retryDelay, shouldRetry }), new Request("https://api.example.com/a"), next);
    expect((await result).status).toBe(503);
    expect(seen).toHaveLength(1);
    expect(shouldRetry).toHaveBeenCalledWith(expect.objectContaining({ method: "GET", retries: 0 }), expect.anything());
  });

  it("throws the failure's error, counting attempts, once retries run out", async () => {
    vi.useFakeTimers();
    const { next, seen } = recordingNext(() => {
      throw connectionFailure(true);
    });
    const { result } = runLayer(retryLayer({ maxRetries: 1, retryDelay, shouldRetry: defaultShouldRetry }), new Request("https://api.example.com/a"), next);
    const settled = result.catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(((await settled) as Error).message).toBe("failed (2 attempts)");
    expect(seen).toHaveLength(2);
  });

  it("does not resend a failure that is not safe by default", async () => {
    const { next, seen } = recordingNext(() => {
      throw connectionFailure(false);
    });
    const { result } = runLayer(retryLayer({ maxRetries: 2, retryDelay, shouldRetry: defaultShouldRetry }), new Request("https://api.example.com/a", { method: "POST", body: "x" }), next);
    await expect(result).rejects.toThrow("failed (1 attempt)");
    expect(seen).toHaveLength(1);
  });

  it("resends a POST after 503 when its call is safe (a token request's), and tells shouldRetry so", async () => {
    vi.useFakeTimers();
    const shouldRetry = vi.fn(defaultShouldRetry);
    const { next, seen } = recordingNext((_, index) => new Response(null, { status: index === 0 ? 503 : 200 }));
    const request = new Request("https://api.example.com/token", { method: "POST", body: "grant_type=password" });
    const { result } = runLayer(retryLayer({ maxRetries: 2, retryDelay, shouldRetry }), request, next, {}, (call) => (call.safe = true));
    await vi.runAllTimersAsync();
    expect((await result).status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(await seen[1]!.text()).toBe("grant_type=password");
    expect(shouldRetry).toHaveBeenCalledWith(expect.objectContaining({ method: "POST", safe: true, retries: 0 }), expect.anything());
  });

  it("returns a POST's 503 as it is, telling shouldRetry it is not safe", async () => {
    const shouldRetry = vi.fn(defaultShouldRetry);
    const { next, seen } = recordingNext(() => new Response(null, { status: 503 }));
    const { result } = runLayer(retryLayer({ maxRetries: 2, retryDelay, shouldRetry }), new Request("https://api.example.com/a", { method: "POST", body: "x" }), next);
    expect((await result).status).toBe(503);
    expect(seen).toHaveLength(1);
    expect(shouldRetry).toHaveBeenCalledWith(expect.objectContaining({ method: "POST", safe: false }), expect.anything());
  });

  it("returns a 429 that asks for more than 60 s instead of waiting", async () => {
    const { next, seen } = recordingNext(() => new Response(null, { status: 429, headers: { "Retry-After": "120" } }));
    const { result } = runLayer(retryLayer({ maxRetries: 2, retryDelay, shouldRetry: defaultShouldRetry }), new Request("https://api.example.com/a"), next);
    expect((await result).status).toBe(429);
    expect(seen).toHaveLength(1);
  });

  it("sends a clone of a request with a body while it may resend it, and the request itself last", async () => {
    vi.useFakeTimers();
    const { next, seen } = recordingNext(() => new Response(null, { status: 429 }));
    const request = new Request("https://api.example.com/a", { method: "POST", body: "payload" });
    const { result } = runLayer(retryLayer({ maxRetries: 1, retryDelay, shouldRetry: defaultShouldRetry }), request, next);
    await vi.runAllTimersAsync();
    await result;
    expect(seen[0]).not.toBe(request);
    expect(seen[1]).toBe(request);
    expect(await seen[0]!.text()).toBe("payload");
  });

  it("marks a response it will resend as discarded, so inner layers leave its body unread", async () => {
    const { next } = recordingNext(() => new Response(null, { status: 200 }));
    const { call, result } = runLayer(retryLayer({ maxRetries: 2, retryDelay, shouldRetry: defaultShouldRetry }), new Request("https://api.example.com/a"), next);
    await result;
    expect(call.drops.some((drops) => drops(new Response(null, { status: 503 })))).toBe(true);
    expect(call.drops.some((drops) => drops(new Response(null, { status: 404 })))).toBe(false);
  });
});
