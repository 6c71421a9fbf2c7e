import { describe, expect, it } from "vitest";
import { createClient, InputError } from "../../src/index.js";

describe("plain http", () => {
  it("createClient refuses an http base or data URL off loopback with an InputError, and allows loopback", () => {
    const auth = { type: "token", accessToken: "at-secret" } as const;
    expect(() => createClient({ baseUrl: "http://api.cx.com/1", auth })).toThrow(InputError);
    expect(() => createClient({ dataBaseUrl: "http://data.cx.com/1", auth })).toThrow(/must use https \(http only on loopback\), got http:\/\/data\.cx\.com/);
    expect(() => createClient({ baseUrl: "http://127.0.0.1:4010/1", dataBaseUrl: "http://api.cx.localhost:4010/1", auth })).not.toThrow();
  });
});
