import { describe, expect, it } from "vitest";
import { attemptLog } from "../../src/layers/attempt-log.js";
import { networkError } from "../helpers.js";
import { runLayer } from "./harness.js";

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
});
