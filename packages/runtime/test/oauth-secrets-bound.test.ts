import { describe, expect, it, vi } from "vitest";
import { createOAuth2TokenSource, rememberSecret } from "../src/index.js";
import * as known from "../src/known-secrets.js";
import { caught, expectNoSecrets, fakeFetch, json } from "./helpers.js";

// Passed through, only counted: how many values each token request hands the shared store of known secrets.
vi.mock("../src/known-secrets.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/known-secrets.js")>();
  return { ...actual, rememberSecret: vi.fn(actual.rememberSecret) };
});

describe("a long-lived OAuth 2 token source", () => {
  // Every refresh brings a new access token and a rotated refresh token. The source kept each one in a set it never
  // pruned and handed all of them to every later token request, so memory and the work of each request grew without
  // bound in a long-running process (the faster with a server that issues short-lived tokens).
  it("holds only its current credentials, not every token it was ever issued", async () => {
    let clock = 0;
    let issued = 0;
    const fake = fakeFetch(() => json({ access_token: `at-secret-${++issued}`, refresh_token: `rt-secret-${issued}`, token_type: "bearer", expires_in: 60 }));
    const tokens = createOAuth2TokenSource({
      tokenUrl: "https://auth.example.com/oauth/token",
      grant: { type: "password", username: "ana@example.com", password: "hunter2-password" },
      fetch: fake.fetch,
      now: () => clock,
    });
    for (let i = 0; i < 200; i++) {
      await tokens.getToken();
      clock += 60_000;
    }
    const remember = vi.mocked(known.rememberSecret);
    remember.mockClear();
    expect(await tokens.getToken()).toBe("at-secret-201");
    const largest = Math.max(...remember.mock.calls.map((args) => args.length));
    expect(largest).toBeLessThanOrEqual(4);
    // The one refresh token in use is still sent.
    expect(new URLSearchParams(fake.calls.at(-1)!.body).get("refresh_token")).toBe("rt-secret-200");
  });
});

// A token endpoint's answer is the server's to make: one with thousands of credential-named fields made every string of
// it be redacted against all of them, and each remembered, which held the event loop for seconds (10 000 fields in a
// 450 KB error body: 12 s).
describe("a token answer with thousands of credential-named fields", () => {
  it("hands the shared store of known secrets a few of them, and still redacts the first ones from the error", async () => {
    const answer: Record<string, string> = { error: "invalid_client", error_description: "zzzz-0-secret was refused" };
    for (let i = 0; i < 2000; i++) Object.assign(answer, { [`token${i}`]: `zzzz-${i}-secret`, [`note${i}`]: `note ${i}` });
    const tokens = createOAuth2TokenSource({
      tokenUrl: "https://auth.example.com/oauth/token",
      grant: { type: "client_credentials", clientId: "app", clientSecret: "client-secret-value" },
      fetch: fakeFetch(() => json(answer, { status: 401 })).fetch,
      maxRetries: 0,
    });
    const remember = vi.mocked(known.rememberSecret);
    remember.mockClear();
    // Each value's encoded forms take about a dozen btoa calls, to remember it and to redact with it.
    const btoa = vi.spyOn(globalThis, "btoa");
    const error = await tokens.getToken().catch((caught: unknown) => caught);
    const encodings = btoa.mock.calls.length;
    btoa.mockRestore();
    expect((error as { body?: { error_description?: string } }).body?.error_description).toBe("[redacted] was refused");
    expect(Math.max(...remember.mock.calls.map((args) => args.length))).toBeLessThanOrEqual(8);
    expect(encodings).toBeLessThan(1000);
  });
});

// The shared store forgets the credential unused longest once it holds 1024; a process with many clients fills it. The
// token source hands each token request the credentials it holds now, so those stay redacted from its errors anyway.
describe("a token source in a process whose other clients filled the store of known secrets", () => {
  it("redacts the access token it holds from a refused refresh's error, though the store has forgotten it", async () => {
    let clock = 1_000_000;
    const tokens = createOAuth2TokenSource({
      tokenUrl: "https://auth.example.com/oauth/token",
      grant: { type: "refresh_token", refreshToken: "rt-secret-held" },
      initial: { accessToken: "at-secret-held-9", expiresAt: clock + 3_600_000 },
      fetch: fakeFetch(() => json({ error: "invalid_grant", error_description: "at-secret-held-9 was revoked" }, { status: 400 })).fetch,
      now: () => clock,
    });
    expect(await tokens.getToken()).toBe("at-secret-held-9");
    rememberSecret(...Array.from({ length: 1100 }, (_, i) => `other-client-secret-${i}`));
    clock += 3_600_000;
    const error = await caught(tokens.getToken());
    expectNoSecrets(error, ["at-secret-held-9", "rt-secret-held"]);
    expect((error as { body?: { error_description?: string } }).body?.error_description).toBe("[redacted] was revoked");
  });
});
