import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, buildAuthorizeUrl, exchangeAuthorizationCode, InputError, readAuthorizationCallback } from "../../src/index.js";
import { formFields, json, observedFetch, thrownBy } from "@apis/faults/observed-fetch";

const REDIRECT = "https://app.example.com/sdx/callback";
const SECRET = "8mXbNqU1cT0yZ4vR7wK2pL9sD6hF3gJ5";
const CODE = "def50200a1b2c3d4e5f6a7b8";

describe("buildAuthorizeUrl", () => {
  it("puts the state and scope inherited from the options' prototype into the URL, as it checked the state", () => {
    const options = Object.assign(Object.create({ state: "b7f3c9a1-state", scope: "surveys" }), { clientId: "3", redirectUri: REDIRECT });
    const url = new URL(buildAuthorizeUrl(options));
    expect([url.searchParams.get("state"), url.searchParams.get("scope")]).toEqual(["b7f3c9a1-state", "surveys"]);
  });

  it("points at the vendor's https authorize endpoint with the code flow's parameters and no client secret", () => {
    const url = new URL(buildAuthorizeUrl({ clientId: "3", redirectUri: REDIRECT, state: "b7f3c9a1-state" }));
    expect(`${url.origin}${url.pathname}`).toBe("https://surveydynamix.com/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: "3", redirect_uri: REDIRECT, response_type: "code", state: "b7f3c9a1-state" });
  });

  it("requires an unguessable state, against forged callbacks", () => {
    const error = thrownBy(() => buildAuthorizeUrl({ clientId: "3", redirectUri: REDIRECT, state: "" }));
    expect((error as InputError).field).toBe("state");
  });

  it("refuses a plain-http redirect URL", () => {
    const error = thrownBy(() => buildAuthorizeUrl({ clientId: "3", redirectUri: "http://app.example.com/cb", state: "b7f3c9a1-state" }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("redirectUri");
  });
});

describe("readAuthorizationCallback", () => {
  it("reads the code from the callback and checks the state", () => {
    expect(readAuthorizationCallback(`/sdx/callback?code=${CODE}&state=s-12345678`, { expectedState: "s-12345678" })).toEqual({ code: CODE, state: "s-12345678" });
    expect(() => readAuthorizationCallback(`/sdx/callback?code=${CODE}&state=other`, { expectedState: "s-12345678" })).toThrow(InputError);
  });

  it("reads a query string given without its ? (a framework's query string)", () => {
    expect(readAuthorizationCallback(`code=${CODE}&state=s-12345678`, { expectedState: "s-12345678" })).toEqual({ code: CODE, state: "s-12345678" });
  });
});

describe("exchangeAuthorizationCode", () => {
  it("posts the code and the client credentials as form fields to the vendor's token endpoint", async () => {
    const observed = observedFetch(() => json({ token_type: "Bearer", expires_in: 31536000, access_token: "at-1", refresh_token: "rt-1" }));
    const token = await exchangeAuthorizationCode({ clientId: "3", clientSecret: SECRET, code: CODE, redirectUri: REDIRECT, fetch: observed.fetch });
    expect(token.access_token).toBe("at-1");
    const request = observed.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://surveydynamix.com/oauth/token");
    expect(request.headers.get("authorization")).toBeNull();
    expect(request.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(formFields(observed.bodies[0]))).toEqual({
      grant_type: "authorization_code",
      code: CODE,
      redirect_uri: REDIRECT,
      client_id: "3",
      client_secret: SECRET,
    });
  });

  it("throws an AuthenticationError that quotes neither the code nor the secret when the code is refused", async () => {
    const observed = observedFetch(() =>
      json({ error: "invalid_grant", error_description: `The authorization code ${CODE} is invalid`, message: "The authorization grant is invalid" }, 400),
    );
    const error = await exchangeAuthorizationCode({ clientId: "3", clientSecret: SECRET, code: CODE, redirectUri: REDIRECT, fetch: observed.fetch, maxRetries: 0 }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(400);
    for (const rendering of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(rendering).not.toContain(CODE);
      expect(rendering).not.toContain(SECRET);
    }
  });

  // Laravel Passport refuses a redirect URI that differs with invalid_request and the generic description of a malformed
  // form: the message quoted only that, and the cause was in error.body.hint alone.
  it("says what Passport's hint says when it refuses the exchange with a generic invalid_request", async () => {
    const generic = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.";
    const observed = observedFetch(() => json({ error: "invalid_request", error_description: generic, hint: "Invalid redirect URI", message: generic }, 400));
    const error = await exchangeAuthorizationCode({ clientId: "3", clientSecret: SECRET, code: CODE, redirectUri: REDIRECT, fetch: observed.fetch, maxRetries: 0 }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toContain("failed with 400 invalid_request (Invalid redirect URI)");
    expect((error as AuthenticationError).body).toMatchObject({ error: "invalid_request", hint: "Invalid redirect URI" });
  });

  // Pinned as the README describes it (Regions): the message names tokenUrl, not the oauthBaseUrl that was given, so the
  // README tells the reader that an oauthBaseUrl is the host alone; naming it would need the runtime's exchange to take a hint.
  it("sends the exchange to /api/oauth/token when oauthBaseUrl is given the API's base URL, and its 404 says to check tokenUrl", async () => {
    const observed = observedFetch(() => json({ message: "Not Found" }, 404));
    const error = await exchangeAuthorizationCode({
      clientId: "3", clientSecret: SECRET, code: CODE, redirectUri: REDIRECT, oauthBaseUrl: "https://eu1.surveydynamix.com/api", fetch: observed.fetch, maxRetries: 0,
    }).catch((thrown: unknown) => thrown);
    expect(observed.requests[0]!.url).toBe("https://eu1.surveydynamix.com/api/oauth/token");
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toMatch(/failed with 404 \(Not Found\): check that tokenUrl is the OAuth token endpoint$/);
  });

  it("refuses a plain-http OAuth host before sending the secret", async () => {
    const observed = observedFetch(() => json({}));
    const run = exchangeAuthorizationCode({ clientId: "3", clientSecret: SECRET, code: CODE, redirectUri: REDIRECT, oauthBaseUrl: "http://surveydynamix.com", fetch: observed.fetch });
    expect((await run.catch((error: unknown) => error) as InputError).field).toBe("oauthBaseUrl");
    expect(observed.requests).toHaveLength(0);
  });

  it("rejects bad options rather than throwing them at once, as CX's exchange does, so a caller's .catch sees them", async () => {
    const observed = observedFetch(() => json({}));
    const options = { clientId: "3", clientSecret: SECRET, code: CODE, redirectUri: REDIRECT, fetch: observed.fetch };
    const calls = [
      () => exchangeAuthorizationCode({ ...options, timeout: 5 } as Parameters<typeof exchangeAuthorizationCode>[0]),
      () => exchangeAuthorizationCode({ ...options, region: "mars" } as unknown as Parameters<typeof exchangeAuthorizationCode>[0]),
    ];
    for (const call of calls) {
      let pending: Promise<unknown> | undefined;
      expect(() => (pending = call())).not.toThrow();
      await expect(pending).rejects.toBeInstanceOf(InputError);
    }
    expect(observed.requests).toHaveLength(0);
  });
});
