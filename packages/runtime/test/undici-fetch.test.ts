// The Node fast transport (`@apis/runtime/undici`) answers as the platform's fetch does: each case runs against both
// and compares what the caller sees and what the server received. Two servers on 127.0.0.1 are two origins.
import { getEventListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync, zstdCompressSync } from "node:zlib";
import { dropBodiesUnread } from "@apis/faults/garbage";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiConnectionError, ApiTimeoutError, createApiClient, InputError, type ClientOptions, type FetchLike } from "../src/index.js";
import { undiciFetch, type PlatformFetch } from "../src/node/undici-fetch.js";
import { FETCHES } from "./fetches.js";
import { operations, type paths } from "./fixtures.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

type Route = (request: IncomingMessage, response: ServerResponse, body: string) => void;

interface TestServer {
  url: string;
  seen: Seen[];
  routes: Map<string, Route>;
  close: () => Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const seen: Seen[] = [];
  const routes = new Map<string, Route>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      const route = routes.get(`${request.method} ${new URL(request.url ?? "/", "http://x").pathname}`);
      if (route === undefined) response.writeHead(404).end("no route");
      else route(request, response, body);
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, seen, routes, close: () =>
      new Promise((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}

let home: TestServer;
let other: TestServer;

beforeAll(async () => {
  [home, other] = await Promise.all([startServer(), startServer()]);
});
afterAll(() => Promise.all([home.close(), other.close()]));
beforeEach(() => {
  for (const server of [home, other]) {
    server.seen.length = 0;
    server.routes.clear();
  }
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Route => (_, response) =>
  void response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
const redirect = (status: number, location: () => string): Route => (_, response) => void response.writeHead(status, { location: location() }).end("moved");
const echo: Route = (request, response, body) =>
  void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ method: request.method, type: request.headers["content-type"] ?? null, body }));

// Every case runs on both (FETCHES); seenBy reads what a caller sees, so the two can be compared.
async function seenBy(fetch: PlatformFetch, input: Request | string, init?: RequestInit): Promise<{ status: number; statusText: string; redirected: boolean; url: string; text: string }> {
  const response = await fetch(input, init);
  return { status: response.status, statusText: response.statusText, redirected: response.redirected, url: response.url, text: await response.text() };
}

describe.each(FETCHES)("%s", (_, fetch) => {
  it("answers status, reason, headers and body; set-cookie headers stay apart", async () => {
    home.routes.set("GET /items", (_, response) => {
      response.statusMessage = "Fine";
      response.setHeader("set-cookie", ["a=1", "b=2"]);
      response.writeHead(200, { "content-type": "application/json", "x-one": "1" }).end('[{"id":1}]');
    });
    const response = await fetch(`${home.url}/items?q=1`, { headers: { authorization: "Bearer t" } });
    expect([response.status, response.statusText, response.ok, response.redirected]).toEqual([200, "Fine", true, false]);
    expect(response.url).toBe(`${home.url}/items?q=1`);
    expect(response.headers.get("x-one")).toBe("1");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.json()).toEqual([{ id: 1 }]);
    expect(home.seen[0]).toMatchObject({ method: "GET", url: "/items?q=1", headers: { authorization: "Bearer t" } });
  });

  it("sends Accept: */* unless the caller sets one, as the Fetch standard has it", async () => {
    home.routes.set("GET /items", json(200, []));
    await (await fetch(`${home.url}/items`)).text();
    await (await fetch(`${home.url}/items`, { headers: { accept: "application/json" } })).text();
    expect(home.seen.map((seen) => seen.headers.accept)).toEqual(["*/*", "application/json"]);
  });

  // What Node's fetch sends with every request (18 to 24): a server or firewall that reads them sees the same from both.
  it("sends Accept-Language: * unless the caller sets one, and Sec-Fetch-Mode: cors whatever the caller set", async () => {
    home.routes.set("GET /items", json(200, []));
    await (await fetch(`${home.url}/items`)).text();
    await (await fetch(`${home.url}/items`, { headers: { "accept-language": "de", "sec-fetch-mode": "navigate" } })).text();
    expect(home.seen.map(({ headers }) => [headers["accept-language"], headers["sec-fetch-mode"]])).toEqual([["*", "cors"], ["de", "cors"]]);
  });

  // Found by a review: Sec-Fetch-Mode is the request's mode, "cors" only by default.
  it("sends the request's mode as Sec-Fetch-Mode, the options' or a Request's", async () => {
    home.routes.set("GET /items", json(200, []));
    await (await fetch(`${home.url}/items`, { mode: "same-origin" })).text();
    await (await fetch(new Request(`${home.url}/items`, { mode: "no-cors" }))).text();
    await (await fetch(new Request(`${home.url}/items`, { mode: "no-cors" }), { mode: "same-origin" })).text();
    expect(home.seen.map(({ headers }) => headers["sec-fetch-mode"])).toEqual(["same-origin", "no-cors", "same-origin"]);
  });

  // Found by a review: fetch writes the request's cache mode into its headers (a conditional request's mode is no-store),
  // which a CDN or proxy before the vendor reads; undiciFetch sent none of them.
  it.each([
    [{ cache: "no-store" }, "no-cache", "no-cache"],
    [{ cache: "reload" }, "no-cache", "no-cache"],
    [{ cache: "no-cache" }, "max-age=0", undefined],
    [{ headers: { "if-none-match": '"v1"' } }, "no-cache", "no-cache"],
    [{ cache: "no-store", headers: { "cache-control": "max-age=5" } }, "max-age=5", "no-cache"],
    [{ cache: "force-cache", headers: { "if-match": '"v1"' } }, undefined, undefined],
  ] as const)("sends the cache mode of %j as Cache-Control and Pragma", async (init, cacheControl, pragma) => {
    home.routes.set("GET /items", json(200, []));
    await (await fetch(`${home.url}/items`, init)).text();
    await (await fetch(new Request(`${home.url}/items`, init))).text();
    expect(home.seen.map(({ headers }) => [headers["cache-control"], headers.pragma])).toEqual([[cacheControl, pragma], [cacheControl, pragma]]);
  });

  const bodies: [string, () => BodyInit, string | null, string][] = [
    ["a string", () => "plain words", "text/plain;charset=UTF-8", "plain words"],
    ["URLSearchParams", () => new URLSearchParams({ a: "1", b: "x y" }), "application/x-www-form-urlencoded;charset=UTF-8", "a=1&b=x+y"],
    ["bytes", () => new TextEncoder().encode("raw"), null, "raw"],
    ["a Blob", () => new Blob(["blob body"], { type: "text/csv" }), "text/csv", "blob body"],
  ];
  it.each(bodies)("sends %s as its body, with the content type fetch gives it", async (_, body, type, sent) => {
    home.routes.set("POST /items", echo);
    expect(JSON.parse((await seenBy(fetch, `${home.url}/items`, { method: "POST", body: body() })).text)).toEqual({ method: "POST", type, body: sent });
  });

  it("sends a FormData body as multipart with its boundary, and a Request's own body", async () => {
    home.routes.set("POST /items", echo);
    const form = new FormData();
    form.set("name", "csv");
    form.set("file", new Blob(["a,b\n1,2\n"], { type: "text/csv" }), "rows.csv");
    const multipart = JSON.parse((await seenBy(fetch, `${home.url}/items`, { method: "POST", body: form })).text);
    expect(multipart.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipart.body).toContain('filename="rows.csv"');
    expect(multipart.body).toContain("a,b\n1,2\n");
    const request = new Request(`${home.url}/items`, { method: "POST", body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } });
    expect(JSON.parse((await seenBy(fetch, request)).text)).toEqual({ method: "POST", type: "application/json", body: '{"a":1}' });
  });

  // What the Request constructor refuses before anything is sent: a careless caller's mistake fails alike on both.
  it.each([
    ["a URL with credentials", () => `${home.url.replace("//", "//user:secret@")}/items`, {}],
    ["a GET with a body", () => `${home.url}/items`, { body: "x" }],
    ["a HEAD with a body", () => `${home.url}/items`, { method: "head", body: "x" }],
    ["a GET made of a POST Request with its body", () => new Request(`${home.url}/items`, { method: "POST", body: "x" }), { method: "GET" }],
    ["the TRACE method", () => `${home.url}/items`, { method: "trace" }],
    ["the TRACK method", () => `${home.url}/items`, { method: "TRACK" }],
  ] as const)("refuses %s with a TypeError, sending nothing", async (_, input, init) => {
    await expect(fetch(input(), init)).rejects.toThrow(TypeError);
    expect(home.seen).toHaveLength(0);
  });

  it("sends the URL's own Host whatever Host header the caller set", async () => {
    home.routes.set("GET /items", json(200, []));
    await (await fetch(`${home.url}/items`, { headers: { host: "elsewhere.example" } })).json();
    expect(home.seen[0]?.headers.host).toBe(new URL(home.url).host);
  });

  it("follows a redirect within the origin, keeping the method, body and Authorization for 307", async () => {
    home.routes.set("POST /old", redirect(307, () => "/new"));
    home.routes.set("POST /new", echo);
    const seen = await seenBy(fetch, `${home.url}/old`, { method: "POST", body: "kept", headers: { authorization: "Bearer t" } });
    expect(seen).toMatchObject({ status: 200, redirected: true, url: `${home.url}/new` });
    expect(JSON.parse(seen.text)).toMatchObject({ method: "POST", body: "kept" });
    expect(home.seen[1]?.headers.authorization).toBe("Bearer t");
  });

  it.each([303, 302, 301])("turns a POST answered %s into a GET without body or content headers", async (status) => {
    home.routes.set("POST /old", redirect(status, () => "/new"));
    home.routes.set("GET /new", echo);
    const seen = await seenBy(fetch, `${home.url}/old`, { method: "POST", body: "dropped", headers: { "content-type": "text/csv" } });
    expect(JSON.parse(seen.text)).toEqual({ method: "GET", type: null, body: "" });
  });

  it("answers the URL it fetched serialised and without its fragment, the caller's or a Location's", async () => {
    home.routes.set("GET /items", json(200, []));
    home.routes.set("GET /old", redirect(302, () => "/items#part"));
    expect((await seenBy(fetch, `${home.url.toUpperCase()}/x/../items?q=a b#top`)).url).toBe(`${home.url}/items?q=a%20b`);
    expect((await seenBy(fetch, `${home.url}/old#top`)).url).toBe(`${home.url}/items`);
  });

  it("leaves Authorization and Cookie behind when a redirect changes the origin", async () => {
    home.routes.set("GET /old", redirect(302, () => `${other.url}/landing`));
    other.routes.set("GET /landing", json(200, { here: true }));
    const seen = await seenBy(fetch, `${home.url}/old`, { headers: { authorization: "Bearer t", cookie: "s=1", "x-kept": "k" } });
    expect(seen).toMatchObject({ status: 200, redirected: true, url: `${other.url}/landing` });
    expect(other.seen[0]?.headers).toMatchObject({ "x-kept": "k" });
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.headers.cookie).toBeUndefined();
  });

  it("hands back the 3xx itself with redirect: manual, and refuses one with redirect: error", async () => {
    home.routes.set("GET /old", redirect(302, () => "/new"));
    const manual = await fetch(`${home.url}/old`, { redirect: "manual" });
    expect([manual.status, manual.headers.get("location"), manual.redirected]).toEqual([302, "/new", false]);
    await manual.body?.cancel();
    await expect(fetch(`${home.url}/old`, { redirect: "error" })).rejects.toThrow(TypeError);
    expect(home.seen).toHaveLength(2);
  });

  it("fails with a TypeError after 20 redirects, and on a redirect to another scheme", async () => {
    let hops = 0;
    home.routes.set("GET /loop", redirect(302, () => `/loop?${++hops}`));
    await expect(fetch(`${home.url}/loop`)).rejects.toThrow(TypeError);
    expect(home.seen).toHaveLength(21);
    home.routes.set("GET /ftp", redirect(302, () => "ftp://127.0.0.1/x"));
    await expect(fetch(`${home.url}/ftp`)).rejects.toThrow(TypeError);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
    ["zstd", zstdCompressSync],
  ] as const)("decodes a %s body", async (coding, compress) => {
    home.routes.set("GET /items", (_, response) => void response.writeHead(200, { "content-type": "application/json", "content-encoding": coding }).end(compress('[{"id":7}]')));
    expect(await (await fetch(`${home.url}/items`)).json()).toEqual([{ id: 7 }]);
  });

  // RFC 9110's deflate is zlib-wrapped, but some servers send it raw: fetch, as browsers, tells them apart by the first byte.
  it("decodes a deflate body sent without its zlib wrapper, alone and under gzip", async () => {
    const raw = deflateRawSync('[{"id":7}]');
    home.routes.set("GET /raw", (_, response) => void response.writeHead(200, { "content-type": "application/json", "content-encoding": "deflate" }).end(raw));
    home.routes.set("GET /both", (_, response) => void response.writeHead(200, { "content-type": "application/json", "content-encoding": "deflate, gzip" }).end(gzipSync(raw)));
    expect(await (await fetch(`${home.url}/raw`)).json()).toEqual([{ id: 7 }]);
    expect(await (await fetch(`${home.url}/both`)).json()).toEqual([{ id: 7 }]);
  });

  // A deflate stream that ends before its body does (bytes after it, as some servers send): fetch reads what the stream
  // holds and ends, where undiciFetch's body never ended, and a read of it hung. Sent whole and with the rest later.
  it("ends a deflate body that has bytes after the end of its stream, as fetch does", async () => {
    const stream = deflateSync('[{"id":7}]');
    home.routes.set("GET /whole", (_, response) => void response.writeHead(200, { "content-type": "application/json", "content-encoding": "deflate" }).end(Buffer.concat([stream, Buffer.from("trailing")])));
    home.routes.set("GET /later", (_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "deflate" }).write(stream);
      setTimeout(() => response.end("trailing"), 20);
    });
    expect(await (await fetch(`${home.url}/whole`)).json()).toEqual([{ id: 7 }]);
    expect(await (await fetch(`${home.url}/later`)).json()).toEqual([{ id: 7 }]);
  }, 10_000);

  it.each(["x-unknown", "gzip, x-unknown", "constructor"])("leaves a body in a coding it does not know (%s) as it came", async (coding) => {
    home.routes.set("GET /items", (_, response) => void response.writeHead(200, { "content-type": "text/plain", "content-encoding": coding }).end("as sent"));
    expect(await (await fetch(`${home.url}/items`)).text()).toBe("as sent");
  });

  // fetch knows no coding named identity nor an empty one: a list that names either is left whole, as any unknown.
  it.each(["identity, gzip", "gzip, identity", "gzip,"])("leaves a gzip body whose codings read %j as it came", async (coding) => {
    const sent = gzipSync("as sent");
    home.routes.set("GET /items", (_, response) => void response.writeHead(200, { "content-encoding": coding }).end(sent));
    expect(Buffer.from(await (await fetch(`${home.url}/items`)).arrayBuffer())).toEqual(sent);
  });

  it("has no body for a 204 or a HEAD", async () => {
    home.routes.set("DELETE /items", (_, response) => void response.writeHead(204).end());
    home.routes.set("HEAD /items", (_, response) => void response.writeHead(200, { "content-length": "9" }).end());
    expect((await fetch(`${home.url}/items`, { method: "DELETE" })).body).toBeNull();
    expect((await fetch(`${home.url}/items`, { method: "HEAD" })).body).toBeNull();
  });

  it("rejects with the signal's reason when it aborts before the headers or during the body", async () => {
    home.routes.set("GET /stall", () => {});
    home.routes.set("GET /drip", (_, response) => void response.writeHead(200, { "content-type": "text/plain" }).write("first"));
    const early = new AbortController();
    const pending = fetch(`${home.url}/stall`, { signal: early.signal });
    setTimeout(() => early.abort(new Error("caller stopped")), 20);
    await expect(pending).rejects.toThrow("caller stopped");
    const late = new AbortController();
    const response = await fetch(`${home.url}/drip`, { signal: late.signal });
    const reading = response.text();
    late.abort(new Error("caller stopped reading"));
    await expect(reading).rejects.toThrow("caller stopped reading");
  });

  it("goes without the signal of a Request it is given when the options' signal is null", async () => {
    home.routes.set("GET /items", json(200, []));
    const request = new Request(`${home.url}/items`, { signal: AbortSignal.abort(new Error("the Request's own")) });
    expect((await seenBy(fetch, request, { signal: null })).status).toBe(200);
    await expect(fetch(request, {})).rejects.toThrow("the Request's own");
  });

  it("rejects with a TypeError carrying the cause when the connection is refused", async () => {
    const closed = await startServer();
    const { url } = closed;
    await closed.close();
    const error = await fetch(`${url}/items`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect(JSON.stringify((error as Error).cause ?? {}) + String((error as Error).cause)).toMatch(/ECONNREFUSED/);
  });
});

// A caller that drops a response without reading or cancelling its body must not hold its connection for good. (The
// platform's fetch on Node 24 does: it cancels the body once the Response is collected, but the connection stays open.)
it("undiciFetch lets the connection of a response dropped unread go once the response is collected", async () => {
  const fetch = undiciFetch();
  const { accepted, open, strays } = await dropBodiesUnread(
    "application/octet-stream",
    (url) => `${url}/file`,
    async (url) => {
      expect((await fetch(url)).status).toBe(200);
    },
    3,
  );
  // Each dropped response held its connection, so each call opened one.
  expect({ accepted, open }, `also came in: ${strays.join(", ")}`).toEqual({ accepted: 3, open: 0 });
});

// undici listens to the signal a request goes with until its body is done: handed the caller's, one signal shared by
// many calls in flight held a listener for each, and Node 18 and 20 warned of a leak past 10 (the platform's fetch does
// not). Each request now follows the caller's signal through the one listener the runtime shares on it.
describe("undiciFetch with one signal for many calls in flight", () => {
  const IN_FLIGHT = 30;

  /** Starts IN_FLIGHT GETs on `signal`, answered with headers and one chunk, and resolves once every one has its headers. */
  async function inFlight(signal: AbortSignal): Promise<Response[]> {
    home.routes.set("GET /slow", (_, response) => void response.writeHead(200, { "content-type": "text/plain" }).write("first"));
    const fetch = undiciFetch();
    return Promise.all(Array.from({ length: IN_FLIGHT }, () => fetch(`${home.url}/slow`, { signal })));
  }

  it("puts one abort listener on it while their bodies are open, and none once they are done", async () => {
    const caller = new AbortController();
    const warnings: string[] = [];
    const warned = (warning: Error) => warnings.push(warning.name);
    process.on("warning", warned);
    try {
      const responses = await inFlight(caller.signal);
      expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
      for (const response of responses) await response.body!.cancel();
      await expect.poll(() => getEventListeners(caller.signal, "abort").length).toBe(0);
      // A warning is emitted on the next tick at the latest.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", warned);
    }
  });

  it("still stops each of them, body and all, when it aborts", async () => {
    const caller = new AbortController();
    const responses = await inFlight(caller.signal);
    const readings = responses.map((response) => response.text());
    caller.abort(new Error("caller stopped reading"));
    for (const reading of readings) await expect(reading).rejects.toThrow();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });

  it("before the headers too, with the signal's reason", async () => {
    home.routes.set("GET /stall", () => {});
    const caller = new AbortController();
    const fetch = undiciFetch();
    const pending = Array.from({ length: IN_FLIGHT }, () => fetch(`${home.url}/stall`, { signal: caller.signal }));
    await expect.poll(() => home.seen.filter((seen) => seen.url === "/stall").length).toBe(IN_FLIGHT);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    caller.abort(new Error("caller stopped"));
    for (const one of pending) await expect(one).rejects.toThrow("caller stopped");
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});

describe("undiciFetch under the runtime", () => {
  const client = (options: Partial<ClientOptions> = {}) =>
    createApiClient<paths>({ baseUrl: home.url, operations, auth: { type: "none" }, fetch: undiciFetch() as FetchLike, retryDelay: { baseMs: 1, maxMs: 2 }, ...options });

  it("serves a client: typed data, a retry after a 503, and a timeout while the body stalls", async () => {
    let calls = 0;
    home.routes.set("GET /items", (_, response) => {
      if (++calls === 1) return void response.writeHead(503, { "content-type": "application/json" }).end("{}");
      response.writeHead(200, { "content-type": "application/json" }).end('[{"id":1,"name":"a"}]');
    });
    // The default timeoutMs: a 200 ms bound made a slow first connection on a loaded CI machine a third attempt.
    expect((await client().GET("/items")).data).toEqual([{ id: 1, name: "a" }]);
    expect(calls).toBe(2);
    home.routes.set("GET /items", (_, response) => void response.writeHead(200, { "content-type": "application/json" }).write("[{"));
    await expect(client({ maxRetries: 0, timeoutMs: 100 }).GET("/items")).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it("is a connection error, retried, when the server resets", async () => {
    let calls = 0;
    home.routes.set("GET /items", (request, response) => {
      if (++calls === 1) return void request.socket.destroy();
      json(200, [{ id: 1, name: "a" }])(request, response, "");
    });
    expect((await client().GET("/items")).data).toEqual([{ id: 1, name: "a" }]);
    home.routes.set("GET /items", (request) => void request.socket.destroy());
    await expect(client({ maxRetries: 0 }).GET("/items")).rejects.toBeInstanceOf(ApiConnectionError);
  });

  it("refuses a dispatcher that is not one, naming the option", () => {
    expect(() => undiciFetch({ dispatcher: {} as never })).toThrow(InputError);
    expect(() => undiciFetch({ dispatcher: {} as never })).toThrow(/dispatcher must be an undici Dispatcher/);
  });
});
