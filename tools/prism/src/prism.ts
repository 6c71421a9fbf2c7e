import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

/** A running Prism mock. */
export interface PrismServer {
  /** Base URL, e.g. http://127.0.0.1:43121 */
  url: string;
  /** Everything Prism printed, for diagnosing a failed start or a violation. */
  log(): string;
  stop(): Promise<void>;
}

/** Whether something already listens on this loopback port (Prism's own error for that is a bare "fatal"). */
async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolveCheck) => {
    const server = createServer();
    server.once("error", () => resolveCheck(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolveCheck(false)));
  });
}

/** A loopback port free at the time of asking (another process may take it before it is used). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolvePort(address.port);
        else reject(new Error("could not allocate a port"));
      });
    });
  });
}

/** The preload that ends Prism with its parent (exit-with-parent.ts). */
const exitWithParent = new URL("./exit-with-parent.ts", import.meta.url).href;

function prismBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
}

/**
 * Starts `prism mock <spec>` (or `prism proxy <spec> <upstream>`) on a loopback port and resolves once it listens.
 * Prism needs Node >= 24.18, so it runs under the Node that runs the tests.
 *
 * @example
 * const prism = await startPrism(registeredApi("wootric-cxi").root);
 * // ... point a client at prism.url ...
 * await prism.stop();
 */
export async function startPrism(spec: string, options: PrismOptions = {}): Promise<PrismServer> {
  if (options.port !== undefined) {
    if (await portInUse(options.port)) {
      throw new Error(`Port ${options.port} on 127.0.0.1 is already in use: stop what listens there, or choose another port for ${spec}`);
    }
    return launch(spec, options.port, options);
  }
  // A port found free here may be taken before Prism binds it (the suites of `pnpm test` start servers side by side):
  // Prism then exits with EADDRINUSE, and another port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(spec, await (options.pickPort ?? freePort)(), options);
    } catch (error) {
      if (attempt >= 3 || !(error as Error).message.includes("EADDRINUSE")) throw error;
    }
  }
}

/** Options of {@link startPrism}. */
export interface PrismOptions {
  /** The port to listen on; by default a free one (another, up to three times, if it is taken before Prism binds it). */
  port?: number;
  timeoutMs?: number;
  /** Proxy to this upstream instead of mocking. */
  upstream?: string;
  /** Where a default port comes from (for tests of the retry): a free loopback port by default. */
  pickPort?: () => Promise<number>;
}

async function launch(spec: string, port: number, options: PrismOptions): Promise<PrismServer> {
  const command = options.upstream ? ["proxy", spec, options.upstream] : ["mock", spec];
  // stdin is a pipe left open, never written: Prism exits when it ends, that is when this process is gone.
  const child = spawn(process.execPath, ["--import", exitWithParent, prismBin(), ...command, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const onData = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);

  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  // A bound for a hang, not a time to meet: Prism starts in about 1.2 s alone, but four at once (CMIX's services) beside
  // every other suite of `pnpm test` on two cores once took over 30 s. Under the suites' 120 s hook timeout, so that a
  // start that fails says so with Prism's own log.
  const startMs = options.timeoutMs ?? 100_000;
  await new Promise<void>((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`Prism did not start within ${startMs} ms for ${spec}:\n${output}`));
    }, startMs);
    const check = () => {
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolveStart();
      }
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code} before listening for ${spec}:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    log: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
