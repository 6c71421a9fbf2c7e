import { afterEach, describe, expect, it, vi } from "vitest";
import { AttemptFailure } from "../../src/layers/attempt-failure.js";
import { attemptTimeoutLayer } from "../../src/layers/attempt-timeout.js";
import { networkError, never } from "../helpers.js";
import { asSent, recordingNext, runLayer } from "./harness.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("the attempt timeout layer", () => {
  it("aborts an attempt with no response within timeoutMs and fails it as a timeout, safe for a GET", async () => {
    vi.useFakeTimers();
    const { next, seen } = recordingNext(never);
    const { result } = runLayer(asSent(attemptTimeoutLayer(1000)), new Request("https://api.example.com/a"), next);
    const settled = result.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1000);
    const failure = (await settled) as AttemptFailure;
    expect(failure).toBeInstanceOf(AttemptFailure);
    expect(failure.kind).toBe("timeout");
    expect(failure.safe).toBe(true);
    expect(seen[0]!.signal.aborted).toBe(true);
    expect(failure.toError("1 attempt").message).toBe("GET https://api.example.com/a got no response within 1000 ms (1 attempt). Raise timeoutMs or check the vendor's status.");
  });

  it("fails a POST whose connection broke as not safe, but one that never connected as safe", async () => {
    const post = () => new Request("https://api.example.com/a", { method: "POST", body: "x" });
    const reset = runLayer(attemptTimeoutLayer(1000), post(), async () => Promise.reject(networkError("ECONNRESET"))).result;
    const refused = runLayer(attemptTimeoutLayer(1000), post(), async () => Promise.reject(networkError("ECONNREFUSED"))).result;
    expect(await reset.catch((error: AttemptFailure) => [error.kind, error.safe])).toEqual(["connection", false]);
    expect(await refused.catch((error: AttemptFailure) => [error.kind, error.safe])).toEqual(["connection", true]);
    // A POST the retry layer found safe to resend (a token request) is, with the advice that goes with it.
    const idempotent = runLayer(attemptTimeoutLayer(1000), post(), async () => Promise.reject(networkError("ECONNRESET")), {}, (call) => (call.safe = true)).result;
    const failure = (await idempotent.catch((error: unknown) => error)) as AttemptFailure;
    expect([failure.kind, failure.safe]).toEqual(["connection", true]);
    expect(failure.toError("3 attempts").message).toMatch(/\(3 attempts\): .*ECONNRESET.*\. Check the network and base URL\.$/);
  });

  // A browser's fetch says only "Failed to fetch" (Chromium; Safari "Load failed") when the API does not allow the page's
  // origin (no Access-Control-Allow-Origin, a refused preflight): the message must name CORS, the usual cause there, for
  // a POST not resent as for a GET.
  it("names CORS on a browser's bare network error, whether or not the request is resent", async () => {
    const fail = (method: string) => runLayer(attemptTimeoutLayer(1000), new Request("https://api.example.com/a", { method }), async () => Promise.reject(new TypeError("Failed to fetch"))).result;
    const get = (await fail("GET").catch((error: unknown) => error)) as AttemptFailure;
    const post = (await fail("POST").catch((error: unknown) => error)) as AttemptFailure;
    expect(get.toError("3 attempts").message).toBe("GET https://api.example.com/a failed with a network or CORS error (3 attempts): Failed to fetch. Check the network and base URL.");
    expect(post.toError("1 attempt").message).toMatch(/^POST https:\/\/api\.example\.com\/a failed with a network or CORS error \(1 attempt\): Failed to fetch\. Not retried/);
  });

  it("sends the attempt with its own signal, which follows the caller's", async () => {
    const controller = new AbortController();
    const { next, seen } = recordingNext(() => new Response(null));
    await runLayer(asSent(attemptTimeoutLayer(1000)), new Request("https://api.example.com/a", { signal: controller.signal }), next).result;
    expect(seen[0]!.signal).not.toBe(controller.signal);
    expect(seen[0]!.signal.aborted).toBe(false);
  });
});
