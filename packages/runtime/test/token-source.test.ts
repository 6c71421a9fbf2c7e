import { describe, expect, it, vi } from "vitest";
import { ApiUserAbortError, AuthenticationError, createOAuth2TokenSource, createTokenSource, InputError, UNSENDABLE, type FetchedToken } from "../src/index.js";
import { observedClient } from "./fixtures.js";
import { caught, expectNoSecrets, json } from "./helpers.js";

/** A fetchToken that issues at-secret-1, at-secret-2, ... and records the signal of each call. */
function issuer(lifetimeMs?: number) {
  const signals: (AbortSignal | undefined)[] = [];
  const fetchToken = async (signal?: AbortSignal): Promise<FetchedToken> => {
    signals.push(signal);
    return { accessToken: `at-secret-${signals.length}`, expiresInMs: lifetimeMs };
  };
  return { fetchToken, signals };
}

/** A fetchToken that waits until the test releases (or fails) the current call. */
function gated() {
  let release: (token: string) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const signals: (AbortSignal | undefined)[] = [];
  const fetchToken = (signal?: AbortSignal) =>
    new Promise<FetchedToken>((resolve, reject) => {
      signals.push(signal);
      release = (accessToken) => resolve({ accessToken });
      fail = reject;
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  return { fetchToken, signals, release: (token: string) => release(token), fail: (error: unknown) => fail(error) };
}

describe("createTokenSource", () => {
  it("refuses a token from fetchToken longer than 16 384 characters, as requestToken refuses one from a token endpoint, without encoding it", async () => {
    const tokens = createTokenSource({ fetchToken: async () => ({ accessToken: `at-secret-1${"x".repeat(20_000)}` }), tokenUrl: "https://auth.example.com/token" });
    // Each form of a credential known to redaction is made with btoa among others: about a second per megabyte.
    const btoa = vi.spyOn(globalThis, "btoa");
    const error = await tokens.getToken().catch((caught: unknown) => caught);
    const encoded = btoa.mock.calls.some(([text]) => text.length > 16_384);
    btoa.mockRestore();
    expect(encoded).toBe(false);
    expect(error).toBeInstanceOf(AuthenticationError);
    expectNoSecrets(error);
    expect((error as Error).message).toMatch(/over 16 KiB/);
  });

  it("fetches a token once and reuses it while it is fresh", async () => {
    const { fetchToken, signals } = issuer(3_600_000);
    const tokens = createTokenSource({ fetchToken });
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(signals).toHaveLength(1);
  });

  it("twenty concurrent callers share one fetchToken call", async () => {
    const gate = gated();
    const tokens = createTokenSource({ fetchToken: gate.fetchToken });
    const waiting = Promise.all(Array.from({ length: 20 }, () => tokens.getToken()));
    gate.release("at-secret-1");
    expect(new Set(await waiting)).toEqual(new Set(["at-secret-1"]));
    expect(gate.signals).toHaveLength(1);
  });

  it("refreshes refreshSkewMs before expiry", async () => {
    let clock = 0;
    const { fetchToken, signals } = issuer(600_000);
    const tokens = createTokenSource({ fetchToken, refreshSkewMs: 30_000, now: () => clock });
    await tokens.getToken();
    clock = 569_999;
    expect(await tokens.getToken()).toBe("at-secret-1");
    clock = 570_000;
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(signals).toHaveLength(2);
  });

  it("refreshes a token living shorter than the skew at half its life", async () => {
    let clock = 0;
    const { fetchToken } = issuer(30_000);
    const tokens = createTokenSource({ fetchToken, now: () => clock });
    await tokens.getToken();
    clock = 14_999;
    expect(await tokens.getToken()).toBe("at-secret-1");
    clock = 15_000;
    expect(await tokens.getToken()).toBe("at-secret-2");
  });

  it("keeps a token of unknown lifetime until it is invalidated", async () => {
    let clock = 0;
    const { fetchToken } = issuer(undefined);
    const tokens = createTokenSource({ fetchToken, now: () => clock });
    await tokens.getToken();
    clock = 10 * 365 * 86_400_000;
    expect(await tokens.getToken()).toBe("at-secret-1");
    tokens.invalidate("at-secret-1");
    expect(await tokens.getToken()).toBe("at-secret-2");
  });

  it("takes a lifetime that is no positive number (text, NaN, 0, -5, Infinity) for an unknown one", async () => {
    for (const lifetime of ["600000", Number.NaN, 0, -5, Number.POSITIVE_INFINITY]) {
      let clock = 0;
      const { fetchToken, signals } = issuer(lifetime as number);
      const tokens = createTokenSource({ fetchToken, now: () => clock });
      await tokens.getToken();
      clock = 10 * 365 * 86_400_000;
      expect(await tokens.getToken()).toBe("at-secret-1");
      expect(signals).toHaveLength(1);
    }
  });

  it("invalidate drops only the token that was rejected, not a newer one", async () => {
    const { fetchToken, signals } = issuer();
    const tokens = createTokenSource({ fetchToken });
    await tokens.getToken();
    tokens.invalidate("at-secret-1");
    expect(await tokens.getToken()).toBe("at-secret-2");
    tokens.invalidate("at-secret-1");
    expect(await tokens.getToken()).toBe("at-secret-2");
    expect(signals).toHaveLength(2);
  });

  it("uses an initial token without fetching until its expiry nears", async () => {
    let clock = 0;
    const { fetchToken, signals } = issuer();
    const tokens = createTokenSource({ fetchToken, now: () => clock, initial: { accessToken: "at-secret-0", expiresAt: 120_000 } });
    expect(await tokens.getToken()).toBe("at-secret-0");
    clock = 60_000;
    expect(await tokens.getToken()).toBe("at-secret-1");
    expect(signals).toHaveLength(1);
  });

  // A time in seconds (what most token responses and JWTs' `exp` hold) read as milliseconds is January 1970: the initial
  // token would be thrown away unused, and a grant that cannot fetch another would fail on the first call, far from here.
  it.each([
    ["in seconds", Math.floor(Date.now() / 1000) + 3600],
    ["NaN", Number.NaN],
    ["null", null],
    ["a date string", "2026-12-01T00:00:00Z"],
  ])("refuses an initial expiresAt %s with an InputError naming it", (_, expiresAt) => {
    const initial = { accessToken: "at-secret-0", expiresAt: expiresAt as number };
    const error = (() => {
      try {
        createTokenSource({ fetchToken: issuer().fetchToken, initial });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "initial.expiresAt", message: expect.stringContaining("must be in epoch ms (Date.now() + lifetime)") });
    expect(String((error as Error).message)).not.toContain("at-secret-0");
  });

  // Checked by createTokenSource and createOAuth2TokenSource themselves (checkSourceOptions), not by the token source
  // underneath, whose vendor callers check the token they hand on under the caller's own field (auth.accessToken).
  it("refuses an initial accessToken no header can carry from both public makers, after refreshSkewMs and before expiresAt", () => {
    const grant = { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" } as const;
    const makers: [string, (options: { refreshSkewMs?: number; initial: { accessToken: string; expiresAt?: number } }) => unknown][] = [
      ["createTokenSource", (options) => createTokenSource({ fetchToken: issuer().fetchToken, ...options })],
      ["createOAuth2TokenSource", (options) => createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/oauth/token", grant, ...options })],
    ];
    for (const [, make] of makers) {
      for (const accessToken of ["Bearer at-given-1", "at-given-1\r\nX-Evil: 1", `at-${"x".repeat(16_384)}`]) {
        expect(() => make({ initial: { accessToken } })).toThrow(expect.objectContaining({ field: "initial.accessToken", message: `initial.accessToken ${UNSENDABLE}` }));
        // The order the checks had in the token source: the skew first, then the token, then its expiry.
        expect(() => make({ refreshSkewMs: -1, initial: { accessToken } })).toThrow(/^refreshSkewMs must be a number >= 0/);
        expect(() => make({ initial: { accessToken, expiresAt: 1_735_689_600 } })).toThrow(expect.objectContaining({ field: "initial.accessToken" }));
      }
      // Empty is none, as before: the first call fetches a token.
      expect(() => make({ initial: { accessToken: "" } })).not.toThrow();
    }
  });

  // Only a code exchange reads invalid_request as a spent code (league/oauth2-server's, see token-request.ts).
  it("tells another grant's invalid_request to check the form, tokenUrl and the grant", async () => {
    const grant = { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" } as const;
    const fetch = async () => json({ error: "invalid_request", hint: "Check the `grant_type` parameter" }, { status: 400 });
    const error = await caught(createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/oauth/token", grant, fetch, maxRetries: 0 }).getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/failed with 400 invalid_request \(Check the `grant_type` parameter\): the server refused the token request's form; check tokenUrl and the grant$/);
  });

  it("describes a refreshSkewMs or expiresAt given as text, never quoting it: a token put in the wrong field is not shown", () => {
    expect(() => createTokenSource({ fetchToken: issuer().fetchToken, refreshSkewMs: "30000" as never })).toThrow(/^refreshSkewMs must be a number >= 0, got a string$/);
    // A stored token record read with its fields mixed up: String() quoted the token.
    const token = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-SECRET-tail";
    const initial = { accessToken: "at-1234567", expiresAt: token as never };
    expect(() => createTokenSource({ fetchToken: issuer().fetchToken, initial })).toThrow(/^initial\.expiresAt must be in epoch ms \(Date\.now\(\) \+ lifetime\), got a string$/);
    // A number as it is written: one in seconds is told by its size.
    expect(() => createTokenSource({ fetchToken: issuer().fetchToken, initial: { accessToken: "at-1234567", expiresAt: 1_735_689_600 } })).toThrow(/got 1735689600$/);
  });

  it("takes an initial expiresAt in epoch milliseconds, past ones included (the token is then fetched anew)", async () => {
    const { fetchToken, signals } = issuer();
    expect(await createTokenSource({ fetchToken, initial: { accessToken: "at-secret-0", expiresAt: Date.now() + 3_600_000 } }).getToken()).toBe("at-secret-0");
    expect(await createTokenSource({ fetchToken, initial: { accessToken: "at-secret-0", expiresAt: Date.now() - 3_600_000 } }).getToken()).toBe("at-secret-1");
    expect(signals).toHaveLength(1);
  });

  it("a failing fetchToken rejects every current waiter with its error, and the next call tries again", async () => {
    const gate = gated();
    const tokens = createTokenSource({ fetchToken: gate.fetchToken });
    const first = caught(tokens.getToken());
    const second = caught(tokens.getToken(new AbortController().signal));
    const refused = new AuthenticationError("refused", { status: 401 });
    gate.fail(refused);
    expect(await first).toBe(refused);
    expect(await second).toBe(refused);
    const third = tokens.getToken();
    gate.release("at-secret-2");
    expect(await third).toBe("at-secret-2");
    expect(gate.signals).toHaveLength(2);
  });

  it("a fetchToken that resolves without an accessToken is reported as a TypeError", async () => {
    const tokens = createTokenSource({ fetchToken: async () => ({ accessToken: "" }) });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/fetchToken must resolve \{ accessToken, expiresInMs\? \}, got no accessToken/);
  });

  it("a caller that aborts stops waiting while the request goes on for the others", async () => {
    const gate = gated();
    const tokens = createTokenSource({ fetchToken: gate.fetchToken, tokenUrl: "https://auth.example.com/token" });
    const controller = new AbortController();
    const leaving = caught(tokens.getToken(controller.signal));
    const staying = tokens.getToken(new AbortController().signal);
    controller.abort();
    const error = await leaving;
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expect((error as Error).message).toBe("Waiting for an access token from https://auth.example.com/token was aborted by the caller.");
    expect(gate.signals[0]?.aborted).toBe(false);
    gate.release("at-secret-1");
    expect(await staying).toBe("at-secret-1");
  });

  it("once every caller has aborted, fetchToken's signal aborts and the next caller starts a new request", async () => {
    const gate = gated();
    const tokens = createTokenSource({ fetchToken: gate.fetchToken });
    const controllers = [new AbortController(), new AbortController()];
    const waits = controllers.map((controller) => caught(tokens.getToken(controller.signal)));
    controllers[0]?.abort();
    expect(gate.signals[0]?.aborted).toBe(false);
    controllers[1]?.abort();
    expect(gate.signals[0]?.aborted).toBe(true);
    for (const wait of waits) expect(await wait).toBeInstanceOf(ApiUserAbortError);
    const next = tokens.getToken();
    gate.release("at-secret-2");
    expect(await next).toBe("at-secret-2");
    expect(gate.signals).toHaveLength(2);
  });

  it("a cancelled request that settles after the next one started leaves that one shared: a later caller joins it", async () => {
    const gate = gated();
    const tokens = createTokenSource({ fetchToken: gate.fetchToken });
    const controller = new AbortController();
    const gaveUp = caught(tokens.getToken(controller.signal));
    controller.abort();
    const second = tokens.getToken();
    expect(await gaveUp).toBeInstanceOf(ApiUserAbortError);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the cancelled request's rejection has been handled
    const third = tokens.getToken();
    expect(gate.signals).toHaveLength(2);
    gate.release("at-secret-2");
    expect(await Promise.all([second, third])).toEqual(["at-secret-2", "at-secret-2"]);
  });

  it("a caller without a signal keeps the request going even when all others abort", async () => {
    const gate = gated();
    const tokens = createTokenSource({ fetchToken: gate.fetchToken });
    const controller = new AbortController();
    const leaving = caught(tokens.getToken(controller.signal));
    const committed = tokens.getToken();
    controller.abort();
    await leaving;
    expect(gate.signals[0]?.aborted).toBe(false);
    gate.release("at-secret-1");
    expect(await committed).toBe("at-secret-1");
  });

  it("an already aborted signal rejects without fetching", async () => {
    const { fetchToken, signals } = issuer();
    const tokens = createTokenSource({ fetchToken });
    expect(await caught(tokens.getToken(AbortSignal.abort()))).toBeInstanceOf(ApiUserAbortError);
    expect(signals).toHaveLength(0);
  });

  it("drives an API client: a 401 leads to one new token and one resend", async () => {
    const { fetchToken, signals } = issuer();
    const { client, calls } = observedClient(
      (request) => (request.headers.get("authorization") === "Bearer at-secret-1" ? json({}, { status: 401 }) : json([])),
      { auth: { type: "oauth2", tokens: createTokenSource({ fetchToken }) } },
    );
    expect((await client.GET("/items")).response.status).toBe(200);
    expect(calls.map((call) => call.headers.get("authorization"))).toEqual(["Bearer at-secret-1", "Bearer at-secret-2"]);
    expect(signals).toHaveLength(2);
  });

  it("refuses a refreshSkewMs of NaN, which would make every call fetch a new token", () => {
    expect(() => createTokenSource({ fetchToken: issuer().fetchToken, refreshSkewMs: Number.NaN })).toThrow(
      expect.objectContaining({ name: "InputError", field: "refreshSkewMs", message: expect.stringMatching(/^refreshSkewMs must be a number >= 0, got /) }),
    );
  });

  it("checks its options up front", () => {
    expect(() => createTokenSource({} as never)).toThrow(InputError);
    expect(() => createTokenSource({ fetchToken: issuer().fetchToken, refreshSkewMs: -1 })).toThrow(/refreshSkewMs must be a number >= 0/);
  });
});
