import { afterEach, describe, expect, it, vi } from "vitest";
import { attemptLog } from "../../src/layers/attempt-log.js";
import { attemptTimeoutLayer } from "../../src/layers/attempt-timeout.js";
import { networkError, never } from "../helpers.js";
import { asSent, runLayer } from "./harness.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("the attempt log layer", () => {
  it("logs one line per attempt with its status, number and the URL redacted", async () => {
    const lines: Array<[string, Record<string, unknown> | undefined]> = [];
    const log = attemptLog({ debug: (line, fields) => lines.push([line, fields]) }, "api", 1000);
    await runLayer(log.layer, new Request("https://api.example.com/a?access_token=tok-secret"), async () => new Response(null, { status: 204 })).result;
    expect(lines[0]![0]).toMatch(/^GET https:\/\/api\.example\.com\/a\?access_token=\S+ -> 204 \(attempt 1, \d+ ms\)$/);
    expect(lines[0]![0]).not.toContain("tok-secret");
    expect(lines[0]![1]).toMatchObject({ method: "GET", attempt: 1, status: 204, purpose: "api" });
  });

  it("logs a failed attempt with its error and rethrows it", async () => {
    const lines: string[] = [];
    const log = attemptLog({ debug: (line) => lines.push(line) }, "token", 1000);
    const { result } = runLayer(log.layer, new Request("https://auth.example.com/token", { method: "POST" }), async () => Promise.reject(networkError("ECONNRESET")));
    await expect(result).rejects.toThrow("fetch failed");
    expect(lines[0]).toMatch(/^token request POST https:\/\/auth\.example\.com\/token -> failed: .*ECONNRESET.* \(attempt 1, \d+ ms\)$/);
  });

  it("logs the attempt's duration, from sending it to its response's headers", async () => {
    vi.useFakeTimers();
    const lines: Array<[string, Record<string, unknown> | undefined]> = [];
    const log = attemptLog({ debug: (line, fields) => lines.push([line, fields]) }, "api", 1000);
    const answer = () => new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(null, { status: 204 })), 250));
    const { result } = runLayer(log.layer, new Request("https://api.example.com/a"), answer);
    await vi.advanceTimersByTimeAsync(250);
    await result;
    expect(lines[0]![0]).toBe("GET https://api.example.com/a -> 204 (attempt 1, 250 ms)");
    expect(lines[0]![1]).toMatchObject({ durationMs: 250 });
  });

  it("logs an attempt that timed out as having had no response within timeoutMs, not as the abort's own words", async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const log = attemptLog({ debug: (line) => lines.push(line) }, "api", 1000);
    const { result } = runLayer(asSent(attemptTimeoutLayer(1000), log.layer), new Request("https://api.example.com/a"), never);
    const settled = result.catch(() => {});
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    expect(lines).toEqual([expect.stringMatching(/^GET https:\/\/api\.example\.com\/a -> failed: no response within 1000 ms \(attempt 1, 1000 ms\)$/)]);
  });

  it("logs the URL with the call's credentials redacted wherever they are, its path too", async () => {
    const lines: string[] = [];
    const log = attemptLog({ debug: (line) => lines.push(line) }, "api", 1000);
    await runLayer(log.layer, new Request("https://api.example.com/users/opaque-call-secret-7/items"), async () => new Response(null, { status: 204 }), { secrets: ["opaque-call-secret-7"] }).result;
    expect(lines[0]).toMatch(/^GET https:\/\/api\.example\.com\/users\/\[redacted\]\/items -> 204 /);
  });

  it("logs the URL without its fragment, where an implicit flow puts a token", async () => {
    const lines: string[] = [];
    const log = attemptLog({ debug: (line) => lines.push(line) }, "api", 1000);
    await runLayer(log.layer, new Request("https://api.example.com/callback#opaquefragmentvalue"), async () => new Response(null, { status: 204 })).result;
    expect(lines[0]).toMatch(/^GET https:\/\/api\.example\.com\/callback#\[redacted\] -> 204 /);
  });
});
