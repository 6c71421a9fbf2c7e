import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// `gc` without `--expose-gc` on the command line: the flag set at run time, and the function taken from a new context.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/**
 * Forces garbage collections and lets finalizers (FinalizationRegistry callbacks, the platform's own) run after each:
 * without `done`, for `rounds` rounds a turn of the event loop apart; with it, until `done()` says so, 10 ms apart and
 * for about 5 s at most (at least 20 rounds, then up to 500 rounds or 5 s, whichever ends first: a count alone, each
 * round a collection of a large heap on a busy machine, once outlasted a test's 60 s timeout waiting for a body still
 * held, which never closes). What a collection frees may show only as I/O (a socket the platform closed, seen by the
 * server's close event), which a busy machine delivers many turns later: 20 turns were once not enough under
 * `pnpm test`. For tests of what survives a collection, or what a collection frees.
 * @example await collectGarbage(() => server.open.size === 0);
 */
export async function collectGarbage(done?: () => boolean, rounds = 20): Promise<void> {
  const until = performance.now() + 5_000;
  for (let round = 0; done ? !done() && round < 500 && (round < 20 || performance.now() < until) : round < rounds; round++) {
    gc();
    await new Promise((resolve) => (done ? setTimeout(resolve, 10) : setImmediate(resolve)));
  }
}

/**
 * What `promise` came to within `ms`: its value, the error it rejected with, or `late` if it had not settled by then.
 * A wait a test bounds this way fails with a clear message instead of at the test's timeout.
 * @example expect(await settledWithin(reader.read(), 5_000, "still reading")).toMatchObject({ message: "stopped" });
 */
export async function settledWithin(promise: Promise<unknown>, ms: number, late: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise((resolve) => (timer = setTimeout(resolve, ms, late)));
  try {
    return await Promise.race([promise.catch((error: unknown) => error), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a stream to its end and resolves how many bytes it gave.
 * @example expect(await settledWithin(byteLength(body), 5_000, "not read in full")).toBe(1024);
 */
export async function byteLength(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let length = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) length += chunk.value.byteLength;
  return length;
}

/** A local server whose every answer is a body nobody finishes sending, and the connections it has open. */
export interface UnendedBodyServer {
  /** `http://127.0.0.1:<port>/<random path>`: only requests under it are answered and counted. */
  url: string;
  /** The server's connections that carried a request under `url` and are still open: a client that cancels a body closes its own. */
  open: ReadonlySet<unknown>;
  /** How many connections carried a request under `url`: a collection may close some before a test looks at `open`. */
  readonly accepted: number;
  /** What else came in, for an assertion's message: requests outside `url`, which get a 404 and are not counted. */
  readonly strays: readonly string[];
  close(): void;
}

/**
 * Starts a server on 127.0.0.1 that answers every request under its `url` with a 200 of `contentType` and 4 MiB of its
 * body, more than a connection buffers, then waits for a reader: a body the client drops unread keeps its connection
 * until the client cancels it. For tests that a body dropped unread lets its connection go once collected.
 *
 * Only connections that carried a request under `url` (a random path) are counted: under `pnpm test` other processes
 * connect to ports that were theirs a moment ago (a retry to a server that closed), and the port may be this server's
 * by then. One CI run counted 8 connections for 6 downloads.
 * @example const server = await startUnendedBodyServer("image/jpeg"); try { ... expect(server.open.size).toBe(0) } finally { server.close() }
 */
export async function startUnendedBodyServer(contentType: string): Promise<UnendedBodyServer> {
  const prefix = `/${randomUUID()}`;
  const open = new Set<unknown>();
  const counted = new WeakSet<Socket>();
  const strays: string[] = [];
  let accepted = 0;
  const server = createServer((request, res) => {
    const { socket } = request;
    if (request.url !== prefix && !request.url?.startsWith(`${prefix}/`)) {
      strays.push(`${request.method} ${request.url}`);
      res.writeHead(404).end();
      return;
    }
    if (!counted.has(socket)) {
      counted.add(socket);
      accepted++;
      open.add(socket);
      socket.on("close", () => open.delete(socket));
    }
    res.writeHead(200, { "Content-Type": contentType });
    res.write(Buffer.alloc(1 << 22, 97));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
    open,
    get accepted() {
      return accepted;
    },
    strays,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** What {@link dropBodiesUnread} saw. */
export interface DroppedBodies {
  /** Connections the calls took: each body dropped unread holds its own until it is collected. */
  accepted: number;
  /** Connections still open once collections have run: 0 when every dropped body let its connection go. */
  open: number;
  /** What else came in, for an assertion's message (see {@link UnendedBodyServer.strays}). */
  strays: readonly string[];
}

/**
 * Calls `drop` `times` over against a new unended-body server (see {@link startUnendedBodyServer}), with what
 * `setUp(url)` made of its URL (a client), then runs collections until every connection is closed (or about 5 s
 * passed). `drop` makes one call and drops its body unread; being a function of its own, it leaves no variable that
 * still holds the body. For tests that a body dropped unread lets its connection go once collected.
 * @example
 * const { accepted, open, strays } = await dropBodiesUnread("image/jpeg", (url) => createClient({ baseUrl: url }), async (client) => {
 *   expect((await client.GET("/file", { parseAs: "stream" })).response.status).toBe(200);
 * }, 3);
 * expect({ accepted, open }, `also came in: ${strays.join(", ")}`).toEqual({ accepted: 3, open: 0 });
 */
export async function dropBodiesUnread<T>(contentType: string, setUp: (url: string) => T, drop: (made: T) => Promise<void>, times: number): Promise<DroppedBodies> {
  const server = await startUnendedBodyServer(contentType);
  try {
    const made = setUp(server.url);
    for (let i = 0; i < times; i++) await drop(made);
    await collectGarbage(() => server.open.size === 0);
    return { accepted: server.accepted, open: server.open.size, strays: server.strays };
  } finally {
    server.close();
  }
}
