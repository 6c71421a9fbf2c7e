import { afterEach, describe, expect, it, vi } from "vitest";
import { attemptLog } from "../../src/layers/attempt-log.js";
import { pacingLayer } from "../../src/layers/pacing.js";
import { createRateLimiter } from "../../src/rate-limit.js";
import { recordingNext, runLayer } from "./harness.js";

const headers = { remaining: "X-Rate-Limit-Remaining", reset: "X-Rate-Limit-Reset" };

/** A pacing layer whose first answer reports a spent budget resetting `reset` s from now; `lines` gathers its notes. */
function spentBudget(reset: string, maxWaitMs?: number) {
  const lines: string[] = [];
  const layer = pacingLayer(createRateLimiter({ headers, maxWaitMs }), attemptLog({ debug: (line) => lines.push(line) }, "api", 1000));
  const { next, seen } = recordingNext(() => new Response(null, { headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": reset } }));
  const send = (path: string) => runLayer(layer, new Request(`https://api.example.com/${path}`), next).result;
  return { lines, seen, send };
}

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

  it("waits a reset with a fraction of a millisecond in one wait, rounded to the nearest millisecond", async () => {
    vi.useFakeTimers();
    // Reset 1.0006 s from now, plus the limiter's 100 ms of slack: a wait of 1100.6 ms, which rounds up to 1101.
    const { lines, seen, send } = spentBudget("1.0006");
    await send("a");
    const second = send("b");
    await vi.advanceTimersByTimeAsync(1101);
    await second;
    expect(seen).toHaveLength(2);
    expect(lines).toEqual(["GET https://api.example.com/b waits 1101 ms for the rate limit to reset"]);
  });

  it("logs a request sent at once although the budget is spent, when its reset is beyond maxWaitMs", async () => {
    const { lines, seen, send } = spentBudget("60", 1000);
    await send("a");
    await send("b");
    expect(seen).toHaveLength(2);
    expect(lines).toEqual(["GET https://api.example.com/b is sent with the rate limit spent: its reset is beyond rateLimit.maxWaitMs"]);
  });
});
