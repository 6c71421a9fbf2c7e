import { useFaultServer, type SeenRequest } from "@apis/faults";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiTimeoutError,
  ApiUserAbortError,
  createApiClient,
  createOAuth2TokenSource,
  exchangeAuthorizationCode,
  type OAuth2TokenSourceOptions,
} from "../src/index.js";
import { operations, type paths } from "./fixtures.js";
import { codeExchange, expectNoSecrets, fakeFetch, HANG_MS, never, settle } from "./helpers.js";

// The server holds a stalled or hanging response open far longer than the hang guard, so only the client closing
// it can end it in time.
const server = useFaultServer({ hangMs: 60_000 });
afterEach(() => vi.useRealTimers());

const TOKEN = "POST /oauth/token";
const GRANT = { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" } as const;
const STALL = { stall: "after-headers", body: { access_token: "at-secret-1", token_type: "bearer", expires_in: 3600 } } as const;
const issue = (_: SeenRequest, index: number) => ({ status: 200, body: { access_token: `at-secret-${index + 1}`, token_type: "bearer", expires_in: 3600 } });

function tokenSource(options: Partial<OAuth2TokenSourceOptions> = {}) {
  return createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: GRANT, retryDelay: { baseMs: 1, maxMs: 2 }, ...options });
}

/** Waits until the client has closed the connection of the n-th token request (the server holds it for a minute). */
async function closedByClient(index: number): Promise<void> {
  await vi.waitFor(() => expect(server().requests.filter((request) => request.pathname === "/oauth/token")[index]?.closedAt).toBeDefined(), { timeout: HANG_MS });
}

describe("the token exchange is bounded, headers and body", () => {
  it("timeoutMs 500 and a 2 s signal per call, no retries: a stalled token body fails that call, and the next call starts afresh and succeeds", async () => {
    server().script(TOKEN, [STALL, STALL, issue]);
    server().script("GET /items", [{ status: 200, body: [] }]);
    const tokens = tokenSource({ timeoutMs: 500, maxRetries: 0 });
    const client = createApiClient<paths>({ baseUrl: server().url, operations, auth: { type: "oauth2", tokens }, timeoutMs: 500 });
    const outcomes = [];
    for (let call = 0; call < 5; call++) outcomes.push(await settle(client.GET("/items", { signal: AbortSignal.timeout(2000) })));

    expect(outcomes.map((outcome) => (outcome.error === undefined ? outcome.value?.response.status : (outcome.error as Error).name))).toEqual([
      "ApiTimeoutError",
      "ApiTimeoutError",
      200,
      200,
      200,
    ]);
    // The body stalls; on a loaded machine the headers may not arrive within the 500 ms either, which fails alike.
    expect((outcomes[0]?.error as Error).message).toMatch(/(its body was not read in full|got no response) within 500 ms/);
    expectNoSecrets(outcomes[0]?.error);
    expect(server().count(TOKEN)).toBe(3);
    expect(server().count("GET /items")).toBe(3);
    await closedByClient(0);
    await closedByClient(1);
  });

  // A client-credentials grant sent twice issues a second token at worst, so a stalled answer is sent again at once.
  it("a stalled client-credentials token body is retried within the same call, which succeeds", async () => {
    server().script(TOKEN, [STALL, issue]);
    server().script("GET /items", [{ status: 200, body: [] }]);
    const tokens = tokenSource({ timeoutMs: 500 });
    const client = createApiClient<paths>({ baseUrl: server().url, operations, auth: { type: "oauth2", tokens }, timeoutMs: 500 });
    const { response } = await client.GET("/items");
    expect(response.status).toBe(200);
    expect(server().count(TOKEN)).toBe(2);
    await closedByClient(0);
  });

  // A 200 spent the code (RFC 6749 §4.1.2): sent again, it is refused as invalid_grant, which would hide the stall, and
  // the server may revoke the token the stalled answer carried. So the exchange fails at once, saying what happened.
  it("exchangeAuthorizationCode fails within timeoutMs when a 200's token body stalls, says so, and does not send the code again", async () => {
    server().script(TOKEN, [STALL, { status: 400, body: { error: "invalid_grant" } }]);
    const exchange = exchangeAuthorizationCode(codeExchange(`${server().url}/oauth/token`, { timeoutMs: 500 }));
    const outcome = await settle(exchange);
    expect(outcome.error).toBeInstanceOf(ApiTimeoutError);
    expect((outcome.error as Error).message).toMatch(/returned 200 but its body was not read in full within 500 ms \(1 attempt\)\. Not retried/);
    expectNoSecrets(outcome.error);
    expect(server().count(TOKEN)).toBe(1);
    await closedByClient(0);
  });

  // No 2xx came, so the code may be unspent: a gateway's 503 whose body stalls is sent again.
  it("exchangeAuthorizationCode sends the code again after a 503 whose body stalls, and gets the token", async () => {
    server().script(TOKEN, [{ ...STALL, status: 503 }, issue]);
    const token = await exchangeAuthorizationCode(codeExchange(`${server().url}/oauth/token`, { timeoutMs: 500 }));
    expect(token.access_token).toBe("at-secret-2");
    expect(server().count(TOKEN)).toBe(2);
    await closedByClient(0);
  });
});

describe("a caller's abort ends the token request with it", () => {
  it("a caller aborting during the token request is rejected at once and its request is closed, although timeoutMs is a minute", async () => {
    server().script(TOKEN, [STALL]);
    const tokens = tokenSource({ timeoutMs: 60_000 });
    const controller = new AbortController();
    const waiting = settle(tokens.getToken(controller.signal));
    await vi.waitFor(() => expect(server().count(TOKEN)).toBe(1), { timeout: HANG_MS });
    controller.abort();
    expect((await waiting).error).toBeInstanceOf(ApiUserAbortError);
    await closedByClient(0);
  });

  it("leaves no timer behind once the only caller has aborted", async () => {
    vi.useFakeTimers();
    const fake = fakeFetch((request) => never(request));
    const tokens = createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/oauth/token", grant: GRANT, fetch: fake.fetch, timeoutMs: 60_000 });
    const controller = new AbortController();
    const waiting = tokens.getToken(controller.signal).catch((error: unknown) => error);
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1));
    controller.abort();
    expect(await waiting).toBeInstanceOf(ApiUserAbortError);
    await vi.waitFor(() => expect(fake.calls[0]?.request.signal.aborted).toBe(true));
    // Once the abort has gone through the transport's layers, however many turns that takes (a loaded machine's CI run
    // once saw the attempt's timer still there right after the signal aborted); each check moves the fake clock 50 ms,
    // far from the attempt's 60 s, so a timer left behind still fails.
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(0));
  });

  it("exchangeAuthorizationCode honours signal: an abort ends it at once and closes its request", async () => {
    server().script(TOKEN, [{ hang: true }]);
    const controller = new AbortController();
    const exchange = exchangeAuthorizationCode(codeExchange(`${server().url}/oauth/token`, { signal: controller.signal }));
    const waiting = settle(exchange);
    await vi.waitFor(() => expect(server().count(TOKEN)).toBe(1), { timeout: HANG_MS });
    controller.abort();
    const outcome = await waiting;
    expect(outcome.error).toBeInstanceOf(ApiUserAbortError);
    expectNoSecrets(outcome.error);
    await closedByClient(0);
  });
});
