import { describe, expect, it, vi } from "vitest";
import { backoffMs, describeError, isIdempotent, isNotSentError, retryAfterMs } from "../src/retry.js";
import { sleep } from "../src/sleep.js";
import { AttemptSignal } from "../src/timeout.js";
import { basicAuthorization, defaultShouldRetry, type RetryOutcome } from "../src/index.js";

describe("retry policy", () => {
  it("treats GET, HEAD, OPTIONS, PUT and DELETE as idempotent, POST and PATCH not", () => {
    expect(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"].every(isIdempotent)).toBe(true);
    expect(["POST", "PATCH", "patch"].some(isIdempotent)).toBe(false);
  });

  it("retries 429 for every request and 408/5xx only for safe ones, judged by the outcome's safe, not its method", () => {
    const retried = (status: number, safe: boolean, method = safe ? "GET" : "POST") => defaultShouldRetry({ method, retries: 0, safe, response: new Response(null, { status }) });
    expect(retried(429, false)).toBe(true);
    expect(retried(500, false)).toBe(false);
    expect(retried(408, false)).toBe(false);
    expect(retried(408, true)).toBe(true);
    expect(retried(599, true)).toBe(true);
    expect(retried(404, true)).toBe(false);
    // A token request: a POST, safe to repeat.
    expect(retried(503, true, "POST")).toBe(true);
    expect(retried(503, false, "GET")).toBe(false);
  });

  it("retries a failure when it is safe", () => {
    expect(defaultShouldRetry({ method: "POST", retries: 0, safe: true, failure: "connection", error: new Error("reset") })).toBe(true);
    expect(defaultShouldRetry({ method: "POST", retries: 0, safe: false, failure: "timeout", error: new Error("late") })).toBe(false);
  });

  it("answers a boolean for an outcome a JavaScript caller built without safe, which reads as not safe", () => {
    const unsafe = { method: "GET", retries: 0, response: new Response(null, { status: 503 }) } as unknown as RetryOutcome;
    expect(defaultShouldRetry(unsafe)).toBe(false);
    expect(defaultShouldRetry({ ...unsafe, failure: "timeout", error: new Error("late") } as unknown as RetryOutcome)).toBe(false);
  });

  it("finds connection codes anywhere in the cause chain", () => {
    const error = new TypeError("fetch failed", { cause: new Error("outer", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }) });
    expect(isNotSentError(error)).toBe(true);
    expect(isNotSentError(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))).toBe(false);
    expect(isNotSentError(new TypeError("fetch failed"))).toBe(false);
    const loop: { cause?: unknown; code: string } = { code: "EPIPE" };
    loop.cause = loop;
    expect(isNotSentError(loop)).toBe(false);
    loop.code = "ECONNREFUSED";
    expect(isNotSentError(loop)).toBe(true);
    expect(isNotSentError(new AggregateError([new Error("a"), Object.assign(new Error("b"), { code: "EHOSTUNREACH" })], "all failed"))).toBe(true);
  });

  it("reads Retry-After in seconds, as an HTTP date, and retry-after-ms first", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "Retry-After": "7" }), now)).toBe(7_000);
    expect(retryAfterMs(new Headers({ "Retry-After": "1.5" }), now)).toBe(1_500);
    expect(retryAfterMs(new Headers({ "Retry-After": "Tue, 01 Jan 2030 00:00:09 GMT" }), now)).toBe(9_000);
    expect(retryAfterMs(new Headers({ "Retry-After": "Mon, 31 Dec 2029 23:00:00 GMT" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ "Retry-After": "7", "retry-after-ms": "120" }), now)).toBe(120);
    expect(retryAfterMs(new Headers({ "Retry-After": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it("reads a Retry-After that is neither seconds nor an HTTP date as none, though V8's Date.parse takes it for a date in 2001", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    // "5, 5" is two Retry-After headers joined (a proxy's and the origin's): read as a date in 2001, it meant "retry now".
    for (const after of ["-1", "5, 5", "1, 2", "12 13", "5,", "Jan 1"]) {
      expect(retryAfterMs(new Headers({ "Retry-After": after }), now), after).toBeUndefined();
    }
    expect(retryAfterMs(new Headers({ "Retry-After": "Tuesday, 01-Jan-30 00:00:03 GMT" }), now)).toBe(3_000);
    expect(retryAfterMs(new Headers({ "Retry-After": "Tue Jan  1 00:00:05 2030" }), Date.parse("2030-01-01T00:00:00"))).toBe(5_000);
  });

  it("falls back from a retry-after-ms that is blank, negative, infinite or no number to Retry-After", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    for (const ms of ["", "   ", "-5", "Infinity", "soon"]) {
      expect(retryAfterMs(new Headers({ "Retry-After": "7", "retry-after-ms": ms }), now)).toBe(7_000);
    }
    expect(retryAfterMs(new Headers({ "retry-after-ms": " 0 " }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "2.5" }), now)).toBe(2.5);
  });

  it("reads a number only as decimal digits: no exponent, hex, binary or sign, which a server could hide a key in", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    for (const form of ["1e3", "0x10", "0b101", "+5", "-5", "Infinity", ".5", "5."]) {
      expect(retryAfterMs(new Headers({ "retry-after-ms": form }), now), form).toBeUndefined();
      expect(retryAfterMs(new Headers({ "Retry-After": form }), now), form).toBeUndefined();
    }
  });

  it("backs off exponentially from baseMs, capped at maxMs, with up to 25 % jitter taken off", () => {
    const options = { baseMs: 500, maxMs: 8_000 };
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffMs(retry, options, () => 0))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(backoffMs(2, options, () => 1)).toBe(1_500);
  });
});

describe("signal helpers", () => {
  it("an AttemptSignal aborts with the parent's reason, at once if it is aborted already, until disposed", () => {
    const parent = new AbortController();
    const attempt = new AttemptSignal(parent.signal, 60_000);
    parent.abort("caller went first");
    expect([attempt.signal.aborted, attempt.signal.reason, attempt.timeout === true]).toEqual([true, "caller went first", false]);

    const other = new AbortController();
    const disposed = new AttemptSignal(other.signal, 60_000);
    disposed.clear();
    other.abort();
    expect(disposed.signal.aborted).toBe(false);
    expect(new AttemptSignal(AbortSignal.abort("done"), 60_000).signal.reason).toBe("done");
  });

  it("an AttemptSignal aborts with a TimeoutError once the delay elapses, unless disposed, and then ignores the parent", () => {
    vi.useFakeTimers();
    try {
      const parent = new AbortController();
      const timeout = new AttemptSignal(parent.signal, 1_000);
      const disposed = new AttemptSignal(parent.signal, 1_000);
      disposed.clear();
      vi.advanceTimersByTime(999);
      expect(timeout.timeout === true).toBe(false);
      vi.advanceTimersByTime(1);
      expect(timeout.timeout).toBe(true);
      expect((timeout.signal.reason as Error).name).toBe("TimeoutError");
      expect(disposed.timeout === true).toBe(false);
      parent.abort("later");
      expect((timeout.signal.reason as Error).name).toBe("TimeoutError");
      expect(disposed.signal.aborted).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("sleep rejects with the signal's reason as soon as it aborts", async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort("stop");
    await expect(pending).rejects.toBe("stop");
  });
});

describe("describeError", () => {
  it("describes a fetch error by its code alone when its message is blank", () => {
    expect(describeError(Object.assign(new Error("  "), { code: "ECONNRESET" }))).toBe("ECONNRESET");
    expect(describeError(new TypeError("fetch failed", { cause: Object.assign(new Error(""), { code: "ECONNREFUSED" }) }))).toBe("fetch failed: ECONNREFUSED");
  });

  it("describes a fetch error in at most 300 characters", () => {
    expect(describeError(new TypeError("fetch failed", { cause: new Error("x".repeat(1_000)) }))).toBe(`fetch failed: ${"x".repeat(286)}`);
  });
});

describe("basicAuthorization", () => {
  it("encodes user:password as UTF-8 base64", () => {
    expect(basicAuthorization("ana", "päss")).toBe(`Basic ${Buffer.from("ana:päss").toString("base64")}`);
    expect(basicAuthorization("😀", "")).toBe(`Basic ${Buffer.from("😀:").toString("base64")}`);
  });
});
