// Test-only: the hostile-server cases every vendor runs against its own credential paths (token endpoints,
// code-exchange helpers, calls with a query credential): redirects to another origin, token answers that stall
// after their headers, and a caller giving up mid-request. Assertions use node:assert, as transport-faults.ts does;
// describeCredentialPaths registers them as a vitest suite.
import assert from "node:assert/strict";
import { afterAll, beforeAll, beforeEach, describe, it } from "vitest";
import { collectLeaks, type LeakCollector } from "./leaks.js";
import { startFaultServer, type FaultServer, type SeenRequest, type Step } from "./server.js";
import type { FaultCase } from "./transport-faults.js";

/** One request of a vendor that carries a credential, and how to make it. */
export interface CredentialPath {
  /** What it is, for test names: "the password grant's token request". */
  name: string;
  /** `METHOD /path` as it reaches the server, e.g. `POST /oauth/token`. */
  route: string;
  /** A good answer of `route`. */
  ok: Step;
  /**
   * Creates a client (or helper) against `kit.server` with this `timeoutMs`, scripts whatever else the call needs
   * (an API route after the token) and returns the call, which resolves when it succeeded and throws otherwise.
   */
  connect(timeoutMs: number): (signal?: AbortSignal) => Promise<unknown>;
  /** Whether a good answer is kept, so later calls send no new request (a token source); false for a helper that asks each time. */
  cached: boolean;
  /**
   * Whether a request that timed out is sent again within the same call: a token request, which the client retries
   * like a GET. Default false: an API POST, which it does not send twice once the server may have acted.
   */
  repeated?: boolean | undefined;
  /** Which cases apply; default all. A stalled body of an API call is not a credential path's case. */
  cases?: readonly ("redirect" | "stall" | "abort")[];
}

export interface CredentialPathKit {
  /** Where the vendor is pointed. Start it with `hangMs` of a minute or more, so only the client can end a hang in time. */
  server: FaultServer;
  /** Another origin, where hostile redirects point. */
  other: FaultServer;
  collected: LeakCollector;
  /** Error classes as the vendor exports them. */
  errors: { redirect: Function; timeout: Function; userAbort: Function };
}

/** A bound on hanging, not on speed. */
const HANG_MS = 15_000;

async function settle(promise: Promise<unknown>): Promise<{ ok: boolean; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the call did not settle within ${HANG_MS} ms`)), HANG_MS)));
  try {
    return await Promise.race([promise.then(() => ({ ok: true }), (error: unknown) => ({ ok: false, error })), guard]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > HANG_MS) throw new Error(`${what} did not happen within ${HANG_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The cases for one credential path: a 307 and a 308 to another origin are refused and the other origin receives
 * nothing; with `timeoutMs: 500` and a 2 s signal per call, an answer that stalls after its headers fails its call
 * (or, for a path `repeated`, is sent again and the call succeeds) and the next calls start afresh and succeed; a caller's abort ends the call at once and closes its connection
 * although `timeoutMs` is a minute.
 *
 * @example
 * for (const { name, run } of credentialPathCases(kit, tokenPath)) it(name, run);
 */
export function credentialPathCases(kit: CredentialPathKit, path: CredentialPath): FaultCase[] {
  const wanted = new Set(path.cases ?? ["redirect", "stall", "abort"]);
  const cases: FaultCase[] = [];
  const [method] = path.route.split(" ");
  const requests = () => kit.server.requests.filter((request) => `${request.method} ${request.pathname}` === path.route);

  for (const status of wanted.has("redirect") ? [307, 308] : []) {
    cases.push({
      name: `does not follow a ${status} of ${path.name} to another origin, and the other origin receives nothing`,
      run: async () => {
        kit.other.script(`${method} /steal`, [{ status: 200, body: { access_token: "stolen" } }]);
        // The Location keeps the query, so a query credential would travel with it.
        kit.server.script(path.route, [(request: SeenRequest) => ({ status, headers: { Location: `${kit.other.url}/steal${request.url.slice(request.pathname.length)}` } })]);
        const outcome = await settle(path.connect(60_000)());
        const error = kit.collected.error(outcome.error);
        assert.ok(error instanceof kit.errors.redirect, `got ${String(error)}`);
        assert.match((error as Error).message, new RegExp(`redirected \\(${status}\\) to ${kit.other.url}/steal`));
        assert.deepEqual(kit.other.requests, []);
        assert.deepEqual(kit.collected.leaks(), []);
      },
    });
  }

  if (wanted.has("stall")) {
    const { repeated } = path;
    cases.push({
      name: repeated
        ? `sends ${path.name} that stalls after its headers again after timeoutMs, within the same call, which succeeds`
        : `bounds ${path.name} that stalls after its headers by timeoutMs, and the next call starts afresh and succeeds`,
      run: async () => {
        kit.server.script(path.route, [{ stall: "after-headers" }, path.ok]);
        const call = path.connect(500);
        const outcomes = [];
        for (let index = 0; index < 5; index++) outcomes.push(await settle(call(AbortSignal.timeout(2000))));
        if (!repeated) {
          const first = kit.collected.error(outcomes[0]?.error);
          assert.ok(first instanceof kit.errors.timeout, `got ${String(first)}`);
        }
        assert.deepEqual(outcomes.slice(repeated ? 0 : 1).map((outcome) => outcome.error), Array(repeated ? 5 : 4).fill(undefined));
        assert.equal(requests().length, path.cached ? 2 : repeated ? 6 : 5);
        await until(() => requests()[0]?.closedAt !== undefined, "closing the stalled connection");
      },
    });
  }

  if (wanted.has("abort")) {
    cases.push({
      name: `ends ${path.name} at once when the caller aborts, closing its connection, although timeoutMs is a minute`,
      run: async () => {
        kit.server.script(path.route, [{ hang: true }]);
        const controller = new AbortController();
        const waiting = settle(path.connect(60_000)(controller.signal));
        await until(() => requests().length === 1, "the request reaching the server");
        controller.abort();
        const error = kit.collected.error((await waiting).error);
        assert.ok(error instanceof kit.errors.userAbort, `got ${String(error)}`);
        await until(() => requests()[0]?.closedAt !== undefined, "closing the aborted connection");
      },
    });
  }
  return cases;
}

/** A vendor's credential-path suite for {@link describeCredentialPaths}. */
export interface CredentialPathSuite {
  /** The credentials the paths hand to the vendor: none may show in an error or log line. */
  secrets: string[];
  errors: CredentialPathKit["errors"];
  /** Scripts what every call needs besides the route under test (the API call after a token), before each test. */
  script?: (server: FaultServer) => void;
  /** The paths, built on the kit; `connect` reads `kit.server.url` when it is called. */
  paths: (kit: CredentialPathKit) => CredentialPath[];
}

/**
 * Registers a vitest suite that runs {@link credentialPathCases} for each of a vendor's paths, against a server
 * that holds a hang for a minute and another origin, both on 127.0.0.1.
 *
 * @example
 * describeCredentialPaths("CX credential paths", { secrets, errors: { redirect: RedirectError, ... }, paths: (kit) => [...] });
 */
export function describeCredentialPaths(title: string, suite: CredentialPathSuite): void {
  let server: FaultServer | undefined;
  let other: FaultServer | undefined;
  const started = (which: FaultServer | undefined) => {
    if (which === undefined) throw new Error("the fault servers start in beforeAll");
    return which;
  };
  const kit: CredentialPathKit = {
    get server() {
      return started(server);
    },
    get other() {
      return started(other);
    },
    collected: collectLeaks(suite.secrets),
    errors: suite.errors,
  };
  describe(title, () => {
    beforeAll(async () => {
      [server, other] = await Promise.all([startFaultServer({ hangMs: 60_000 }), startFaultServer()]);
    });
    afterAll(() => Promise.all([server?.close(), other?.close()]));
    beforeEach(() => {
      kit.server.reset();
      kit.other.reset();
      suite.script?.(kit.server);
    });
    for (const path of suite.paths(kit)) for (const { name, run } of credentialPathCases(kit, path)) it(name, run);
  });
}

/**
 * The credential path of an OAuth code exchange (`POST /oauth/token` with the code and the client secret), which
 * asks each time: `exchange` calls the vendor's helper against `kit.server` with these bounds, logger and signal.
 *
 * @example
 * paths: (kit) => [codeExchangePath(kit, (bounds) => exchangeAuthorizationCode({ tokenUrl: `${kit.server.url}/oauth/token`, clientId, clientSecret, code, redirectUri, ...bounds }))]
 */
export function codeExchangePath(
  kit: CredentialPathKit,
  exchange: (bounds: { timeoutMs: number; logger: LeakCollector["logger"]; signal?: AbortSignal }) => Promise<unknown>,
  ok: unknown = { access_token: "exchanged-token-1", token_type: "bearer" },
): CredentialPath {
  return {
    name: "exchangeAuthorizationCode's token request",
    route: "POST /oauth/token",
    ok: { status: 200, body: ok },
    cached: false,
    // Its stall comes after a 200's headers: the code is spent, and sending it again would be refused (RFC 6749 §4.1.2).
    repeated: false,
    connect: (timeoutMs) => (signal) => exchange({ timeoutMs, logger: kit.collected.logger, ...(signal ? { signal } : {}) }),
  };
}
