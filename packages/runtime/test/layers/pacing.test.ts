import { afterEach, describe, expect, it, vi } from "vitest";
import { attemptLog } from "../../src/layers/attempt-log.js";
import { pacingLayer } from "../../src/layers/pacing.js";
import { createRateLimiter } from "../../src/rate-limit.js";
import { recordingNext, runLayer } from "./harness.js";

const headers = { remaining: "X-Rate-Limit-Remaining", reset: "X-Rate-Limit-Reset" };

afterEach(() => {
  vi.useRealTimers();
});

describe("the pacing layer", () => {
  it("holds a request until the spent budget resets, and logs the wait", async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const layer = pacingLayer(createRateLimiter({ headers }), attemptLog({ debug: (line) => lines.push(line) }, "api", 1000));
    const { next, seen } = recordingNext(() => new Response(null, { headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": "2" } }));
    await runLayer(layer, new Request("https://api.example.com/a"), next).result;
    const second = runLayer(layer, new Request("https://api.example.com/b"), next).result;
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1200);
    await second;
    expect(seen).toHaveLength(2);
    expect(lines).toEqual([expect.stringMatching(/^GET https:\/\/api\.example\.com\/b waits 2\d\d\d ms for the rate limit to reset$/)]);
  });

  it("names a token endpoint's request as such in its notes, as in its attempt lines", async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const layer = pacingLayer(createRateLimiter({ headers }), attemptLog({ debug: (line) => lines.push(line) }, "token", 1000));
    const { next } = recordingNext(() => new Response(null, { headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": "2" } }));
    await runLayer(layer, new Request("https://auth.example.com/oauth/token", { method: "POST" }), next).result;
    const second = runLayer(layer, new Request("https://auth.example.com/oauth/token", { method: "POST" }), next).result;
    await vi.advanceTimersByTimeAsync(2200);
    await second;
    expect(lines).toEqual([expect.stringMatching(/^token request POST https:\/\/auth\.example\.com\/oauth\/token waits 2\d\d\d ms for the rate limit to reset$/)]);
  });

  it("sends at once while budget is left", async () => {
    const layer = pacingLayer(createRateLimiter({ headers }), attemptLog(undefined, "api", 1000));
    const { next, seen } = recordingNext(() => new Response(null, { headers: { "X-Rate-Limit-Remaining": "5", "X-Rate-Limit-Reset": "60" } }));
    await runLayer(layer, new Request("https://api.example.com/a"), next).result;
    await runLayer(layer, new Request("https://api.example.com/a"), next).result;
    expect(seen).toHaveLength(2);
  });
});
