// Test-only: the scripted server's life in a vitest file, started once, reset before each test, closed at the end.
import assert from "node:assert/strict";
import { afterAll, beforeAll, beforeEach, it } from "vitest";
import { collectLeaks, type LeakCollector } from "./leaks.js";
import { startFaultServer, type FaultServer, type FaultServerOptions } from "./server.js";

/**
 * Registers the hooks that start a fault server before the file's tests, forget its scripts before each one and
 * close it after them all. Returns the running server, to be read inside tests.
 *
 * @example
 * const server = useFaultServer();
 * it("...", async () => { server().script("GET /v1/tags", [{ status: 503 }]); });
 */
export function useFaultServer(options: FaultServerOptions = {}): () => FaultServer {
  let server: FaultServer | undefined;
  beforeAll(async () => {
    server = await startFaultServer(options);
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.reset());
  return () => {
    if (server === undefined) throw new Error("useFaultServer: the server starts in beforeAll; read it inside a test");
    return server;
  };
}

/** What every client of a fault suite is created with: near-instant backoff, and the suite's collecting logger. */
export interface FaultClientDefaults {
  retryDelay: { baseMs: number; maxMs: number };
  logger: LeakCollector["logger"];
}

/** A vendor's fault suite: its server, its collector, and `connect`, which creates a client against the server. */
export interface FaultSuite<Options, Client> {
  server: () => FaultServer;
  collected: LeakCollector;
  /** Creates a fresh client with the vendor's defaults and these options on top. */
  connect(options?: Options): Client;
}

/**
 * Sets up a vendor's fault suite in a vitest file: a fault server (a hang held 3 s unless `serverOptions` say
 * otherwise), a collector of everything rendered, checked against `secrets`, and a client factory. `make` gets the
 * server's URL, the {@link FaultClientDefaults} to spread in, and the test's options.
 *
 * @example
 * let cx: CxClient;
 * const { server, collected, connect } = useFaultSuite(SECRETS, (url, defaults, options: Partial<ClientOptions> = {}) =>
 *   (cx = createClient({ baseUrl: url, auth: { type: "token", accessToken: TOKEN }, ...defaults, ...options })));
 */
export function useFaultSuite<Options, Client>(
  secrets: readonly string[],
  make: (url: string, defaults: FaultClientDefaults, options?: Options) => Client,
  serverOptions: FaultServerOptions = { hangMs: 3000 },
): FaultSuite<Options, Client> {
  const server = useFaultServer(serverOptions);
  const collected = collectLeaks(secrets);
  const defaults: FaultClientDefaults = { retryDelay: { baseMs: 5, maxMs: 20 }, logger: collected.logger };
  return { server, collected, connect: (options) => make(server().url, defaults, options) };
}

/** What a suite's attempt-log test calls: the route, its good body, the call, and how the log shows its URL. */
export interface AttemptLogFlow {
  /** `METHOD /path` as the server sees it. */
  route: string;
  ok: unknown;
  call(): Promise<unknown>;
  /** The path and query as the log line shows them, credentials redacted: `/users/self?access_token=[redacted]`. */
  shown: string;
  /** The token endpoint's path when the first call fetches a token first, logged as its own line. */
  tokenPath?: string;
}

/**
 * Registers the test that a call answered 503 then 200 logs one line per attempt (after the token request's line,
 * if there is one), each with its status, attempt number and duration, and with no credential in it (the suite's
 * collector checks every line at the end).
 *
 * @example
 * itLogsEachAttempt(suite, { route: "GET /v1/tags", ok: TAGS, call: () => connect().GET("/v1/tags"), shown: "/v1/tags", tokenPath: "/oauth/token" });
 */
export function itLogsEachAttempt(suite: FaultSuite<unknown, unknown>, flow: AttemptLogFlow): void {
  it(`logs ${flow.tokenPath ? "the token request and " : ""}one line per attempt, with status, attempt number and duration`, async () => {
    const [method] = flow.route.split(" ");
    const at = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    const line = (prefix: string, path: string, status: number, attempt: number) => new RegExp(`^${prefix}http://127\\.0\\.0\\.1:\\d+${at(path)} -> ${status} \\(attempt ${attempt}, \\d+ ms\\).*"durationMs":\\d+`);
    const expected = [
      ...(flow.tokenPath ? [line("token request POST ", flow.tokenPath, 200, 1)] : []),
      line(`${method} `, flow.shown, 503, 1),
      line(`${method} `, flow.shown, 200, 2),
    ];
    suite.server().script(flow.route, [{ status: 503 }, { status: 200, body: flow.ok }]);
    suite.collected.takeLines();
    await flow.call();
    const lines = suite.collected.takeLines();
    assert.equal(lines.length, expected.length, `logged ${lines.length} lines`);
    lines.forEach((text, index) => assert.match(text, expected[index]!));
  });
}
