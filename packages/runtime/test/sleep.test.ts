// The runtime's public sleep: a platform timer given more than 2^31-1 ms fires at once (Node warns, browsers do not), so
// a caller who slept for the wait a vendor asked for (a Retry-After of a month) would have gone on at once.
import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError, sleep } from "../src/index.js";

const MAX_TIMER_MS = 2 ** 31 - 1;

afterEach(() => {
  vi.useRealTimers();
});

describe("sleep", () => {
  it("waits the longest a timer can: 2^31-1 ms has not passed after a day", async () => {
    vi.useFakeTimers();
    let done = false;
    const waiting = sleep(MAX_TIMER_MS).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS - 86_400_000);
    await waiting;
    expect(done).toBe(true);
  });

  it.each([
    ["a wait longer than a timer can", MAX_TIMER_MS + 1, "ms must be a number of milliseconds up to 2147483647 (about 24.8 days, the longest a timer waits: cap longer waits), got 2147483648"],
    ["Infinity", Infinity, "got Infinity"],
    ["NaN", NaN, "got NaN"],
    ["a string of digits", "500", "got a string"],
    ["nothing", undefined, "got nothing"],
  ])("refuses %s with an InputError on ms, before waiting", async (_, ms, says) => {
    const error = await sleep(ms as number).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("ms");
    expect((error as Error).message).toContain(says);
  });

  it.each([
    ["the options object holding one", { signal: new AbortController().signal }],
    // Its timer would have called a removeEventListener it lacks, an uncaught TypeError that ended the process.
    ["an object with addEventListener alone", { addEventListener() {} }],
    ["an EventTarget, which has no aborted", new EventTarget()],
  ])("refuses a signal that is no AbortSignal: %s", async (_, signal) => {
    const error = await sleep(10, signal as unknown as AbortSignal).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("signal");
    expect((error as Error).message).toMatch(/^signal must be an AbortSignal, got /);
  });

  it("follows a look-alike signal of another realm or a polyfill", async () => {
    const target = Object.assign(new EventTarget(), { aborted: false, reason: undefined as unknown });
    const waiting = sleep(60_000, target as unknown as AbortSignal);
    Object.assign(target, { aborted: true, reason: "stop" }).dispatchEvent(new Event("abort"));
    await expect(waiting).rejects.toBe("stop");
  });

  it("waits 0 ms, a negative wait as none (a deadline passed), and takes a null signal as none", async () => {
    await expect(sleep(0)).resolves.toBeUndefined();
    await expect(sleep(-5_000)).resolves.toBeUndefined();
    await expect(sleep(-Infinity)).resolves.toBeUndefined();
    await expect(sleep(1, null as unknown as AbortSignal)).resolves.toBeUndefined();
  });

  it("rejects with the signal's reason as soon as it aborts, the longest wait too", async () => {
    const controller = new AbortController();
    const waiting = sleep(MAX_TIMER_MS, controller.signal);
    controller.abort(new Error("the user cancelled"));
    await expect(waiting).rejects.toThrow("the user cancelled");
  });
});
