import { describe, expect, it } from "vitest";
import { createClient, InputError } from "../../src/index.js";

describe("plain http", () => {
  it("createClient refuses an http base URL off loopback, and an http token URL, with an InputError", () => {
    const auth = { type: "token", accessToken: "at-secret" } as const;
    expect(() => createClient({ baseUrl: "http://cxi-api.wootric.com", auth })).toThrow(InputError);
    expect(() => createClient({ baseUrl: "http://cxi-api.wootric.com", auth })).toThrow(/baseUrl must use https \(http only on loopback\), got http:\/\/cxi-api\.wootric\.com/);
    expect(() => createClient({ tokenUrl: "http://api.wootric.com", auth: { type: "password", username: "ana", password: "pw-secret" } })).toThrow(InputError);
    expect(() => createClient({ baseUrl: "http://127.0.0.1:4010", tokenUrl: "http://localhost:4011", auth })).not.toThrow();
  });
});
