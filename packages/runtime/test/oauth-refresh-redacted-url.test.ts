// A file of its own: the password below is remembered as a known credential for the rest of the process, which would
// redact the token URL in every later test of a shared file.
import { expect, it } from "vitest";
import { createOAuth2TokenSource } from "../src/index.js";
import { fakeFetch, json } from "./helpers.js";

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

// The error of a refused refresh names the token URL redacted of every known credential: one that is part of the URL
// ("oauth") once kept the refusal from being taken for the endpoint's answer, and the spent refresh token was kept.
it("falls back to the password grant after a refused refresh when the password is part of the token URL", async () => {
  let clock = 0;
  const fake = fakeFetch((_, call) =>
    form(call.body).grant_type === "refresh_token"
      ? json({ error: "invalid_grant" }, { status: 400 })
      : json({ access_token: `at-secret-${fake.calls.length}`, token_type: "bearer", expires_in: 60, refresh_token: "rt-secret-1" }),
  );
  const tokens = createOAuth2TokenSource({
    tokenUrl: "https://auth.example.com/oauth/token",
    grant: { type: "password", username: "ana@example.com", password: "oauth" },
    fetch: fake.fetch,
    now: () => clock,
  });
  await tokens.getToken();
  clock += 60_000;
  expect(await tokens.getToken()).toBe("at-secret-3");
  expect(fake.calls.map((call) => form(call.body).grant_type)).toEqual(["password", "refresh_token", "password"]);
});
