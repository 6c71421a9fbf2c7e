// Test-only: the scripted server's life in a vitest file, started once, reset before each test, closed at the end.
import { afterAll, beforeAll, beforeEach } from "vitest";
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
