import { describe, expect, it } from "vitest";
import { createClient, InputError } from "../../src/index.js";

describe("plain http", () => {
  it("createClient refuses an http service URL off loopback with an InputError, and allows loopback", () => {
    const auth = { type: "token", accessToken: "at-secret" } as const;
    expect(() => createClient({ environment: "sandbox", baseUrls: { reporting: "http://reporting-api.cmix.com" }, auth })).toThrow(InputError);
    expect(() => createClient({ environment: "sandbox", baseUrls: { reporting: "http://reporting-api.cmix.com" }, auth })).toThrow(/must use https \(http only on loopback\), got http:\/\/reporting-api\.cmix\.com/);
    expect(() => createClient({ environment: "sandbox", baseUrls: { survey: "http://localhost:4010", auth: "http://127.0.0.1:4011" }, auth })).not.toThrow();
  });
});
