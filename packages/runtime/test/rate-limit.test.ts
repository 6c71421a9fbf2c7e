import { describe, expect, it } from "vitest";
import { InputError } from "../src/index.js";
import { createRateLimiter } from "../src/rate-limit.js";

const headers = { remaining: "X-Rate-Limit-Remaining", reset: "X-Rate-Limit-Reset" };
const budget = (remaining: number, reset: number) => new Headers({ "X-Rate-Limit-Remaining": String(remaining), "X-Rate-Limit-Reset": String(reset) });

describe("createRateLimiter", () => {
  it("lets requests through while the budget is unknown", () => {
    const limiter = createRateLimiter({ headers });
    expect(limiter.reserve(0)).toEqual({ waitMs: 0, capped: false });
  });

  it("spends the reported budget, then makes the next request wait until the reset", () => {
    const limiter = createRateLimiter({ headers });
    const now = 1_700_000_000_000;
    limiter.update(budget(2, now / 1000 + 10), now);
    expect(limiter.reserve(now).waitMs).toBe(0);
    expect(limiter.reserve(now).waitMs).toBe(0);
    // 100 ms of slack past the reset, since timers may fire early and vendors round the reset down.
    expect(limiter.reserve(now + 1000).waitMs).toBe(9100);
    expect(limiter.reserve(now + 10_100).waitMs).toBe(0);
  });

  it("reads a reset below 10^9 as seconds from now", () => {
    const limiter = createRateLimiter({ headers });
    limiter.update(budget(0, 5), 1000);
    expect(limiter.reserve(1000).waitMs).toBe(5100);
  });

  it("sends at once, flagged as capped, when the reset is further away than maxWaitMs", () => {
    const limiter = createRateLimiter({ headers, maxWaitMs: 1000 });
    limiter.update(budget(0, 60), 0);
    expect(limiter.reserve(0)).toEqual({ waitMs: 0, capped: true });
  });

  it("ignores a stale response that reports an older window", () => {
    const limiter = createRateLimiter({ headers });
    limiter.update(budget(0, 2_000_000_020), 2_000_000_000_000);
    limiter.update(budget(50, 2_000_000_010), 2_000_000_000_000);
    expect(limiter.reserve(2_000_000_000_000).waitMs).toBe(20_100);
  });

  it("lets the next response's budget replace a reset further away than maxWaitMs (one given in milliseconds, years away)", () => {
    const limiter = createRateLimiter({ headers });
    const now = 1_800_000_000_000;
    // X-Rate-Limit-Reset in milliseconds reads as a reset some 57 000 years away: every request after it went capped.
    limiter.update(budget(0, now), now);
    expect(limiter.reserve(now).capped).toBe(true);
    limiter.update(budget(100, now / 1000 + 60), now + 1000);
    expect(limiter.reserve(now + 1000)).toEqual({ waitMs: 0, capped: false });
  });

  it("reads rate-limit headers sent blank as no budget, not as none left with a reset now", () => {
    const limiter = createRateLimiter({ headers });
    limiter.update(new Headers({ "X-Rate-Limit-Remaining": "", "X-Rate-Limit-Reset": "" }), 0);
    expect(limiter.reserve(0)).toEqual({ waitMs: 0, capped: false });
  });

  it("refuses options without the header names", () => {
    expect(() => createRateLimiter({ headers: { remaining: "", reset: "X" } })).toThrow(InputError);
    expect(() => createRateLimiter({ headers, maxWaitMs: -1 })).toThrow(/maxWaitMs/);
  });
});
