// Bodies bounded in time and size, against a scripted server on 127.0.0.1 and the platform's fetch: a body that
// drips, one that never ends, one just at or over the limit, and a download that must not be cut off. Time is never
// asserted on: a hang guard fails a call that has not settled within a generous bound.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { constants, createBrotliCompress, createDeflate, createDeflateRaw, createGzip, createZstdCompress, gzipSync } from "node:zlib";
import { useFaultServer, type Fault } from "@apis/faults";
import { describe, expect, it, vi } from "vitest";
import {
  ApiError,
  ApiTimeoutError,
  createApiClient,
  createOAuth2TokenSource,
  createTransport,
  DEFAULT_MAX_RESPONSE_BYTES,
  InputError,
  ResponseTooLargeError,
  type ClientOptions,
} from "../src/index.js";
import { CLIENT_FETCHES } from "./fetches.js";
import { operations, type paths } from "./fixtures.js";
import { readBody } from "../src/read-body.js";
import { expectNoSecrets, inputError, json } from "./helpers.js";

/** Not a speed bound: long enough for a loaded CI machine, short of "forever". */
const HANG_GUARD_MS = 20_000;
/**
 * The same for reading 128 MiB (the default limit) through the client: 1 to 2.5 s alone, over 20 s in a newcomer's
 * `pnpm test` beside every other suite on two cores (load average 9).
 */
const DEFAULT_LIMIT_GUARD_MS = 180_000;

const served = useFaultServer({ hangMs: 30_000 });

function connectWith(options: Partial<ClientOptions> = {}) {
  return createApiClient<paths>({
    baseUrl: served().url,
    servers: { "https://auth.example.com": served().url },
    operations,
    auth: { type: "bearer", token: "bearer-secret-token" },
    retryDelay: { baseMs: 1, maxMs: 5 },
    maxRetries: 0,
    ...options,
  });
}

/** What a call settled with, or a failure if it has not settled within the hang guard. */
async function settled<T>(call: Promise<T>, guardMs = HANG_GUARD_MS): Promise<{ value?: T; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the call did not settle within the ${guardMs} ms hang guard`)), guardMs);
  });
  try {
    return await Promise.race([call.then((value) => ({ value }), (error: unknown) => ({ error })), guard]);
  } finally {
    clearTimeout(timer);
  }
}

async function failure(call: Promise<unknown>, guardMs = HANG_GUARD_MS): Promise<Error> {
  const outcome = await settled(call, guardMs);
  if (!("error" in outcome)) throw new Error(`expected the call to fail, but it resolved`);
  expectNoSecrets(outcome.error);
  return outcome.error as Error;
}

/** How far the process's RSS grew, at its peak, while `run` ran. */
async function rssGrowth(run: () => Promise<void>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().rss) - before;
}

/** Waits (within the hang guard) until the server has no body left to write: the client cancelled what it got. */
async function serverStoppedStreaming(): Promise<void> {
  const until = Date.now() + HANG_GUARD_MS;
  while (served().streaming > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(served().streaming).toBe(0);
}

const drip = (text: string, extra: Partial<Extract<Fault, { drip: string }>> = {}): Fault => ({ drip: text, everyMs: 1_000, ...extra });

/** How much a compression bomb unpacks to, and the limit it is read against. */
const BOMB_BYTES = 128 * 2 ** 20;
const BOMB_LIMIT = 2 ** 20;
/** Each packing a server may use (with the Content-Encoding that names it): zlib-wrapped and raw deflate, and two codings stacked. */
const PACKINGS: Record<string, { coding: string; pack: () => NodeJS.ReadWriteStream; again?: boolean }> = {
  gzip: { coding: "gzip", pack: () => createGzip() },
  deflate: { coding: "deflate", pack: () => createDeflate() },
  "raw deflate": { coding: "deflate", pack: () => createDeflateRaw() },
  br: { coding: "br", pack: () => createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }) },
  zstd: { coding: "zstd", pack: () => createZstdCompress() },
  "gzip twice": { coding: "gzip, gzip", pack: () => createGzip(), again: true },
};
const bombs = new Map<string, Promise<Buffer>>();

/** A JSON string of BOMB_BYTES zeros, packed: a few hundred KB at most. */
function bomb(packing: string): Promise<Buffer> {
  const { pack, again } = PACKINGS[packing]!;
  let packed = bombs.get(packing);
  if (packed === undefined) {
    const packer = pack();
    const chunks: Buffer[] = [];
    packer.on("data", (chunk: Buffer) => chunks.push(chunk));
    packed = new Promise<Buffer>((resolve) => packer.on("end", () => resolve(Buffer.concat(chunks))));
    const zeros = Buffer.alloc(2 ** 20, "0");
    packer.write('["');
    for (let written = 0; written < BOMB_BYTES; written += zeros.length) packer.write(zeros);
    packer.end('"]');
    if (again) packed = packed.then((once) => gzipSync(once));
    bombs.set(packing, packed);
  }
  return packed;
}

describe.each(CLIENT_FETCHES)("over $via", ({ fetch }) => {
  const connect = (options: Partial<ClientOptions> = {}) => connectWith({ fetch, ...options });

  describe("timeoutMs bounds a buffered body until it has been read in full", () => {
    it("a 2xx JSON body dripping one byte a second ends with ApiTimeoutError, and the connection is cancelled", async () => {
      served().script("GET /items", [drip('[{"id":1,"name":"slow"}]')]);
      const error = await failure(connect({ timeoutMs: 2_000 }).GET("/items"));
      expect(error).toBeInstanceOf(ApiTimeoutError);
      expect(error.message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/items returned 200 but its body was not read in full within 2000 ms \(1 attempt\)/);
      await serverStoppedStreaming();
    });

    it("a GET whose body keeps dripping is retried, each attempt bounded, then fails", async () => {
      served().script("GET /items", [drip("[1,2,3,4,5,6,7,8,9]")]);
      const error = await failure(connect({ timeoutMs: 1_500, maxRetries: 1 }).GET("/items"));
      expect(error).toBeInstanceOf(ApiTimeoutError);
      expect(error.message).toContain("(2 attempts)");
      expect(served().count("GET /items")).toBe(2);
    });

    it.each([
      ["a text body", "GET /exports.csv", () => connect({ timeoutMs: 1_500 }).GET("/exports.csv")],
      ["a blob body", "GET /files/7", () => connect({ timeoutMs: 1_500 }).GET("/files/{id}", { params: { path: { id: 7 } } })],
      ["an error body", "POST /items", () => connect({ timeoutMs: 1_500 }).POST("/items", { body: { name: "a" } })],
    ] as const)("%s that drips ends with ApiTimeoutError too", async (_, route, call) => {
      served().script(route, [route.startsWith("POST") ? drip('{"message":"slow failure"}', { status: 500 }) : drip("a,b\n1,2\n")]);
      const error = await failure(call());
      expect(error).toBeInstanceOf(ApiTimeoutError);
      expect(error.message).toContain("but its body was not read in full within 1500 ms");
    });

    it("a token response that drips ends with ApiTimeoutError, and no API request is sent", async () => {
      served().script("POST /oauth/token", [drip('{"access_token":"at-secret-1"}')]);
      const tokens = createOAuth2TokenSource({ tokenUrl: `${served().url}/oauth/token`, fetch, grant: { type: "client_credentials", clientId: "app", clientSecret: "s3cr3t-client-secret" }, timeoutMs: 1_500, maxRetries: 0 });
      const error = await failure(connect({ auth: { type: "oauth2", tokens } }).GET("/items"));
      expect(error).toBeInstanceOf(ApiTimeoutError);
      expect(error.message).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token returned 200 but its body was not read in full within 1500 ms/);
      expect(served().count("GET /items")).toBe(0);
    });

    it("a streamed body (parseAs: stream) is bounded only until its headers: a slow download is read whole", async () => {
      const content = "0123456789".repeat(2);
      served().script("GET /files/7", [drip(content, { everyMs: 250, chunkSize: 2, headers: { "Content-Type": "application/octet-stream" } })]);
      // Twenty bytes two at a time, 250 ms apart, take more than twice the 1000 ms timeout.
      const outcome = await settled(
        (async () => {
          const { data } = await connect({ timeoutMs: 1_000 }).GET("/files/{id}", { params: { path: { id: 7 } }, parseAs: "stream" });
          return new Response(data as ReadableStream<Uint8Array>).text();
        })(),
      );
      expect(outcome).toEqual({ value: content });
    });
  });

  describe("maxResponseBytes bounds every buffered body", () => {
    it("an endless chunked JSON body ends with ResponseTooLargeError at the default limit, with memory bounded", async () => {
      served().script("GET /items", [{ endless: '{"id":1,"name":"again"},'.repeat(400) }]);
      const grown = await rssGrowth(async () => {
        const error = await failure(connect({ maxRetries: 2 }).GET("/items"), DEFAULT_LIMIT_GUARD_MS);
        expect(error).toBeInstanceOf(ResponseTooLargeError);
        expect((error as ResponseTooLargeError).limit).toBe(DEFAULT_MAX_RESPONSE_BYTES);
        expect(error.message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/items returned 200 but its body is larger than maxResponseBytes \(134217728 bytes\) and was cancelled/);
      });
      expect(grown, `RSS grew by ${Math.round(grown / 2 ** 20)} MiB`).toBeLessThan(300 * 2 ** 20);
      // Too large once is too large again: it is not retried.
      expect(served().count("GET /items")).toBe(1);
      await serverStoppedStreaming();
    }, DEFAULT_LIMIT_GUARD_MS + 60_000);

    // Whatever fetch decodes is counted as it is read, not as it came: the call stops at the limit, with no more held
    // than that, whether the transport was asked for the packing (the platform's fetch) or not (undiciFetch).
    it.each(Object.keys(PACKINGS))("a %s body of a few hundred KB that unpacks to 128 MiB ends with ResponseTooLargeError at the limit, memory bounded", async (packing) => {
      const packed = await bomb(packing);
      expect(packed.length).toBeLessThan(BOMB_LIMIT);
      served().script("GET /items", [{ status: 200, headers: { "Content-Type": "application/json", "Content-Encoding": PACKINGS[packing]!.coding }, body: packed }]);
      const grown = await rssGrowth(async () => {
        expect(await failure(connect({ maxResponseBytes: BOMB_LIMIT, maxRetries: 2 }).GET("/items"))).toBeInstanceOf(ResponseTooLargeError);
      });
      expect(grown, `RSS grew by ${Math.round(grown / 2 ** 20)} MiB`).toBeLessThan(BOMB_BYTES / 2);
      expect(served().count("GET /items")).toBe(1);
    });

    it("a Content-Length above the limit fails before the body is read, long before timeoutMs", async () => {
      served().script("GET /items", [drip("[", { everyMs: 60_000, headers: { "Content-Length": "1000" } })]);
      const error = await failure(connect({ maxResponseBytes: 999, timeoutMs: 60_000 }).GET("/items"));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.message).toContain("maxResponseBytes (999 bytes)");
      await serverStoppedStreaming();
    });

    const body = JSON.stringify([{ id: 1, name: "x".repeat(100) }]);
    it.each([
      ["with a Content-Length", (text: string): Fault => ({ status: 200, body: text })],
      ["chunked", (text: string): Fault => drip(text, { everyMs: 0, chunkSize: 16 })],
    ])("a body of exactly maxResponseBytes is read and one byte more is refused, %s", async (_, answer) => {
      served().script("GET /items", [answer(body), answer(`${body} `)]);
      const client = connect({ maxResponseBytes: body.length });
      expect((await settled(client.GET("/items"))).value?.data).toEqual(JSON.parse(body));
      const error = await failure(client.GET("/items"));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.message).toContain(`maxResponseBytes (${body.length} bytes)`);
    });

    it.each([
      ["an error body", "POST /items", (text: string): Fault => ({ status: 422, body: text }), () => connect({ maxResponseBytes: 64 }).POST("/items", { body: { name: "a" } })],
      ["a text body", "GET /exports.csv", (text: string): Fault => ({ status: 200, body: text }), () => connect({ maxResponseBytes: 64 }).GET("/exports.csv")],
      ["a blob body", "GET /files/7", (text: string): Fault => ({ status: 200, body: text }), () => connect({ maxResponseBytes: 64 }).GET("/files/{id}", { params: { path: { id: 7 } } })],
    ] as const)("%s over the limit is refused too", async (_, route, answer, call) => {
      served().script(route, [answer("x".repeat(65))]);
      const error = await failure(call());
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.message).toContain("maxResponseBytes (64 bytes)");
    });

    it("a token response over the limit is refused, and no API request is sent", async () => {
      served().script("POST /oauth/token", [{ endless: '"padding",' }]);
      const tokens = createOAuth2TokenSource({ tokenUrl: `${served().url}/oauth/token`, fetch, grant: { type: "client_credentials", clientId: "app", clientSecret: "s3cr3t-client-secret" }, maxResponseBytes: 4096 });
      const error = await failure(connect({ auth: { type: "oauth2", tokens } }).GET("/items"));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.message).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token returned 200 but its body is larger than maxResponseBytes \(4096 bytes\)/);
      expect(served().count("GET /items")).toBe(0);
      await serverStoppedStreaming();
    });

    describe("an error status's body is read up to 1 MiB: beyond it a note stands in (redacting it would hold the event loop for seconds)", () => {
      const NOTE = "The error body was larger than 1048576 bytes and was not read.";

      it("an endless chunked 500 body: the call answers the status, its error the note, and the body is cancelled", async () => {
        served().script("POST /items", [{ endless: '{"message":"again and again"},', status: 500, headers: { "Content-Type": "application/json" } }]);
        const outcome = await settled(connect().POST("/items", { body: { name: "a" } }));
        expect(outcome.value?.error).toBe(NOTE);
        expect(outcome.value?.response.status).toBe(500);
        expect(ApiError.fromResponse(outcome.value!.response, outcome.value!.error, "POST")).toMatchObject({ status: 500, body: NOTE, message: expect.stringContaining(`failed with 500 Internal Server Error: ${NOTE}`) });
        await serverStoppedStreaming();
      });

      it("a Content-Length above 1 MiB is not read at all, long before timeoutMs, and a GET's 5xx is still retried", async () => {
        const big = drip("{", { everyMs: 60_000, status: 503, headers: { "Content-Length": String(2 ** 20 + 1) } });
        served().script("GET /items", [big, big]);
        const outcome = await settled(connect({ maxRetries: 1, timeoutMs: 60_000 }).GET("/items"));
        expect(outcome.value?.error).toBe(NOTE);
        expect(outcome.value?.response.status).toBe(503);
        expect(served().count("GET /items")).toBe(2);
        await serverStoppedStreaming();
      });

      it("an error body of exactly 1 MiB is read whole, also with maxResponseBytes off", async () => {
        const message = "x".repeat(2 ** 20 - '{"message":""}'.length);
        served().script("POST /items", [{ status: 422, body: { message } }, { status: 422, body: { message: `${message}x` } }]);
        const client = connect({ maxResponseBytes: Infinity });
        expect((await settled(client.POST("/items", { body: { name: "a" } }))).value?.error).toEqual({ message });
        expect((await settled(client.POST("/items", { body: { name: "a" } }))).value?.error).toBe(NOTE);
      });

      it("a 2xx body is not held to it", async () => {
        const rows = Array.from({ length: 20_000 }, (_, id) => ({ id, name: "a row of a long list, ".repeat(3) }));
        served().script("GET /items", [{ status: 200, body: rows }]);
        expect((await settled(connect().GET("/items"))).value?.data).toEqual(rows);
      });
    });

    it("a streamed body is not bounded by maxResponseBytes: the caller reads what it chooses", async () => {
      served().script("GET /files/7", [{ status: 200, headers: { "Content-Type": "application/octet-stream" }, body: "x".repeat(1000) }]);
      const { data } = await connect({ maxResponseBytes: 10 }).GET("/files/{id}", { params: { path: { id: 7 } }, parseAs: "stream" });
      expect(await new Response(data as ReadableStream<Uint8Array>).text()).toHaveLength(1000);
    });
  });
});

describe("a body with a Content-Length, which the platform's fetch reads in one go", () => {
  it("is still bounded when it is decoded on the way: a gzip body within the limit that unpacks past it is refused", async () => {
    const packed = gzipSync(JSON.stringify(["x".repeat(100_000)]));
    const server = createServer((_, response) => {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": String(packed.length) }).end(packed);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const client = connectWith({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxResponseBytes: 10_000 });
      expect(packed.length).toBeLessThan(10_000);
      expect(await failure(client.GET("/items"))).toBeInstanceOf(ResponseTooLargeError);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("a fetch of the caller's is not trusted to end a body at its Content-Length: one that runs on is cut at the limit", async () => {
    const endless = () => new ReadableStream({ pull: (controller) => controller.enqueue(new TextEncoder().encode("[1,2,3]")) });
    const client = connectWith({
      maxResponseBytes: 10_000,
      fetch: async () => new Response(endless(), { headers: { "Content-Type": "application/json", "Content-Length": "7" } }),
    });
    expect(await failure(client.GET("/items"))).toBeInstanceOf(ResponseTooLargeError);
  });

  // A stub or polyfill in globalThis.fetch answers with Responses of its own, and a browser hides the Content-Encoding of
  // a cross-origin body (CORS), whose Content-Length is then the packed one: neither is the platform's framing.
  describe("nor a global fetch whose Response is not the platform's own", () => {
    const stubbed = async (body: ReadableStream, run: () => Promise<unknown>) => {
      vi.stubGlobal("fetch", async () => new Response(body, { headers: { "Content-Type": "application/json", "Content-Length": "7" } }));
      try {
        return await failure(run());
      } finally {
        vi.unstubAllGlobals();
      }
    };

    it("a body that runs past its Content-Length is cut at the limit", async () => {
      const longer = new Response(JSON.stringify(["x".repeat(100_000)])).body!;
      expect(await stubbed(longer, () => connectWith({ maxResponseBytes: 10_000 }).GET("/items"))).toBeInstanceOf(ResponseTooLargeError);
    });

    it("a body that stalls ends at timeoutMs", async () => {
      const stalled = new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode("[1,")) });
      expect(await stubbed(stalled, () => connectWith({ timeoutMs: 50 }).GET("/items"))).toBeInstanceOf(ApiTimeoutError);
    });
  });
});

describe("the maxResponseBytes option", () => {
  it("Infinity turns the bound off: a Content-Length above the default is read", async () => {
    const huge = (limit: number | undefined) =>
      createApiClient<paths>({
        baseUrl: served().url,
        operations,
        auth: { type: "none" },
        maxRetries: 0,
        ...(limit === undefined ? {} : { maxResponseBytes: limit }),
        // A Content-Length no real server could send in a test: what counts is that only the default refuses it.
        fetch: async () => json([], { headers: { "Content-Length": String(2 ** 40) } }),
      }).GET("/items");
    expect(await failure(huge(undefined))).toBeInstanceOf(ResponseTooLargeError);
    expect((await huge(Infinity)).data).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN, -Infinity, 2 ** 53, "1024", null])("refuses %s with an InputError naming it", (value) => {
    for (const create of [() => connectWith({ maxResponseBytes: value as number }), () => createTransport({ maxResponseBytes: value as number })]) {
      expect(inputError(create, "maxResponseBytes").message).toMatch(/^maxResponseBytes must be an integer from 1 to 9007199254740991 \(or Infinity for no bound\), got /);
    }
  });

  it.each([1, 1024, DEFAULT_MAX_RESPONSE_BYTES, Infinity])("accepts %s", (value) => {
    expect(typeof connectWith({ maxResponseBytes: value }).GET).toBe("function");
    expect(typeof createTransport({ maxResponseBytes: value })).toBe("function");
  });
});

describe("readBody, the reader under these bounds", () => {
  it("given a signal aborted already, cancels the body unread and throws the signal's reason", async () => {
    let cancelled: unknown;
    // One chunk, then nothing more: a stalled body.
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new Uint8Array([123])),
      cancel: (reason) => void (cancelled = reason ?? "cancelled"),
    });
    const reason = new Error("caller stops");
    await expect(readBody(new Response(body), AbortSignal.abort(reason), 1024)).rejects.toBe(reason);
    expect(cancelled).toBeDefined();
  });
});
