// Test-only: Node built-ins are fine here (this never ships in a package).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the server does with one request. */
export type Fault =
  /**
   * Answers normally; an object body is sent as JSON, bytes as they are (a compressed body, labelled by a
   * `Content-Encoding` in `headers`). `reason` replaces the status line's reason phrase.
   */
  | { status: number; reason?: string; headers?: Record<string, string>; body?: unknown }
  /**
   * Sends the headers at once, then `drip` `chunkSize` characters (default 1) at a time, one piece every `everyMs`:
   * chunked, unless `headers` sets a Content-Length. Stops when the client goes away.
   */
  | { drip: string; everyMs: number; chunkSize?: number; status?: number; headers?: Record<string, string> }
  /** Sends the headers, then `endless` again and again, chunked, as fast as the client reads, until it goes away. */
  | { endless: string; status?: number; headers?: Record<string, string> }
  /** Closes the connection before any response byte (the client sees a reset). */
  | { reset: "before-headers" }
  /** Sends the status line, headers and half the body, then closes the connection. */
  | { reset: "after-headers"; status?: number; body?: unknown }
  /** Never answers (until the server's hang bound closes the connection). */
  | { hang: true }
  /** Sends the status line, headers and half the body, then nothing more (until the server's hang bound closes the connection). */
  | { stall: "after-headers"; status?: number; body?: unknown }
  /** Answers 200 JSON whose body is cut short, with a Content-Length that matches what is sent. */
  | { truncatedJson: unknown };

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  pathname: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Milliseconds since the server started. */
  at: number;
  /** When the response ended or its connection closed, in milliseconds since the server started; undefined while open. */
  closedAt: number | undefined;
}

/** A step of a route's script: a fault, or a function choosing one from the request and its number on the route (0-based). */
export type Step = Fault | ((request: SeenRequest, index: number) => Fault);

export interface FaultServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /**
   * Scripts a route (`"GET /v1/tags"`, matched on the path without query): the n-th request gets the n-th step and
   * every request after the last gets the last step again.
   */
  script(route: string, steps: readonly Step[]): void;
  /** Every request received, in arrival order. */
  readonly requests: readonly SeenRequest[];
  /** How many requests a route received. */
  count(route: string): number;
  /** How many dripping or endless bodies are still being written: 0 once every client that got one went away. */
  readonly streaming: number;
  /** Forgets every script and request, for the next test. */
  reset(): void;
  /** Closes every connection, hanging ones included, and stops listening. */
  close(): Promise<void>;
}

export interface FaultServerOptions {
  /** A hanging request is closed after this long, in milliseconds, so nothing outlives a test. Default 5000. */
  hangMs?: number;
  /** Requests beyond this many (since the last reset) are refused with 503, so a retry loop cannot run away. Default 500. */
  maxRequests?: number;
  /**
   * Answers CORS for a page on another origin (a browser test): every response allows any origin and exposes every
   * header, and a preflight (OPTIONS with Access-Control-Request-Method) gets 204 without being recorded or counted.
   */
  cors?: boolean;
}

/**
 * Starts the scripted server on 127.0.0.1 on a free port. Unscripted routes answer 404 JSON.
 *
 * @example
 * const server = await startFaultServer();
 * server.script("GET /v1/tags", [{ status: 503 }, { status: 200, body: [] }]);
 * // ... point a client at server.url, then:
 * expect(server.count("GET /v1/tags")).toBe(2);
 * await server.close();
 */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const hangMs = options.hangMs ?? 5000;
  const maxRequests = options.maxRequests ?? 500;
  const started = Date.now();
  const scripts = new Map<string, readonly Step[]>();
  const counts = new Map<string, number>();
  let requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  // Hanging requests: ended by their timer, by reset() or by close(). Other connections stay open for keep-alive.
  const hanging = new Map<NodeJS.Timeout, Socket | null>();
  // Bodies being written piece by piece, each with what stops it.
  const streams = new Set<() => void>();

  const server = createServer((incoming, outgoing) => {
    if (options.cors && answerCors(incoming, outgoing)) return;
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const url = incoming.url ?? "/";
      const seen: SeenRequest = {
        method: incoming.method ?? "GET",
        url,
        pathname: url.split("?", 1)[0]!,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now() - started,
        closedAt: undefined,
      };
      outgoing.on("close", () => {
        seen.closedAt = Date.now() - started;
      });
      requests.push(seen);
      if (requests.length > maxRequests) {
        send(outgoing, { status: 503, body: { error: "fault server: request bound reached" } });
        return;
      }
      const route = `${seen.method} ${seen.pathname}`;
      const index = counts.get(route) ?? 0;
      counts.set(route, index + 1);
      const steps = scripts.get(route);
      const step = steps === undefined || steps.length === 0 ? undefined : steps[Math.min(index, steps.length - 1)];
      const fault: Fault = step === undefined ? { status: 404, body: { error: `fault server: no script for ${route}` } } : typeof step === "function" ? step(seen, index) : step;
      act(fault, outgoing);
    });
  });
  // Idle keep-alive connections stay open until close(): at Node's default of 5 s, the server could close one just as the
  // client reused it on a loaded machine, and a POST, which is not resent, failed as a network error.
  server.keepAliveTimeout = 0;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const act = (fault: Fault, outgoing: ServerResponse) => {
    if ("hang" in fault) {
      const timer = setTimeout(() => {
        hanging.delete(timer);
        outgoing.socket?.destroy();
      }, hangMs);
      hanging.set(timer, outgoing.socket);
      return;
    }
    if ("stall" in fault) {
      const text = encode(fault.body ?? { data: "x".repeat(256) });
      outgoing.writeHead(fault.status ?? 200, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)) });
      outgoing.write(text.slice(0, Math.floor(text.length / 2)));
      act({ hang: true }, outgoing);
      return;
    }
    if ("reset" in fault && fault.reset === "before-headers") {
      outgoing.socket?.destroy();
      return;
    }
    if ("reset" in fault) {
      const text = encode(fault.body ?? { data: "x".repeat(256) });
      outgoing.writeHead(fault.status ?? 200, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)) });
      outgoing.write(text.slice(0, Math.floor(text.length / 2)), () => outgoing.socket?.destroy());
      return;
    }
    if ("drip" in fault || "endless" in fault) {
      stream(fault, outgoing, streams);
      return;
    }
    if ("truncatedJson" in fault) {
      const text = encode(fault.truncatedJson);
      send(outgoing, { status: 200, headers: { "Content-Type": "application/json" }, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) });
      return;
    }
    send(outgoing, fault);
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    script: (route, steps) => {
      scripts.set(route, steps);
    },
    get requests() {
      return requests;
    },
    count: (route) => counts.get(route) ?? 0,
    get streaming() {
      return streams.size;
    },
    reset: () => {
      for (const stop of streams) stop();
      scripts.clear();
      counts.clear();
      requests = [];
      for (const [timer, socket] of hanging) {
        clearTimeout(timer);
        socket?.destroy();
      }
      hanging.clear();
    },
    close: async () => {
      for (const stop of streams) stop();
      for (const timer of hanging.keys()) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Adds the CORS headers; answers a preflight and says so. */
function answerCors(incoming: IncomingMessage, outgoing: ServerResponse): boolean {
  outgoing.setHeader("Access-Control-Allow-Origin", "*");
  outgoing.setHeader("Access-Control-Expose-Headers", "*");
  if (incoming.method !== "OPTIONS" || !incoming.headers["access-control-request-method"]) return false;
  // Authorization is never covered by a wildcard: echo what the page asked for.
  outgoing.writeHead(204, {
    "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE",
    "Access-Control-Allow-Headers": incoming.headers["access-control-request-headers"] ?? "",
    "Access-Control-Max-Age": "600",
  });
  outgoing.end();
  return true;
}

function encode(body: unknown): string {
  return typeof body === "string" ? body : JSON.stringify(body);
}

function send(outgoing: ServerResponse, fault: { status: number; reason?: string; headers?: Record<string, string>; body?: unknown }): void {
  const bytes = fault.body instanceof Uint8Array;
  const text = fault.body === undefined ? "" : bytes ? (fault.body as Uint8Array) : encode(fault.body);
  const json = fault.body !== undefined && typeof fault.body !== "string" && !bytes;
  if (fault.reason !== undefined) outgoing.statusMessage = fault.reason;
  outgoing.writeHead(fault.status, {
    ...(json ? { "Content-Type": "application/json" } : {}),
    ...fault.headers,
    "Content-Length": String(Buffer.byteLength(text)),
  });
  outgoing.end(text);
}

// Writes a dripping or endless body; the connection closing (the client cancelled) or `streams`' stop ends it.
function stream(fault: Extract<Fault, { drip: string } | { endless: string }>, outgoing: ServerResponse, streams: Set<() => void>): void {
  outgoing.writeHead(fault.status ?? 200, { "Content-Type": "application/json", ...fault.headers });
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(timer);
    if (streams.delete(stop) && !outgoing.writableEnded) outgoing.destroy();
  };
  streams.add(stop);
  outgoing.on("close", stop);
  if ("endless" in fault) {
    const chunk = Buffer.from(fault.endless);
    // Writes until the socket's buffer is full, then waits for it to drain: as fast as the client reads, no faster.
    const pump = () => {
      while (streams.has(stop) && outgoing.write(chunk));
    };
    outgoing.on("drain", pump);
    pump();
    return;
  }
  const size = fault.chunkSize ?? 1;
  let at = 0;
  const next = () => {
    if (!streams.has(stop)) return;
    if (at >= fault.drip.length) {
      streams.delete(stop);
      outgoing.end();
      return;
    }
    outgoing.write(fault.drip.slice(at, at + size));
    at += size;
    timer = setTimeout(next, fault.everyMs);
  };
  next();
}
