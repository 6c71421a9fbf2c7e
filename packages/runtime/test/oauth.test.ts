import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  ApiConnectionError,
  ApiUserAbortError,
  AuthenticationError,
  createApiClient,
  createOAuth2TokenSource,
  InputError,
  redactText,
  tokenSourceForCheckedGrant,
  type OAuth2TokenSourceOptions,
} from "../src/index.js";
import { thrownBy } from "@apis/faults/observed-fetch";
import { BASE_URL, operations, type paths } from "./fixtures.js";
import { caught, expectNoSecrets, fakeFetch, json, networkError, never, type Call, type Handler } from "./helpers.js";

const TOKEN_URL = "https://auth.example.com/oauth/token";
const PASSWORD_GRANT = { type: "password", username: "ana@example.com", password: "hunter2-password" } as const;

function form(call: Call): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(call.body));
}

function tokenResponse(accessToken: string, extra: Record<string, unknown> = {}) {
  return json({ access_token: accessToken, token_type: "bearer", ...extra });
}

/** A token endpoint and an API behind one fake fetch; `api` sees only the API requests. */
function world(options: { token?: Handler; api?: Handler; source?: Partial<OAuth2TokenSourceOptions> } = {}) {
  let issued = 0;
  const token: Handler =
    options.token ?? (() => tokenResponse(`at-secret-${++issued}`, { expires_in: 3600, refresh_token: `rt-secret-${issued}` }));
  const api: Handler = options.api ?? ((request) => json({ auth: request.headers.get("authorization") }));
  let apiIndex = 0;
  let tokenIndex = 0;
  const fake = fakeFetch((request, call) =>
    call.url.origin + call.url.pathname === TOKEN_URL ? token(request, call, tokenIndex++) : api(request, call, apiIndex++),
  );
  const tokens = createOAuth2TokenSource({
    tokenUrl: TOKEN_URL,
    grant: PASSWORD_GRANT,
    fetch: fake.fetch,
    retryDelay: { baseMs: 1, maxMs: 2 },
    ...options.source,
  });
  const client = createApiClient<paths>({
    baseUrl: BASE_URL,
    operations,
    auth: { type: "oauth2", tokens },
    fetch: fake.fetch,
    retryDelay: { baseMs: 1, maxMs: 2 },
  });
  const tokenCalls = () => fake.calls.filter((call) => call.url.origin + call.url.pathname === TOKEN_URL);
  const apiCalls = () => fake.calls.filter((call) => call.url.origin === BASE_URL);
  return { client, tokens, tokenCalls, apiCalls };
}

// Eight credential-named fields a token answer may put before its tokens: only the first eight are remembered.
const EIGHT_FIELDS = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`x_token_${i}`, `short-${i}`]));

describe("token requests", () => {
  it("send a confidential client's id and secret with the password grant, as JSON for an endpoint that takes JSON", async () => {
    const grant = { ...PASSWORD_GRANT, clientId: "client-9", clientSecret: "client-secret-value" };
    const { tokens, tokenCalls } = world({ source: { grant, bodyFormat: "json" } });
    expect(await tokens.getToken()).toBe("at-secret-1");
    const [call] = tokenCalls();
    expect(call!.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(call!.body)).toEqual({
      grant_type: "password",
      client_id: "client-9",
      client_secret: "client-secret-value",
      username: "ana@example.com",
      password: "hunter2-password",
    });
  });

  it("refuse a password grant's clientSecret without its clientId, which would be left out of every request", () => {
    const grant = { ...PASSWORD_GRANT, clientSecret: "client-secret-value" };
    expect(() => createOAuth2TokenSource({ tokenUrl: TOKEN_URL, grant })).toThrow(
      expect.objectContaining({ name: "InputError", field: "grant.clientId", message: "grant.clientId is required with grant.clientSecret" }),
    );
  });

  it("send a public client's id alone with the password grant, with no empty secret", async () => {
    const { tokens, tokenCalls } = world({ source: { grant: { ...PASSWORD_GRANT, clientId: "public-app" } } });
    await tokens.getToken();
    expect(form(tokenCalls()[0]!)).toEqual({ grant_type: "password", client_id: "public-app", username: "ana@example.com", password: "hunter2-password" });
  });

  it("name the vendor's own options in their hints, and read a { error: { message } } or { message } refusal", async () => {
    const refused = world({
      token: () => json({ error: { message: "Wrong password hunter2-password" } }, { status: 401 }),
      source: { maxRetries: 0, hints: { refused: "check auth.username and auth.password", endpoint: "check authBaseUrl" } },
    });
    const error = (await caught(refused.tokens.getToken())) as AuthenticationError;
    expect(error.message).toBe(`Token request to ${TOKEN_URL} failed with 401 (Wrong password [redacted]): check auth.username and auth.password`);
    // CX's Failure body: { errorType, message }, as many APIs answer.
    const cx = world({ token: () => json({ errorType: "BadAuthCode", message: "auth code expired" }, { status: 400 }), source: { maxRetries: 0 } });
    expect(((await caught(cx.tokens.getToken())) as Error).message).toMatch(new RegExp(`^Token request to ${TOKEN_URL} failed with 400 \\(auth code expired\\): `));
    // The first reason that is a non-empty string: an empty or non-string one before it hid the next.
    for (const body of [{ error: { message: "client secret expired" }, message: "" }, { error_description: "", message: { code: 7 }, error: { message: "client secret expired" } }]) {
      const hidden = world({ token: () => json(body, { status: 401 }), source: { maxRetries: 0 } });
      expect(((await caught(hidden.tokens.getToken())) as Error).message).toMatch(new RegExp(`^Token request to ${TOKEN_URL} failed with 401 \\(client secret expired\\): `));
    }
    const empty = world({ token: () => json({ ok: true }), source: { hints: { endpoint: "check authBaseUrl" } } });
    expect(((await caught(empty.tokens.getToken())) as Error).message).toMatch(/without an access_token: check authBaseUrl\.$/);
  });

  // Some endpoints answer a refused grant with 200 and RFC 6749's error fields: the hint is about the credentials, as for
  // a 400, not "check that tokenUrl is the OAuth token endpoint", which sent the caller after a URL that was right.
  it("read a 2xx that brings no access_token but an error as the refusal it is", async () => {
    const wrong = world({
      token: () => json({ error: "invalid_grant", error_description: "Invalid username or password" }),
      source: { maxRetries: 0, hints: { refused: "check auth.username and auth.password", endpoint: "check authBaseUrl" } },
    });
    const error = (await caught(wrong.tokens.getToken())) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(`Token request to ${TOKEN_URL} failed with 200 invalid_grant (Invalid username or password): check auth.username and auth.password`);
    expect(error.status).toBe(200);
    const said = world({ token: () => json({ error: { message: "Wrong password hunter2-password" } }), source: { maxRetries: 0 } });
    expect(((await caught(said.tokens.getToken())) as Error).message).toBe(`Token request to ${TOKEN_URL} failed with 200 (Wrong password [redacted]): check tokenUrl and the credentials`);
    // A reason alone (no error code) comes along, one line: 200 { message } may be a wrong password, or a token under
    // another name ({ token, message: "success" }).
    for (const body of [{ message: "Invalid\ncredentials" }, { error_description: "Invalid credentials" }]) {
      const reason = world({ token: () => json(body), source: { maxRetries: 0, hints: { refused: "check auth.username and auth.password", endpoint: "check authBaseUrl" } } });
      expect(((await caught(reason.tokens.getToken())) as Error).message).toBe(`Token request to ${TOKEN_URL} returned 200 (Invalid credentials) without an access_token: check authBaseUrl.`);
    }
    // An access token wins over an error beside it, and a 2xx with neither still says the endpoint may be wrong.
    const both = world({ token: () => json({ access_token: "at-secret-both", token_type: "Bearer", error: "none" }) });
    expect(await both.tokens.getToken()).toBe("at-secret-both");
    const neither = world({ token: () => json({ ok: true }), source: { hints: { endpoint: "check authBaseUrl" } } });
    expect(((await caught(neither.tokens.getToken())) as Error).message).toMatch(/returned 200 without an access_token: check authBaseUrl\.$/);
  });

  it("refuse a token of a type other than Bearer, which every call would send wrongly", async () => {
    const { tokens, apiCalls } = world({ token: () => json({ access_token: "mac-token-value", token_type: "MAC" }) });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('returned token_type "MAC", not Bearer: please report this.');
    expect(apiCalls()).toHaveLength(0);
  });

  it("quote a long token type cut to 40 characters, since a hostile server's text goes into the message", async () => {
    const { tokens } = world({ token: () => json({ access_token: "mac-token-value", token_type: `MAC ${"x".repeat(500)}` }) });
    const error = await caught(tokens.getToken());
    expect((error as Error).message).toContain(`returned token_type "MAC ${"x".repeat(33)}...", not Bearer`);
  });

  // Quoted on one line, "Bearer " and "Bearer\n" read as "Bearer": the error said 'returned token_type "Bearer", not
  // Bearer', which no one can act on. White space around it is no other scheme.
  it.each(["Bearer ", " bearer", "Bearer\n", "\tBEARER\r\n"])("take a token_type of Bearer with white space around it (%j) as Bearer", async (type) => {
    const { tokens } = world({ token: () => json({ access_token: "at-secret-spaced", token_type: type }) });
    expect(await tokens.getToken()).toBe("at-secret-spaced");
  });

  it("take the token_type for no credential, so later errors still read Bearer and its type, and redact a bearer value after it", async () => {
    const bearer = world({ token: () => json({ access_token: "at-secret-typed", token_type: "Bearer" }) });
    await bearer.tokens.getToken();
    expect(redactText("proxy said: Bearer unknown-credential-42")).toBe("proxy said: Bearer [redacted]");
    const { tokens } = world({ token: () => json({ access_token: "mac-token-value", token_type: "MAC-v2" }) });
    expect(((await caught(tokens.getToken())) as Error).message).toContain('returned token_type "MAC-v2", not Bearer');
  });

  it("take a token type named in another case (TokenType, TOKEN_TYPE) for no credential either", async () => {
    const { tokens } = world({ token: () => json({ access_token: "at-secret-cased", TokenType: "Bearer", TOKEN_TYPE: "Bearer" }) });
    await tokens.getToken();
    expect(redactText("proxy said: Bearer unknown-credential-42")).toBe("proxy said: Bearer [redacted]");
  });

  it("refuse a token type that echoes a long password without quoting any piece of it", async () => {
    const password = "a-very-long-passphrase-of-forty-four-letters";
    const { tokens } = world({
      token: () => json({ access_token: "mac-token-value", token_type: `MAC ${password}` }),
      source: { grant: { ...PASSWORD_GRANT, password } },
    });
    const error = (await caught(tokens.getToken())) as Error;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/returned token_type "[^"]*\[redacted\]"/);
    expect(error.message).not.toContain(password.slice(0, 16));
  });

  it("refuse a token type that echoes the access token, also when the answer's first credential-named fields are others", async () => {
    const decoys = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`decoy_token_${i}`, `decoy-value-${i}`]));
    const { tokens } = world({ token: () => json({ ...decoys, access_token: "mac-token-value-1", token_type: "MAC mac-token-value-1" }) });
    const error = (await caught(tokens.getToken())) as Error;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('returned token_type "MAC [redacted]"');
    expectNoSecrets(error, ["mac-token-value-1"]);
  });

  it("are urlencoded POSTs with the credentials in the body and grant.query in the URL", async () => {
    const { tokens, tokenCalls } = world({
      source: { grant: { ...PASSWORD_GRANT, query: { account_token: "NPS-1234" } } },
    });
    expect(await tokens.getToken()).toBe("at-secret-1");
    const [call] = tokenCalls();
    expect(call?.method).toBe("POST");
    expect(call?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(call?.headers.get("accept")).toBe("application/json");
    expect(call?.headers.get("authorization")).toBeNull();
    expect(call?.url.href).toBe(`${TOKEN_URL}?account_token=NPS-1234`);
    expect(call && form(call)).toEqual({ grant_type: "password", username: "ana@example.com", password: "hunter2-password" });
  });

  it("for client credentials send client_id and client_secret in the body", async () => {
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" } },
    });
    await tokens.getToken();
    const [call] = tokenCalls();
    expect(call?.url.search).toBe("");
    expect(call && form(call)).toEqual({ grant_type: "client_credentials", client_id: "app-1", client_secret: "s3cr3t-client-secret" });
  });

  it("twenty concurrent first requests cause exactly one token request", async () => {
    const { client, tokenCalls, apiCalls } = world();
    const results = await Promise.all(Array.from({ length: 20 }, () => client.GET("/items")));
    expect(tokenCalls()).toHaveLength(1);
    expect(apiCalls()).toHaveLength(20);
    expect(apiCalls().every((call) => call.headers.get("authorization") === "Bearer at-secret-1")).toBe(true);
    expect(results.every((result) => result.response.status === 200)).toBe(true);
  });

  it("a cached token is reused until it nears expiry", async () => {
    let clock = 1_000_000;
    const { tokens, tokenCalls } = world({ source: { now: () => clock } });
    await tokens.getToken();
    clock += 3_600_000 - 60_001;
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(tokenCalls()).toHaveLength(1);
  });

  it("a token is refreshed refreshSkewMs before it expires, to the millisecond", async () => {
    let clock = 1_000_000;
    const { tokens, tokenCalls } = world({ source: { now: () => clock, refreshSkewMs: 600_000 } });
    await tokens.getToken();
    clock += 3_600_000 - 600_000 - 1;
    expect(await tokens.getToken()).toBe("at-secret-1");
    clock += 1;
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(tokenCalls()).toHaveLength(2);
  });

  it("a token near expiry is refreshed with the refresh_token grant, and the new refresh token is used next time", async () => {
    let clock = 1_000_000;
    const { tokens, tokenCalls } = world({ source: { now: () => clock } });
    expect(await tokens.getToken()).toBe("at-secret-1");
    clock += 3_600_000 - 30_000; // inside the 60 s skew
    expect(await tokens.getToken()).toBe("at-secret-2");
    clock += 3_600_000;
    expect(await tokens.getToken()).toBe("at-secret-3");
    const bodies = tokenCalls().map(form);
    expect(bodies).toEqual([
      { grant_type: "password", username: "ana@example.com", password: "hunter2-password" },
      { grant_type: "refresh_token", refresh_token: "rt-secret-1" },
      { grant_type: "refresh_token", refresh_token: "rt-secret-2" },
    ]);
  });

  it("a refresh authenticates the client as the password grant did: a confidential client's id and secret, a public client's id (RFC 6749 §6)", async () => {
    for (const [client, sent] of [
      [{ clientId: "client-9", clientSecret: "client-secret-value" }, { client_id: "client-9", client_secret: "client-secret-value" }],
      [{ clientId: "public-app" }, { client_id: "public-app" }],
    ] as const) {
      let clock = 1_000_000;
      const { tokens, tokenCalls } = world({ source: { grant: { ...PASSWORD_GRANT, ...client }, now: () => clock } });
      await tokens.getToken();
      clock += 3_600_000;
      expect(await tokens.getToken()).toBe("at-secret-2");
      expect(form(tokenCalls()[1]!)).toEqual({ grant_type: "refresh_token", refresh_token: "rt-secret-1", ...sent });
    }
  });

  it("a server that issues no new refresh token keeps the old one valid", async () => {
    let clock = 0;
    let issued = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock },
      token: () => {
        issued++;
        return tokenResponse(`at-secret-${issued}`, { expires_in: 100, ...(issued === 1 ? { refresh_token: "rt-secret-1" } : {}) });
      },
    });
    await tokens.getToken();
    clock += 100_000;
    await tokens.getToken();
    clock += 100_000;
    await tokens.getToken();
    expect(tokenCalls().map((call) => form(call).refresh_token)).toEqual([undefined, "rt-secret-1", "rt-secret-1"]);
  });

  it("a token living shorter than the skew is refreshed at half its life, not on every call", async () => {
    let clock = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock },
      token: () => tokenResponse("at-secret-1", { expires_in: 30 }),
    });
    await tokens.getToken();
    clock = 14_000;
    await tokens.getToken();
    expect(tokenCalls()).toHaveLength(1);
    clock = 15_000;
    await tokens.getToken();
    expect(tokenCalls()).toHaveLength(2);
  });

  // expires_in as a server may write it: a number, a string, a fraction, or something that says nothing (a non-positive,
  // unreadable or infinite lifetime), which means "use the token until the server rejects it", never "refresh at once".
  it.each([
    [3600, 3_540_000],
    ["3600", 3_540_000],
    [" 90 ", 45_000],
    [0.5, 250],
    [0, undefined],
    [-5, undefined],
    ["-5", undefined],
    ["", undefined],
    ["soon", undefined],
    [null, undefined],
    [true, undefined],
    [[3600], undefined],
    [{ seconds: 3600 }, undefined],
    [1e308, undefined],
    ["Infinity", undefined],
  ] as [unknown, number | undefined][])("expires_in %j is refreshed at %s ms (undefined: only after a 401)", async (expiresIn, refreshAt) => {
    let clock = 0;
    const { tokens, tokenCalls } = world({ source: { now: () => clock }, token: () => tokenResponse(`at-secret-${tokenCalls().length}`, { expires_in: expiresIn }) });
    await tokens.getToken();
    clock = (refreshAt ?? 1e15) - 1;
    await tokens.getToken();
    expect(tokenCalls()).toHaveLength(1);
    clock = refreshAt ?? 1e15;
    await tokens.getToken();
    expect(tokenCalls()).toHaveLength(refreshAt === undefined ? 1 : 2);
  });

  // RFC 6749 answers a spent refresh token 400 invalid_grant; some servers answer 403.
  it.each([
    [400, "invalid_grant"],
    [403, "access_denied"],
  ])("a refresh refused with %s (%s) falls back to the original password grant", async (status, code) => {
    let clock = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock },
      token: (_, call) =>
        form(call).grant_type === "refresh_token" ? json({ error: code }, { status }) : tokenResponse(`at-secret-${tokenCalls().length}`, { expires_in: 60, refresh_token: "rt-secret-1" }),
    });
    await tokens.getToken();
    clock += 60_000;
    expect(await tokens.getToken()).toBe("at-secret-3");
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["password", "refresh_token", "password"]);
  });

  // A server that rotates refresh tokens may have spent the old one even when its answer is of no use otherwise. With
  // a refresh-token grant there is nothing to fall back to: the call fails, and the next refreshes with the new one.
  it.each([
    ["a token_type other than Bearer", (answer: number) => tokenResponse(`at-secret-${answer}`, { expires_in: 60, refresh_token: `rt-secret-${answer}`, token_type: "mac" }), /not Bearer/],
    ["no access_token (a 2xx)", (answer: number) => json({ refresh_token: `rt-secret-${answer}` }), /without an access_token/],
  ])("keeps the refresh token an answer refused for %s rotated, and refreshes with it next", async (_case, refused, said) => {
    let answers = 0;
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-0" } },
      token: () => {
        answers++;
        return answers === 1 ? refused(answers) : tokenResponse(`at-secret-${answers}`, { expires_in: 60, refresh_token: `rt-secret-${answers}` });
      },
    });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(said);
    expect(JSON.stringify((error as AuthenticationError).body ?? null)).not.toContain("rt-secret-1");
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(tokenCalls().map((call) => form(call).refresh_token)).toEqual(["rt-secret-0", "rt-secret-1"]);
  });

  // A refusal does not replace the refresh token the caller holds, whatever its status: a 200 with an error (and no
  // access_token) is read as a 400 is, so a refresh_token it carries is not kept (a hostile or broken server's would
  // overwrite one still good).
  it.each([400, 200])("keeps the refresh token it holds when a refresh is refused with %s and an error that carries another", async (status) => {
    let answers = 0;
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-0" }, maxRetries: 0 },
      token: () => {
        answers++;
        return answers === 1 ? json({ error: "invalid_grant", refresh_token: "rt-secret-garbage" }, { status }) : tokenResponse(`at-secret-${answers}`, { expires_in: 60 });
      },
    });
    const error = await caught(tokens.getToken());
    expect((error as Error).message).toMatch(new RegExp(`^Token request to ${TOKEN_URL} failed with ${status} invalid_grant: `));
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(tokenCalls().map((call) => form(call).refresh_token)).toEqual(["rt-secret-0", "rt-secret-0"]);
  });

  // No refusal (no error code, a reason only): a refresh token it rotated may have spent the one sent, so it is kept.
  it("keeps the refresh token a 2xx without an access_token rotates, a reason beside it too, and says the reason", async () => {
    let answers = 0;
    const stored: string[] = [];
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-0" }, initial: { accessToken: "at-secret-0", refreshToken: "rt-secret-0", onRefreshToken: (token) => stored.push(token) }, maxRetries: 0 },
      token: () => (++answers === 1 ? json({ refresh_token: "rt-secret-rotated", message: "Token refreshed" }) : tokenResponse(`at-secret-${answers}`, { expires_in: 60 })),
    });
    tokens.invalidate("at-secret-0");
    expect(((await caught(tokens.getToken())) as Error).message).toMatch(new RegExp(`^Token request to ${TOKEN_URL} returned 200 \\(Token refreshed\\) without an access_token: `));
    expect(stored).toEqual(["rt-secret-rotated"]);
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(tokenCalls().map((call) => form(call).refresh_token)).toEqual(["rt-secret-0", "rt-secret-rotated"]);
  });

  // A password or client-credentials grant whose refresh the endpoint answers in any other way falls back to its own
  // credentials at once: a server that issues refresh tokens but does not take them back (CMIX documents no refresh
  // grant) would otherwise fail every later call the same way, the refresh token kept.
  it.each([
    ["422", () => json({ error: "unsupported_grant_type" }, { status: 422 })],
    ["500 after its retries", () => json({ error: "server_error" }, { status: 500 })],
    ["a 2xx without an access_token", () => json({ ok: true })],
    ["a token_type other than Bearer, with a rotated refresh token", () => tokenResponse("at-secret-x", { refresh_token: "rt-secret-x", token_type: "mac" })],
    ["a redirect to another origin", () => new Response(null, { status: 302, headers: { Location: "https://login.example.net/" } })],
    ["a body over maxResponseBytes", () => json({ error: "x".repeat(5_000) })],
  ])("a refresh answered %s falls back to the password grant within the same call", async (_case, refused) => {
    let clock = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock, maxResponseBytes: 4_096 },
      token: (_, call) =>
        form(call).grant_type === "refresh_token" ? refused() : tokenResponse(`at-secret-${tokenCalls().length}`, { expires_in: 60, refresh_token: "rt-secret-1" }),
    });
    await tokens.getToken();
    clock += 60_000;
    const grants = () => tokenCalls().map((call) => form(call).grant_type);
    expect(await tokens.getToken()).toBe(`at-secret-${grants().length}`);
    expect(grants()[0]).toBe("password");
    expect(grants().at(-1)).toBe("password");
  });

  // Asked to wait, the call fails with the endpoint's error and its wait (no second grant is sent to an endpoint that
  // is throttling or down), and the next call uses the password grant.
  it.each([
    ["429 asking for an hour", () => json({ error: "slow_down" }, { status: 429, headers: { "Retry-After": "3600" } })],
    ["503 asking for an hour", () => json({ error: "temporarily_unavailable" }, { status: 503, headers: { "Retry-After": "3600" } })],
  ])("a refresh answered %s fails that call with its wait, and the next call uses the password grant", async (_case, answer) => {
    let clock = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock },
      token: (_, call) =>
        form(call).grant_type === "refresh_token" ? answer() : tokenResponse(`at-secret-${tokenCalls().length}`, { expires_in: 60, refresh_token: "rt-secret-1" }),
    });
    await tokens.getToken();
    clock += 60_000;
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).retryAfterMs).toBe(3_600_000);
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["password", "refresh_token"]);
    expect(await tokens.getToken()).toBe("at-secret-3");
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["password", "refresh_token", "password"]);
  });

  // Once the endpoint has answered a refresh with anything but a token, the source refreshes no more: a server that
  // fails every refresh grant (a 500 for one it does not know) would cost each token lifetime a failed refresh.
  it("refreshes no more after one refresh failed: later lifetimes use the password grant alone, and no call fails", async () => {
    let clock = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock },
      token: (_, call) =>
        form(call).grant_type === "refresh_token" ? json({ error: "server_error" }, { status: 500 }) : tokenResponse(`at-secret-${tokenCalls().length}`, { expires_in: 3600, refresh_token: `rt-secret-${tokenCalls().length}` }),
    });
    await tokens.getToken();
    for (let lifetime = 0; lifetime < 3; lifetime++) {
      clock += 3_600_000;
      await tokens.getToken();
    }
    const grants = tokenCalls().map((call) => form(call).grant_type);
    expect(grants.filter((grant) => grant === "refresh_token")).toHaveLength(3);
    expect(grants.filter((grant) => grant === "password")).toHaveLength(4);
    expect(grants.slice(-2)).toEqual(["password", "password"]);
  });

  // A store of the caller's that fails with anything but an ApiError fails the call as it is; an ApiError (another
  // client's) under a password grant reads as a refused refresh, and the grant's own credentials are used.
  it("an error thrown by onRefreshToken reaches the call as it is, with no fallback", async () => {
    const storeError = new TypeError("vault unreachable");
    let clock = 0;
    let stores = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock, initial: { accessToken: "at-initial", refreshToken: "rt-initial", expiresAt: 1, onRefreshToken: () => { if (++stores === 1) throw storeError; } } },
      token: () => tokenResponse(`at-secret-${tokenCalls().length}`, { expires_in: 60, refresh_token: `rt-secret-${tokenCalls().length}` }),
    });
    clock = 60_000;
    expect(await caught(tokens.getToken())).toBe(storeError);
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["refresh_token"]);
  });

  it("a refresh that fails on the network keeps its refresh token: the next call refreshes with it again", async () => {
    let clock = 0;
    let down = true;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock },
      token: (_, call) =>
        form(call).grant_type === "refresh_token" && down ? Promise.reject(networkError("ECONNRESET")) : tokenResponse(`at-secret-${tokenCalls().length}`, { expires_in: 60, refresh_token: "rt-secret-1" }),
    });
    await tokens.getToken();
    clock += 60_000;
    expect(await caught(tokens.getToken())).toBeInstanceOf(ApiConnectionError);
    down = false;
    await tokens.getToken();
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["password", "refresh_token", "refresh_token", "refresh_token", "refresh_token"]);
  });

  it("takes an empty refresh_token in an answer for none: it is not stored, and the next token request uses the grant, not an empty refresh token", async () => {
    let clock = 0;
    const stored: string[] = [];
    const { tokens, tokenCalls } = world({
      source: { now: () => clock, initial: { accessToken: "at-secret-0", expiresAt: 60_000, onRefreshToken: (token) => stored.push(token) } },
      token: (_, __, index) => tokenResponse(`at-secret-${index + 1}`, { expires_in: 60, refresh_token: "" }),
    });
    clock += 60_000;
    expect(await tokens.getToken()).toBe("at-secret-1");
    clock += 60_000;
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(stored).toEqual([]);
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["password", "password"]);
  });

  it("gives initial.onRefreshToken each refresh token issued after the initial one, one in an answer refused otherwise too", async () => {
    // The caller stored the initial refresh token; once the server rotates it, only this callback lets it store the next.
    let answers = 0;
    const stored: string[] = [];
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-0" }, initial: { accessToken: "at-secret-0", refreshToken: "rt-secret-0", onRefreshToken: (token) => stored.push(token) } },
      token: () => (++answers === 1 ? json({ refresh_token: "rt-secret-1" }) : tokenResponse(`at-secret-${answers}`, { refresh_token: `rt-secret-${answers}` })),
    });
    tokens.invalidate("at-secret-0");
    expect(await caught(tokens.getToken())).toBeInstanceOf(AuthenticationError);
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(stored).toEqual(["rt-secret-1", "rt-secret-2"]);
    expect(tokenCalls().map((call) => form(call).refresh_token)).toEqual(["rt-secret-0", "rt-secret-1"]);
  });

  // Read only once the server rotates the refresh token, perhaps hours on: the refresh then failed with a bare TypeError.
  it.each<[string, unknown, string]>([
    ["a string (a refresh token passed there by mistake)", "rt-secret-misplaced", "a string"],
    ["an object", { save: () => undefined }, "an object"],
  ])("refuses an initial.onRefreshToken that is %s at once, describing it, not quoting it", (_, store, described) => {
    const error = thrownBy(() =>
      createOAuth2TokenSource({
        tokenUrl: "https://auth.test/oauth/token",
        grant: { type: "refresh_token", refreshToken: "rt-secret-0" },
        initial: { accessToken: "at-secret-0", refreshToken: "rt-secret-0", onRefreshToken: store as never },
      }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "initial.onRefreshToken", message: `initial.onRefreshToken must be a function that stores the new refresh token, got ${described}` });
    expect(String((error as Error).message)).not.toContain("rt-secret-misplaced");
  });

  // Storing a token is often async (a database write): its failure must fail the token request, not end the process
  // as an unhandled rejection, and the token is handed out only once it is stored.
  it("waits for an async onRefreshToken, and fails the token request with its rejection", async () => {
    const order: string[] = [];
    let failing = true;
    const { tokens } = world({
      source: {
        grant: { type: "refresh_token", refreshToken: "rt-secret-0" },
        initial: {
          accessToken: "at-secret-0",
          refreshToken: "rt-secret-0",
          onRefreshToken: async (token) => {
            await new Promise((resolve) => setTimeout(resolve, 5));
            if (failing) throw new Error(`the store is down: a token of ${token.length} characters not saved`);
            order.push(`stored ${token}`);
          },
        },
      },
    });
    tokens.invalidate("at-secret-0");
    const error = await caught(tokens.getToken());
    expect((error as Error).message).toMatch(/the store is down/);
    failing = false;
    tokens.invalidate("at-secret-0");
    order.push(`got ${await tokens.getToken()}`);
    expect(order).toEqual(["stored rt-secret-2", "got at-secret-2"]);
  });

  // A store's error may quote the value it could not write (a duplicate key): the new refresh token is a credential then too.
  it("redacts the new refresh token from the error of an onRefreshToken that quotes it", async () => {
    const { client } = world({
      source: {
        grant: { type: "refresh_token", refreshToken: "rt-secret-0" },
        initial: { accessToken: "at-secret-0", refreshToken: "rt-secret-0", onRefreshToken: async (token) => Promise.reject(new Error(`Key (token)=(${token}) already exists`)) },
      },
      api: () => json({}, { status: 401 }),
    });
    const error = await caught(client.GET("/items"));
    expect(String((error as Error).cause)).toMatch(/Key \(token\)=\(.+\) already exists/);
  });

  // Only a token answer's first eight credential-named fields are remembered (see oauth-secrets-bound.test.ts): a server
  // that put eight others first had the refresh token forgotten, and the store's error quoted it as it was.
  it("redacts the new refresh token from the store's error also when eight other credential-named fields come first", async () => {
    const { client } = world({
      source: {
        grant: { type: "refresh_token", refreshToken: "rt-secret-0" },
        initial: { accessToken: "at-secret-0", refreshToken: "rt-secret-0", onRefreshToken: async (token) => Promise.reject(new Error(`Key (token)=(${token}) already exists`)) },
      },
      token: () => json({ ...EIGHT_FIELDS, access_token: "at-late-secret-9", refresh_token: "rt-late-secret-9", token_type: "bearer" }),
      api: () => json({}, { status: 401 }),
    });
    const error = await caught(client.GET("/items"));
    expect(String((error as Error).cause)).toContain("Key (token)=([redacted]) already exists");
    expectNoSecrets(error, ["rt-late-secret-9", "at-late-secret-9"]);
  });

  // With a refresh-token grant, which has nothing to fall back to: the next call shows which refresh token was kept.
  it("takes no refresh token from an answer that refuses the request", async () => {
    let answers = 0;
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-0" }, maxRetries: 0 },
      token: () =>
        ++answers === 1 ? json({ error: "temporarily_unavailable", refresh_token: "rt-planted" }, { status: 503 }) : tokenResponse(`at-secret-${answers}`, { expires_in: 60, refresh_token: "rt-secret-1" }),
    });
    expect(await caught(tokens.getToken())).toBeInstanceOf(AuthenticationError);
    await tokens.getToken();
    expect(tokenCalls().map((call) => form(call).refresh_token)).toEqual(["rt-secret-0", "rt-secret-0"]);
  });

  // The bound on a credential's length was checked on the first eight credential-named fields only, the ones remembered.
  const LONG = "x".repeat(20_000);

  it("refuses an access_token longer than 16 384 characters that comes after eight other credential-named fields", async () => {
    const { tokens, apiCalls, client } = world({ token: () => json({ ...EIGHT_FIELDS, access_token: `at-secret-1${LONG}`, token_type: "bearer" }) });
    const error = await caught(client.GET("/items"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/over 16384 characters/);
    expect(apiCalls()).toHaveLength(0);
    expect(await caught(tokens.getToken())).toBeInstanceOf(AuthenticationError);
  });

  it("keeps no refresh_token longer than 16 384 characters that comes after eight other credential-named fields", async () => {
    // The first answer (index 0) carries the long refresh token; a refresh-token grant has nothing to fall back to.
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-0" } },
      token: (_, __, index) =>
        index === 0 ? json({ ...EIGHT_FIELDS, access_token: "at-secret-1", refresh_token: `rt-secret-1${LONG}`, expires_in: 60 }) : tokenResponse(`at-secret-${index + 1}`, { expires_in: 60, refresh_token: `rt-secret-${index + 1}` }),
    });
    expect(await caught(tokens.getToken())).toBeInstanceOf(AuthenticationError);
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(tokenCalls().map((call) => form(call).refresh_token)).toEqual(["rt-secret-0", "rt-secret-0"]);
  });

  it("reads an empty initial.refreshToken as none: the grant's credentials are sent, not an empty refresh token", async () => {
    const { tokens, tokenCalls } = world({ source: { initial: { accessToken: "", refreshToken: "" } } });
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["password"]);
  });

  it("a refused refresh with only a refresh token throws AuthenticationError telling to sign in again", async () => {
    const { tokens } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-1" } },
      token: () => json({ error: "invalid_grant", error_description: "Refresh token revoked" }, { status: 400 }),
    });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe(
      `Token request to ${TOKEN_URL} failed with 400 invalid_grant (Refresh token revoked): the refresh token is invalid, expired or already used; sign in again`,
    );
  });

  it("sends no grant of a type it was not made with: a grant whose type was changed afterwards to an unknown one is refused, unsent", async () => {
    const grant: { type: string; username: string; password: string } = { ...PASSWORD_GRANT };
    const { tokens, tokenCalls } = world({ source: { grant: grant as OAuth2TokenSourceOptions["grant"] } });
    grant.type = "authorization_code";
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(tokenCalls()).toEqual([]);
  });

  it("an initial token is used without any token request until the server rejects it, then refreshed", async () => {
    const { client, tokenCalls, apiCalls } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-1" }, initial: { accessToken: "at-secret-0", refreshToken: "rt-secret-1" } },
      api: (request) => (request.headers.get("authorization") === "Bearer at-secret-0" && apiCalls().length > 1 ? json({}, { status: 401 }) : json([])),
    });
    await client.GET("/items");
    expect(tokenCalls()).toHaveLength(0);
    await client.GET("/items");
    expect(tokenCalls().map(form)).toEqual([{ grant_type: "refresh_token", refresh_token: "rt-secret-1" }]);
    expect(apiCalls().map((call) => call.headers.get("authorization"))).toEqual(["Bearer at-secret-0", "Bearer at-secret-0", "Bearer at-secret-1"]);
  });
});

describe("401 handling", () => {
  it("a 401 makes the client fetch one new token and resend once", async () => {
    const { client, tokenCalls, apiCalls } = world({
      api: (request) => (request.headers.get("authorization") === "Bearer at-secret-1" ? json({ message: "expired" }, { status: 401 }) : json([])),
    });
    const result = await client.GET("/items");
    expect(result.response.status).toBe(200);
    expect(tokenCalls()).toHaveLength(2);
    expect(apiCalls().map((call) => call.headers.get("authorization"))).toEqual(["Bearer at-secret-1", "Bearer at-secret-2"]);
  });

  it("a 401 whose body breaks off is still resent with a fresh token: the body of a 401 to refresh is never read", async () => {
    const broken = () => new Response(new ReadableStream({ pull: (controller) => controller.error(new Error("connection reset")) }), { status: 401 });
    const { client, tokenCalls, apiCalls } = world({
      api: (request) => (request.headers.get("authorization") === "Bearer at-secret-1" ? broken() : json([])),
    });
    const result = await client.GET("/items");
    expect(result.response.status).toBe(200);
    expect(tokenCalls()).toHaveLength(2);
    expect(apiCalls().map((call) => call.headers.get("authorization"))).toEqual(["Bearer at-secret-1", "Bearer at-secret-2"]);
  });

  it("a 401 on a POST is resent once too, since the server did not act on it", async () => {
    const { client, apiCalls } = world({
      api: (request) => (request.headers.get("authorization") === "Bearer at-secret-1" ? json({}, { status: 401 }) : json({ id: 1, name: "a" }, { status: 201 })),
    });
    const result = await client.POST("/items", { body: { name: "a" } });
    expect(result.response.status).toBe(201);
    expect(apiCalls().map((call) => call.body)).toEqual(['{"name":"a"}', '{"name":"a"}']);
  });

  it("a second 401 is returned to the caller, not looped on", async () => {
    const { client, tokenCalls, apiCalls } = world({ api: () => json({ message: "no access" }, { status: 401 }) });
    const result = await client.GET("/items");
    expect(result.response.status).toBe(401);
    expect(result.error).toEqual({ message: "no access" });
    expect(apiCalls()).toHaveLength(2);
    expect(tokenCalls()).toHaveLength(2);
  });

  it("concurrent 401s for the same token share one new token", async () => {
    const { client, tokenCalls } = world({
      api: (request) => (request.headers.get("authorization") === "Bearer at-secret-1" ? json({}, { status: 401 }) : json([])),
    });
    const results = await Promise.all(Array.from({ length: 5 }, () => client.GET("/items")));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(tokenCalls()).toHaveLength(2);
  });

  it("invalidating a token that was already replaced does not fetch another", async () => {
    let clock = 0;
    const { tokens, tokenCalls } = world({ source: { now: () => clock } });
    await tokens.getToken();
    tokens.invalidate("at-secret-1");
    await tokens.getToken();
    tokens.invalidate("at-secret-1");
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(tokenCalls()).toHaveLength(2);
  });

  it("operations with auth: false never ask for a token", async () => {
    const { client, tokenCalls, apiCalls } = world();
    await client.GET("/public/status");
    expect(tokenCalls()).toHaveLength(0);
    expect(apiCalls()[0]?.headers.get("authorization")).toBeNull();
  });
});

describe("failed token requests", () => {
  it("throw AuthenticationError with the endpoint's status and error body, and an actionable message", async () => {
    const { client, apiCalls } = world({
      token: () => json({ error: "invalid_grant", error_description: "Invalid username or password" }, { status: 400 }),
    });
    const error = await caught(client.GET("/items"));
    expect(error).toBeInstanceOf(AuthenticationError);
    const auth = error as AuthenticationError;
    expect(auth.status).toBe(400);
    expect(auth.method).toBe("POST");
    expect(auth.url).toBe(TOKEN_URL);
    expect(auth.body).toEqual({ error: "invalid_grant", error_description: "Invalid username or password" });
    expect(auth.message).toBe(
      `Token request to ${TOKEN_URL} failed with 400 invalid_grant (Invalid username or password): check the username and password`,
    );
    expect(JSON.parse(JSON.stringify(auth))).toEqual({
      name: "AuthenticationError",
      message: auth.message,
      status: 400,
      method: "POST",
      url: TOKEN_URL,
      body: auth.body,
    });
    expect(apiCalls()).toHaveLength(0);
  });

  it("a 400 without an OAuth error code is told the grant's own advice, as a 401 is", async () => {
    const { tokens } = world({ token: () => new Response("Bad Request", { status: 400 }) });
    const error = await caught(tokens.getToken());
    expect((error as Error).message).toMatch(/ failed with 400: check the username and password$/);
  });

  it("quote the endpoint's error code and description on one line of bounded length, however long or broken they are", async () => {
    const { tokens } = world({ token: () => json({ error: "forged\nlevel=info msg=ok ".repeat(5_000), error_description: "a\r\nb" }, { status: 400 }) });
    const { message } = (await caught(tokens.getToken())) as Error;
    expect(message).toMatch(/^Token request to \S+ failed with 400 forged level=info/);
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.length).toBeLessThan(400);
  });

  it("quote no empty parentheses for an empty error_description", async () => {
    const { tokens } = world({ token: () => json({ error: "invalid_grant", error_description: "" }, { status: 400 }) });
    const { message } = (await caught(tokens.getToken())) as Error;
    expect(message).toBe(`Token request to ${TOKEN_URL} failed with 400 invalid_grant: check the username and password`);
  });

  it("never carry a credential, even when the endpoint echoes one back", async () => {
    const { tokens } = world({
      source: { grant: { ...PASSWORD_GRANT, query: { account_token: "NPS-1234" } } },
      token: () =>
        json(
          {
            error: "invalid_grant",
            error_description: "password hunter2-password is wrong for ana@example.com",
            refresh_token: "rt-secret-9",
            echo: { password: "hunter2-password", Authorization: "Bearer at-secret-1" },
          },
          { status: 401 },
        ),
    });
    const error = await caught(tokens.getToken());
    expectNoSecrets(error, ["rt-secret-9", "NPS-1234"]);
    expect((error as AuthenticationError).url).toBe(`${TOKEN_URL}?account_token=[redacted]`);
    expect((error as AuthenticationError).status).toBe(401);
  });

  it("a 5xx token response, retried while retries are left, is an AuthenticationError", async () => {
    const { tokens, tokenCalls } = world({ token: () => new Response("<html>Bad gateway</html>", { status: 502 }) });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(502);
    expect((error as AuthenticationError).body).toBe("<html>Bad gateway</html>");
    expect((error as Error).message).toContain("the authorization server failed; retry later");
    expect(tokenCalls()).toHaveLength(3);
  });

  // A password or client-credentials grant sent twice issues a second token at worst: a 503, a 408, a 500 or a reset
  // connection is sent again, as a GET would be, and the caller gets the token.
  it.each([
    ["a 503", () => json({ error: "temporarily_unavailable" }, { status: 503 })],
    ["a 408", () => new Response("", { status: 408 })],
    ["a 500", () => new Response("oops", { status: 500 })],
    ["a reset connection", () => Promise.reject(networkError("ECONNRESET"))],
  ])("a password grant answered %s is sent again and succeeds", async (_, failure) => {
    const { tokens, tokenCalls } = world({ token: (_, __, index) => (index === 0 ? failure() : tokenResponse("at-secret-1")) });
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(tokenCalls()).toHaveLength(2);
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["password", "password"]);
  });

  // A wait longer than the transport waits out (a minute) ends the token request at once, a 503's as a 429's.
  it("a 503 token response asking for two minutes is not sent again, and its error carries the wait", async () => {
    const { tokens, tokenCalls } = world({ token: () => json({ error: "temporarily_unavailable" }, { status: 503, headers: { "Retry-After": "120" } }) });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).retryAfterMs).toBe(120_000);
    expect(tokenCalls()).toHaveLength(1);
  });

  it("a client-credentials grant answered 503 is sent again and succeeds", async () => {
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "client_credentials", clientId: "client-9", clientSecret: "client-secret-value" } },
      token: (_, __, index) => (index === 0 ? json({ error: "temporarily_unavailable" }, { status: 503 }) : tokenResponse("at-secret-1")),
    });
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(tokenCalls()).toHaveLength(2);
  });

  it("a network error after every retry names the attempts and advises checking the network, not that the server may have acted", async () => {
    const { tokens, tokenCalls } = world({ token: () => Promise.reject(networkError("ECONNRESET")) });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as Error).message).toMatch(/\(3 attempts\).*Check the network/);
    expect((error as Error).message).not.toMatch(/may have acted/);
    expect(tokenCalls()).toHaveLength(3);
  });

  // A refresh is sent again like the grants: a refresh token the failed request spent is refused (invalid_grant) on the
  // second, as the next call's refresh would be, and the token source then falls back to the password grant.
  // `answer(n)` answers the n-th token request (from 1); the first token expires a minute later, when the second call asks.
  async function refreshAfter(answer: (n: number) => Response | Promise<Response> | undefined) {
    let clock = 0;
    let answers = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock },
      token: () => answer(++answers) ?? tokenResponse(`at-secret-${answers}`, { expires_in: 60, refresh_token: "rt-secret-1" }),
    });
    await tokens.getToken();
    clock += 60_000;
    return { token: await tokens.getToken(), grants: tokenCalls().map((call) => form(call).grant_type) };
  }

  it("a refresh answered 503 or a reset connection is sent again and succeeds", async () => {
    for (const failure of [() => json({ error: "temporarily_unavailable" }, { status: 503 }), () => Promise.reject(networkError("ECONNRESET"))]) {
      expect(await refreshAfter((n) => (n === 2 ? failure() : undefined))).toEqual({ token: "at-secret-3", grants: ["password", "refresh_token", "refresh_token"] });
    }
  });

  it("a refresh whose retry is refused as spent falls back to the password grant within the same call", async () => {
    const answer = (n: number) => (n === 2 ? Promise.reject(networkError("ECONNRESET")) : n === 3 ? json({ error: "invalid_grant" }, { status: 400 }) : undefined);
    expect(await refreshAfter(answer)).toEqual({ token: "at-secret-4", grants: ["password", "refresh_token", "refresh_token", "password"] });
  });

  it("a refresh still answered 429 after its retries fails that call with the 429, not sending the password grant into the rate limit", async () => {
    let clock = 0;
    const { tokens, tokenCalls } = world({
      source: { now: () => clock, maxRetries: 0 },
      token: (_, __, index) => (index === 0 ? tokenResponse("at-secret-1", { expires_in: 60, refresh_token: "rt-secret-1" }) : json({ error: "slow_down" }, { status: 429 })),
    });
    await tokens.getToken();
    clock += 60_000;
    expect(await caught(tokens.getToken())).toMatchObject({ name: "AuthenticationError", status: 429 });
    expect(tokenCalls().map((call) => form(call).grant_type)).toEqual(["password", "refresh_token"]);
  });

  it("a refresh refused as invalid_grant with a wait names the refresh token, not the vendor's hint for the grant's own credentials", async () => {
    let clock = 0;
    const { tokens } = world({
      source: { now: () => clock, maxRetries: 0, hints: { refused: "check auth.username and auth.password" } },
      token: (_, __, index) => (index === 0 ? tokenResponse("at-secret-1", { expires_in: 60, refresh_token: "rt-secret-1" }) : json({ error: "invalid_grant" }, { status: 429 })),
    });
    await tokens.getToken();
    clock += 60_000;
    const error = await caught(tokens.getToken());
    expect((error as Error).message).toMatch(/failed with 429 invalid_grant: the refresh token is invalid, expired or already used; sign in again$/);
  });

  it("a 429 token response is retried", async () => {
    const { tokens, tokenCalls } = world({
      token: (_, __, index) => (index === 0 ? json({ error: "slow_down" }, { status: 429 }) : tokenResponse("at-secret-1")),
    });
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(tokenCalls()).toHaveLength(2);
  });

  // A wait longer than the transport waits out (a minute) ends the token request at once: the caller learns how long
  // the endpoint asked it to wait, as an API call's RateLimitError tells it, and no header is kept.
  it("a 429 token response asking for an hour is an AuthenticationError carrying the wait, and no header", async () => {
    const { tokens, tokenCalls } = world({
      token: () => json({ error: "slow_down" }, { status: 429, headers: { "Retry-After": "3600", "Set-Cookie": "session=cookie-secret-1" } }),
    });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(429);
    expect((error as AuthenticationError).retryAfterMs).toBe(3_600_000);
    expect((error as AuthenticationError).toJSON().retryAfterMs).toBe(3_600_000);
    expect((error as Error).message).toContain("the token endpoint is rate limiting; retry later");
    expect(JSON.stringify(error) + inspect(error)).not.toContain("cookie-secret-1");
    expect(tokenCalls()).toHaveLength(1);
  });

  it("a token response that asks for no wait carries none", async () => {
    const { tokens } = world({ token: () => json({ error: "invalid_client" }, { status: 401 }) });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect("retryAfterMs" in (error as object)).toBe(false);
    expect(Object.keys(error as object)).toEqual(["status", "method", "url", "body"]);
  });

  it("a garbage 200 token response is an AuthenticationError that does not echo the garbage's secrets", async () => {
    const { tokens } = world({ token: () => new Response("access_token=at-secret-1&expires=3600", { status: 200 }) });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain("without an access_token");
    expect((error as AuthenticationError).status).toBe(200);
  });

  it("a JSON token response without access_token is an AuthenticationError", async () => {
    const { tokens } = world({ token: () => json({ accessToken: "at-secret-1" }) });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toEqual({ accessToken: "[redacted]" });
  });

  it("a token endpoint that cannot be reached throws ApiConnectionError naming it", async () => {
    const { tokens } = world({
      token: () => {
        throw networkError("ECONNRESET");
      },
    });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as ApiConnectionError).url).toBe(TOKEN_URL);
  });

  // The transport reads a token body whole and the token request only decodes what was read: a body a fetch of the
  // caller's own made of chunks that are not bytes (strings), which the platform's text() refuses, must fail in the
  // transport as an unreadable body, not escape from the token request as a bare TypeError.
  it("a token body whose chunks are not bytes throws ApiConnectionError naming the endpoint", async () => {
    const { tokens } = world({
      token: () => new Response(new ReadableStream({ start: (controller) => (controller.enqueue('{"access_token":"at-secret-1"}'), controller.close()) })),
    });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as ApiConnectionError).url).toBe(TOKEN_URL);
    expectNoSecrets(error, ["at-secret-1"]);
  });

  it("a failed token request is not cached: the next call asks again", async () => {
    const { tokens, tokenCalls } = world({
      source: { maxRetries: 0 },
      token: (_, __, index) => (index === 0 ? json({ error: "temporarily_unavailable" }, { status: 503 }) : tokenResponse("at-secret-1")),
    });
    await caught(tokens.getToken());
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(tokenCalls()).toHaveLength(2);
  });
});

describe("cancellation of token waits", () => {
  it("a caller that aborts stops waiting, while another caller still gets the shared token", async () => {
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { tokens, tokenCalls } = world({
      token: async () => {
        await gate;
        return tokenResponse("at-secret-1");
      },
    });
    const controller = new AbortController();
    const first = caught(tokens.getToken(controller.signal));
    const second = tokens.getToken();
    controller.abort();
    expect(await first).toBeInstanceOf(ApiUserAbortError);
    release?.();
    expect(await second).toBe("at-secret-1");
    expect(tokenCalls()).toHaveLength(1);
  });

  it("a token request every caller gave up on is cancelled, and the next caller starts a fresh one", async () => {
    const seen: Request[] = [];
    const { tokens, tokenCalls } = world({
      token: (request, _, index) => {
        seen.push(request);
        return index === 0 ? never(request) : tokenResponse("at-secret-2", { refresh_token: "rt-secret-2" });
      },
    });
    const controller = new AbortController();
    const abandoned = caught(tokens.getToken(controller.signal));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    expect(await abandoned).toBeInstanceOf(ApiUserAbortError);
    expect(seen[0]?.signal.aborted).toBe(true);
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(tokenCalls()).toHaveLength(2);
  });

  it("a refresh every caller gave up on still finishes, so the refresh token the server rotated is kept, and later callers wait for it", async () => {
    // A server that rotates: each refresh token works once, and the new one travels only in the answer.
    let valid = "rt-secret-1";
    let issued = 1;
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { tokens, tokenCalls } = world({
      source: { grant: { type: "refresh_token", refreshToken: "rt-secret-1" } },
      token: async (_, call) => {
        if (form(call).refresh_token !== valid) return json({ error: "invalid_grant" }, { status: 400 });
        valid = `rt-secret-${++issued}`;
        if (issued === 2) await gate;
        return tokenResponse(`at-secret-${issued}`, { refresh_token: valid });
      },
    });
    const controller = new AbortController();
    const abandoned = caught(tokens.getToken(controller.signal));
    await vi.waitFor(() => expect(tokenCalls()).toHaveLength(1));
    controller.abort();
    expect(await abandoned).toBeInstanceOf(ApiUserAbortError);
    const next = tokens.getToken();
    release?.();
    expect(await next).toBe("at-secret-2");
    tokens.invalidate("at-secret-2");
    expect(await tokens.getToken()).toBe("at-secret-3");
    expect(tokenCalls().map((call) => form(call).refresh_token)).toEqual(["rt-secret-1", "rt-secret-2"]);
  });
});

describe("options", () => {
  it("are checked up front without quoting a credential", () => {
    expect(() => createOAuth2TokenSource({ tokenUrl: "not a url?password=hunter2-password", grant: PASSWORD_GRANT })).toThrow(/tokenUrl must be a full URL/);
    try {
      createOAuth2TokenSource({ tokenUrl: "not a url?password=hunter2-password", grant: PASSWORD_GRANT });
    } catch (error) {
      expectNoSecrets(error);
    }
    // Not a URL (a space in the host), with user info the parser would find without the slashes: never quoted.
    expect(() => createOAuth2TokenSource({ tokenUrl: "https:ana:hunter2-password@auth example.com/token", grant: PASSWORD_GRANT })).toThrow(
      expect.objectContaining({ field: "tokenUrl", message: expect.not.stringContaining("hunter2-password") }),
    );
    expect(() => createOAuth2TokenSource({ tokenUrl: TOKEN_URL, grant: { type: "password", username: "", password: "x" } })).toThrow(
      /grant.username must be a non-empty string/,
    );
    expect(() => createOAuth2TokenSource({ tokenUrl: TOKEN_URL, grant: { type: "magic" } as never })).toThrow(
      'Unknown grant type "magic": use "password", "client_credentials" or "refresh_token"',
    );
    expect(() => createOAuth2TokenSource({ tokenUrl: TOKEN_URL, grant: { type: { secret: "grant-type-secret-2" } } as never })).toThrow(
      expect.objectContaining({ field: "grant.type", message: expect.stringMatching(/^Unknown grant type an object: use /) }),
    );
    expect(() => createOAuth2TokenSource({ tokenUrl: TOKEN_URL, grant: { type: 1n } as never })).toThrow(expect.objectContaining({ field: "grant.type", message: expect.stringMatching(/^Unknown grant type a bigint: /) }));
    expect(() => createOAuth2TokenSource({ tokenUrl: TOKEN_URL, grant: undefined as never })).toThrow(
      expect.objectContaining({ field: "grant", message: 'grant is required: an object whose type is "password", "client_credentials" or "refresh_token"' }),
    );
  });

  it("refuse each grant field that is empty or missing, naming it, and a token URL that is no string", () => {
    const refuses = (grant: unknown, field: string) =>
      expect(() => createOAuth2TokenSource({ tokenUrl: TOKEN_URL, grant: grant as never })).toThrow(
        expect.objectContaining({ name: "InputError", field, message: `${field} must be a non-empty string` }),
      );
    refuses({ ...PASSWORD_GRANT, clientId: "" }, "grant.clientId");
    refuses({ ...PASSWORD_GRANT, clientId: "client-9", clientSecret: "" }, "grant.clientSecret");
    refuses({ ...PASSWORD_GRANT, query: { account_token: "" } }, "grant.query.account_token");
    refuses({ type: "client_credentials", clientId: "client-9" }, "grant.clientSecret");
    refuses({ type: "client_credentials", clientSecret: "client-secret-value" }, "grant.clientId");
    refuses({ type: "refresh_token", refreshToken: "" }, "grant.refreshToken");
    // A URL object, not its href: an InputError, not the TypeError of reading it as text.
    for (const tokenUrl of [new URL(TOKEN_URL), 42]) {
      expect(() => createOAuth2TokenSource({ tokenUrl: tokenUrl as never, grant: PASSWORD_GRANT })).toThrow(
        expect.objectContaining({ name: "InputError", field: "tokenUrl", message: "tokenUrl must be the token endpoint's full URL" }),
      );
    }
  });
});

describe("tokenSourceForCheckedGrant", () => {
  it("gets tokens as createOAuth2TokenSource does, for a grant its caller has checked", async () => {
    const fake = fakeFetch(() => tokenResponse("at-secret-checked", { expires_in: 3600 }));
    const tokens = tokenSourceForCheckedGrant({ tokenUrl: TOKEN_URL, grant: { type: "client_credentials", clientId: "client-9", clientSecret: "client-secret-value" }, fetch: fake.fetch });
    expect(await tokens.getToken()).toBe("at-secret-checked");
    expect(fake.calls.map((call) => [call.url.href, form(call)])).toEqual([
      [TOKEN_URL, { grant_type: "client_credentials", client_id: "client-9", client_secret: "client-secret-value" }],
    ]);
  });
});
