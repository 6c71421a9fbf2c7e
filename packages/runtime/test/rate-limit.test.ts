import { describe, expect, it, vi } from "vitest";
import { createApiClient, createTransport, InputError } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";
import { createRateLimiter } from "../src/rate-limit.js";

const headers = { remaining: "X-Rate-Limit-Remaining", reset: "X-Rate-Limit-Reset" };
/** An answer (2xx unless `ok` is false) reporting a budget. */
const budget = (remaining: number, reset: number, ok = true) => ({ ok, headers: new Headers({ "X-Rate-Limit-Remaining": String(remaining), "X-Rate-Limit-Reset": String(reset) }) });
/** An answer that reports no budget. */
const none = (ok = true, headers = new Headers()) => ({ ok, headers });

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

  it("waits for a reset exactly maxWaitMs away rather than sending at once", () => {
    const limiter = createRateLimiter({ headers, maxWaitMs: 1100 });
    // 1 s from now, plus 100 ms of slack.
    limiter.update(budget(0, 1), 0);
    expect(limiter.reserve(0)).toEqual({ waitMs: 1100, capped: false });
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
    limiter.update(none(true, new Headers({ "X-Rate-Limit-Remaining": "", "X-Rate-Limit-Reset": "" })), 0);
    expect(limiter.reserve(0)).toEqual({ waitMs: 0, capped: false });
  });

  it.each([
    ["a negative remaining", "-1", "10"],
    ["a negative reset", "0", "-10"],
    ["an infinite remaining", "Infinity", "10"],
    ["an infinite reset", "0", "Infinity"],
    ["a remaining that is no number", "none", "10"],
    ["a remaining sent blank, with a reset", "", "10"],
    ["a reset that is no number", "0", "soon"],
  ])("reads %s as no budget", (_name, remaining, reset) => {
    const limiter = createRateLimiter({ headers });
    limiter.update(none(true, new Headers({ "X-Rate-Limit-Remaining": remaining, "X-Rate-Limit-Reset": reset })), 0);
    expect(limiter.reserve(0)).toEqual({ waitMs: 0, capped: false });
  });

  it("past the reset of a spent budget, lets one request learn the new budget while the others wait for its answer", () => {
    const limiter = createRateLimiter({ headers });
    limiter.update(budget(0, 10), 0);
    // Every request that waited for the reset asks again at once: only the first goes.
    expect(limiter.reserve(10_100).waitMs).toBe(0);
    expect(limiter.reserve(10_100).waitMs).toBe(100);
    expect(limiter.reserve(10_150).waitMs).toBe(50);
    // Its answer reports the new window: two more go, the rest wait for its reset.
    limiter.update(budget(2, 30), 10_180);
    expect([limiter.reserve(10_180).waitMs, limiter.reserve(10_180).waitMs, limiter.reserve(10_180).waitMs]).toEqual([0, 0, 30_100]);
  });

  it("while the first request past a spent budget's reset gets no answer, lets one more through every 100 ms", () => {
    const limiter = createRateLimiter({ headers });
    limiter.update(budget(0, 10), 0);
    expect(limiter.reserve(10_100).waitMs).toBe(0);
    expect(limiter.reserve(10_200).waitMs).toBe(0);
    expect(limiter.reserve(10_200).waitMs).toBe(100);
  });

  it("takes the budget the request past a spent budget's reset brings back, even when the vendor's clock is behind this one's", () => {
    const limiter = createRateLimiter({ headers });
    // Here it is 90 s later than at the vendor: every reset it reports in Unix seconds has passed here already.
    const now = 1_800_000_000_000;
    limiter.update(budget(0, now / 1000 - 30), now);
    expect([limiter.reserve(now).waitMs, limiter.reserve(now).waitMs]).toEqual([0, 100]);
    // The answer: a new window of 99. It was taken for a stale answer, and one request went every 100 ms for good.
    limiter.update(budget(99, now / 1000 - 1), now + 50);
    expect(Array.from({ length: 5 }, () => limiter.reserve(now + 50).waitMs)).toEqual([0, 0, 0, 0, 0]);
  });

  it("ends the wait for a new budget when the answer reports none (an endpoint that is not limited), and past an unspent budget's reset sends at once", () => {
    const spent = createRateLimiter({ headers });
    spent.update(budget(0, 10), 0);
    spent.reserve(10_100);
    spent.update(none(), 10_150);
    expect([spent.reserve(10_150).waitMs, spent.reserve(10_150).waitMs]).toEqual([0, 0]);
    const unspent = createRateLimiter({ headers });
    unspent.update(budget(5, 10), 0);
    expect([unspent.reserve(10_100).waitMs, unspent.reserve(10_100).waitMs]).toEqual([0, 0]);
  });

  it("keeps the budget it counts when an older answer of the same window arrives late, its reset given in seconds from now", () => {
    const limiter = createRateLimiter({ headers });
    // An hourly budget: the newer answer left 2; the older one, answered a second earlier, left 50 and says 3599 s.
    limiter.update(budget(2, 3600), 0);
    limiter.update(budget(50, 3599), 700);
    expect([limiter.reserve(700), limiter.reserve(700), limiter.reserve(700)].map(({ capped }) => capped)).toEqual([false, false, true]);
  });

  // The second answer left half a second after the first, and its reset, in whole seconds from now, rounds down.
  it("takes the lower remaining of an answer of the same window whose reset reads less than a second earlier", () => {
    const limiter = createRateLimiter({ headers });
    limiter.update(budget(5, 10), 0);
    limiter.update(budget(2, 9), 600);
    expect(Array.from({ length: 3 }, () => limiter.reserve(600).waitMs)).toEqual([0, 0, 9100]);
  });

  it("reads a remaining that is no single number (two headers joined, a unit after it) as no budget", () => {
    for (const remaining of ["0, 0", "0 requests"]) {
      const limiter = createRateLimiter({ headers });
      limiter.update(none(true, new Headers({ "X-Rate-Limit-Remaining": remaining, "X-Rate-Limit-Reset": "30" })), 0);
      expect(limiter.reserve(0)).toEqual({ waitMs: 0, capped: false });
    }
  });

  it("ignores an answer of an older window that arrives late, also when the reset is beyond maxWaitMs (an hourly budget)", () => {
    const limiter = createRateLimiter({ headers });
    const now = 1_800_000_000_000;
    limiter.update(budget(0, now / 1000 + 3600), now);
    limiter.update(budget(50, now / 1000), now);
    expect(limiter.reserve(now)).toEqual({ waitMs: 0, capped: true });
  });

  it("tells windows of a per-second budget apart: an answer of the second before is ignored, one of the second after taken", () => {
    const limiter = createRateLimiter({ headers });
    const now = 1_800_000_000_000;
    limiter.update(budget(1, now / 1000 + 2), now);
    limiter.update(budget(9, now / 1000 + 1), now);
    expect([limiter.reserve(now).waitMs, limiter.reserve(now).waitMs]).toEqual([0, 2100]);
    limiter.update(budget(5, now / 1000 + 3), now);
    expect(Array.from({ length: 6 }, () => limiter.reserve(now).waitMs)).toEqual([0, 0, 0, 0, 0, 3100]);
  });

  // Two requests in a row past maxWaitMs: which of them is flagged as sent with the budget spent (and logged so).
  it.each([
    ["with maxWaitMs below the 100 ms wait for a new budget's answer, sends the others at once without taking them for capped", 50, 0, 10_100, false],
    ["takes a budget left as a fraction (0.5) and spent for a count, not for the wait for a new budget: a request sent beyond maxWaitMs is capped", 1000, 0.5, 0, true],
  ])("%s", (_, maxWaitMs, left, at, secondCapped) => {
    const limiter = createRateLimiter({ headers, maxWaitMs });
    limiter.update(budget(left, 10), 0);
    expect([limiter.reserve(at), limiter.reserve(at)]).toEqual([
      { waitMs: 0, capped: false },
      { waitMs: 0, capped: secondCapped },
    ]);
  });

  it("keeps waiting for a new budget when the answer is an error that reports none (a proxy's 502)", () => {
    const limiter = createRateLimiter({ headers });
    limiter.update(budget(0, 10), 0);
    expect(limiter.reserve(10_100).waitMs).toBe(0);
    limiter.update(none(false), 10_150);
    expect(limiter.reserve(10_150).waitMs).toBe(50);
  });

  it("refuses options without the header names", () => {
    expect(() => createRateLimiter({ headers: { remaining: "", reset: "X" } })).toThrow(InputError);
    for (const names of [{ remaining: "R", reset: "" }, { remaining: "R" }, { remaining: 5, reset: "X" }, { remaining: "R", reset: ["X"] }, undefined, null]) {
      expect(() => createRateLimiter({ headers: names } as never)).toThrow(
        new InputError("rateLimit.headers", "rateLimit.headers must be { remaining, reset }, each a response header's name"),
      );
    }
    expect(() => createRateLimiter({ headers, maxWaitMs: -1 })).toThrow(/maxWaitMs/);
  });
});

describe("pacing through a client", () => {
  it("sends the requests that waited for a spent budget's reset within the new budget, not all at once into 429s", async () => {
    // The vendor: 2 requests per window of a second, its reset in Unix seconds; the 3rd and later of a window get a 429.
    let windowEnd = 0;
    let used = 0;
    const statuses: number[] = [];
    const fetch = async () => {
      const now = Date.now();
      if (now >= windowEnd) [windowEnd, used] = [now + 1000, 0];
      used++;
      const status = used > 2 ? 429 : 200;
      statuses.push(status);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return new Response("[]", { status, headers: { "content-type": "application/json", "X-Rate-Limit-Remaining": String(Math.max(0, 2 - used)), "X-Rate-Limit-Reset": String(Math.ceil(windowEnd / 1000)) } });
    };
    const client = createApiClient<paths>({ baseUrl: "https://api.example.com/v1", operations, auth: { type: "bearer", token: "bearer-token-1" }, maxRetries: 0, fetch, rateLimit: { headers } });
    await client.GET("/items");
    await Promise.all(Array.from({ length: 4 }, () => client.GET("/items")));
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect(statuses).toHaveLength(5);
  });
  it("bounds each wait by maxWaitMs, not their sum: requests beyond the budget go a window at a time (as documented)", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      // The vendor: 1 request a second, its reset in seconds from now; it answers every request within the budget.
      const fetch = async () => new Response("[]", { headers: { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": "1" } });
      const send = createTransport({ fetch, maxRetries: 0, rateLimit: { headers, maxWaitMs: 3000 } });
      await send(new Request("https://api.example.com/v1/items"));
      const sentAt: number[] = [];
      const calls = Array.from({ length: 8 }, () => send(new Request("https://api.example.com/v1/items")).then(() => sentAt.push(Date.now())));
      await vi.advanceTimersByTimeAsync(60_000);
      await Promise.all(calls);
      // Each waits for one reset at a time (plus 100 ms of slack), none longer than 3000 ms at once, though the last
      // waits 8800 ms in all: a caller bounds that with the call's signal.
      expect(sentAt).toEqual([1100, 2200, 3300, 4400, 5500, 6600, 7700, 8800]);
    } finally {
      vi.useRealTimers();
    }
  });
});
