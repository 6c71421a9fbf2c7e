// Test-only: the scripted server's life in a vitest file, started once, reset before each test, closed at the end.
import { afterAll, beforeAll, beforeEach } from "vitest";
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
