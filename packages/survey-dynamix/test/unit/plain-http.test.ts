import { describe, expect, it } from "vitest";
import { createClient, InputError } from "../../src/index.js";

describe("plain http", () => {
  it("createClient refuses an http OAuth URL off loopback with an InputError, and allows loopback", () => {
    const auth = { type: "token", accessToken: "at-secret" } as const;
    expect(() => createClient({ oauthBaseUrl: "http://surveydynamix.com", auth })).toThrow(InputError);
    expect(() => createClient({ baseUrl: "http://[::1]:4010/api", oauthBaseUrl: "http://127.0.0.1:4010", auth })).not.toThrow();
  });
});
