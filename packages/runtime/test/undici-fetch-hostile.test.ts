// The Node fast transport (`@apis/runtime/undici`) against a hostile server on raw TCP: status lines, reason phrases,
// codings and Locations that no node:http server would send. Each case holds undiciFetch to what the platform's fetch
// does, or to failing as a TypeError with nothing thrown out of an event handler (vitest reports that as an error).
import { createHash } from "node:crypto";
import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiTimeoutError, createTransport, type FetchLike } from "../src/index.js";
import { undiciFetch } from "../src/node/undici-fetch.js";
import { FETCHES } from "./fetches.js";

/** What the server answers to each request: the raw bytes it writes, given the request's head. */
type Script = (socket: Socket, head: string) => void;

let script: Script = () => {};
const heads: string[] = [];
const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on("close", () => sockets.delete(socket));
  socket.on("error", () => {});
  let head = "";
  socket.on("data", (chunk: Buffer) => {
    if (head.includes("\r\n\r\n")) return;
    head += chunk.toString("latin1");
    if (head.includes("\r\n\r\n")) {
      heads.push(head);
      script(socket, head);
    }
  });
});
let base = "";

beforeAll(() => new Promise<void>((listening) => server.listen(0, "127.0.0.1", () => {
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  listening();
})));
afterAll(() => new Promise<void>((closed) => {
  for (const socket of sockets) socket.destroy();
  server.close(() => closed());
}));

/** Answers every request with these bytes, given as latin1 so each character is one byte on the wire. */
const answer = (text: string): Script => (socket) => void socket.end(Buffer.from(text, "latin1"));
const settle = () => new Promise((done) => setTimeout(done, 50));

describe("undiciFetch refusing what fetch cannot carry", () => {
  it.each([
    ["a status above 599", "HTTP/1.1 600 Odd\r\ncontent-length: 2\r\n\r\nok"],
    ["more than 5 content codings", "HTTP/1.1 200 OK\r\ncontent-encoding: gzip, gzip, gzip, gzip, gzip, gzip\r\ncontent-length: 2\r\n\r\nok"],
    ["6 content codings named identity", `HTTP/1.1 200 OK\r\ncontent-encoding: ${Array(6).fill("identity").join(", ")}\r\ncontent-length: 2\r\n\r\nok`],
  ])("fails on %s as a TypeError, with no uncaught exception", async (_, bytes) => {
    script = answer(bytes);
    await expect(undiciFetch()(`${base}/x`)).rejects.toThrow(TypeError);
    // The body it gives up is destroyed; an error that stream emits with no listener would be thrown from a tick.
    await settle();
  });
});

describe.each(FETCHES)("%s against a hostile server", (_, fetch) => {
  it("follows a Location written in raw UTF-8 to its percent-encoded path, as browsers do", async () => {
    script = (socket, head) => {
      if (head.startsWith("GET /x ")) answer(`HTTP/1.1 302 Found\r\nlocation: /${Buffer.from("café").toString("latin1")}\r\ncontent-length: 0\r\n\r\n`)(socket, head);
      else answer("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")(socket, head);
    };
    heads.length = 0;
    const response = await fetch(`${base}/x`);
    expect([response.url, await response.text()]).toEqual([`${base}/caf%C3%A9`, "ok"]);
    expect(heads[1]).toMatch(/^GET \/caf%C3%A9 HTTP\/1.1\r\n/);
  });

  // Each as it goes on the wire, one character a byte, and as the platform's fetch shows it (decoded as UTF-8).
  it.each([
    ["in UTF-8", Buffer.from("Καλώς").toString("latin1"), "Καλώς"],
    ["with a control character", "O\x01K", "O\x01K"],
    ["with a byte that is not UTF-8", "\xe9", "\ufffd"],
  ])("answers a reason phrase %s as it came, with its body", async (_, sent, shown) => {
    script = answer(`HTTP/1.1 200 ${sent}\r\ncontent-length: 2\r\n\r\nok`);
    const response = await fetch(`${base}/x`);
    expect([response.status, response.statusText, await response.text()]).toEqual([200, shown, "ok"]);
  });

  // A phrase a Response can carry (tab, space, visible ASCII, latin1 letters) is its own status text, which a clone keeps.
  it.each([
    ["with a tab", "O\tK", "O\tK"],
    ["in latin1 letters, sent in UTF-8", Buffer.from("Grüß").toString("latin1"), "Grüß"],
  ])("answers a reason phrase %s, which a clone of the response keeps", async (_, sent, shown) => {
    script = answer(`HTTP/1.1 200 ${sent}\r\ncontent-length: 2\r\n\r\nok`);
    const response = await fetch(`${base}/x`);
    expect([response.statusText, response.clone().statusText, await response.text()]).toEqual([shown, shown, "ok"]);
  });

  // HTTP methods are case-sensitive: fetch upper-cases only the six the Fetch standard names, and sends any other as given.
  it("sends a standard method upper-cased and any other as the caller wrote it", async () => {
    script = answer("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
    heads.length = 0;
    for (const method of ["delete", "Purge"]) await (await fetch(`${base}/x`, { method })).text();
    expect(heads.map((head) => head.split(" ")[0])).toEqual(["DELETE", "Purge"]);
  });

  // undici hands on views of the buffer each socket read filled, which holds the response's head (a Set-Cookie, a
  // token) too: a reader that takes a chunk's .buffer (to decode it, to transfer it) would get the head with the body.
  it("reads the body in Uint8Arrays of their own, which hold the body alone", async () => {
    script = answer("HTTP/1.1 200 OK\r\nset-cookie: session=s3cret\r\ncontent-length: 5\r\n\r\nhello");
    const { value } = await (await fetch(`${base}/x`)).body!.getReader().read();
    expect(value!.constructor).toBe(Uint8Array);
    expect(new TextDecoder().decode(value!.buffer)).toBe("hello");
  });

  // fetch errors a body it cannot read whole with TypeError("terminated") and the cause, never the cause itself: a
  // caller telling a network failure by its TypeError (as a retry does) must see one while reading, too.
  it.each([
    ["the connection closes before its length", "HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nok"],
    ["it is not in its coding", "HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: 5\r\n\r\nhello"],
  ])("fails the body's read with a TypeError carrying the cause when %s", async (_, bytes) => {
    script = answer(bytes);
    const error = await (await fetch(`${base}/x`)).text().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

// A reason phrase that quotes a credential is cleaned in a copy of the response (see paidResponse): a phrase the
// platform's fetch carries but the Response constructor refuses (a control character) must not turn the server's
// answer into a network error.
describe.each(FETCHES)("%s under the transport, answering a reason phrase with a control character and a credential", (_, fetch) => {
  const token = "hostile-phrase-token-1";
  const send = createTransport({ fetch: fetch as FetchLike, auth: { type: "bearer", token }, maxRetries: 0 });
  it.each([
    ["an error status", "500", undefined, '{"error":"no"}'],
    ["a JSON operation's 2xx", "200", "json", '{"id":1}'],
  ] as const)("hands on %s with the credential out of the phrase and its body", async (_, status, response, body) => {
    script = answer(`HTTP/1.1 ${status} Bad\x01 ${token}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    const answered = await send(new Request(`${base}/x`), { response });
    expect([answered.status, answered.statusText, await answered.json()]).toEqual([Number(status), "Bad? [redacted]", JSON.parse(body)]);
  });
});

/** A request body that sends its first bytes, then never another nor its end: an upload whose source stalled. */
const stalledBody = () => new ReadableStream<Uint8Array>({
  start: (controller) => controller.enqueue(new TextEncoder().encode("first")),
  pull: () => new Promise(() => {}),
});

describe.each(FETCHES)("%s sending a body that stalls", (_, fetch) => {
  it("rejects with the signal's reason when it aborts", async () => {
    script = () => {};
    const controller = new AbortController();
    const reason = new Error("caller stopped");
    setTimeout(() => controller.abort(reason), 50);
    const sent = fetch(`${base}/x`, { method: "POST", body: stalledBody(), signal: controller.signal, duplex: "half" } as RequestInit);
    await expect(sent).rejects.toBe(reason);
  });

  it("rejects with a TypeError carrying the cause when the body's source fails", async () => {
    script = () => {};
    const cause = new RangeError("the source broke");
    const broken = new ReadableStream<Uint8Array>({ start: (controller) => controller.error(cause) });
    const error = await fetch(`${base}/x`, { method: "POST", body: broken, duplex: "half" } as RequestInit).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).cause).toBe(cause);
  });
});

describe("undiciFetch under the transport, sending a body that stalls", () => {
  it("times out within timeoutMs", async () => {
    script = () => {};
    const send = createTransport({ fetch: undiciFetch() as FetchLike, timeoutMs: 100, maxRetries: 0 });
    const request = new Request(`${base}/x`, { method: "POST", body: stalledBody(), duplex: "half" } as RequestInit);
    await expect(send(request)).rejects.toBeInstanceOf(ApiTimeoutError);
  });
});

/** A listener on a port fetch blocks (one that speaks IRC, SIP, NFS...), counting the connections it gets. */
async function listenOnBadPort(): Promise<{ port: number; connections: () => number; close: () => Promise<void> } | undefined> {
  for (const port of [10080, 6666, 6667, 6668, 6669, 6679, 6697, 5060, 5061, 4190, 2049, 1720]) {
    let connections = 0;
    const trap = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    const listening = await new Promise<boolean>((done) => {
      trap.once("error", () => done(false));
      trap.listen(port, "127.0.0.1", () => done(true));
    });
    if (listening) return { port, connections: () => connections, close: () => new Promise((closed) => trap.close(() => closed())) };
  }
  return undefined;
}

describe.each(FETCHES)("%s and the ports fetch blocks", (_, fetch) => {
  it("refuses to connect to one, asked directly or by a redirect, as a TypeError", async () => {
    const trap = await listenOnBadPort();
    if (trap === undefined) return void console.warn("no blocked port is free on 127.0.0.1; nothing to check");
    try {
      await expect(fetch(`http://127.0.0.1:${trap.port}/x`)).rejects.toThrow(TypeError);
      script = answer(`HTTP/1.1 302 Found\r\nlocation: http://127.0.0.1:${trap.port}/x\r\ncontent-length: 0\r\n\r\n`);
      await expect(fetch(`${base}/x`)).rejects.toThrow(TypeError);
      await settle();
      expect(trap.connections()).toBe(0);
    } finally {
      await trap.close();
    }
  });
});

describe.each(FETCHES)("%s asked to check the body's integrity", (_, fetch) => {
  it("never hands back a body that does not match it", async () => {
    script = answer("HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\ntampered");
    const integrity = `sha256-${createHash("sha256").update("expected").digest("base64")}`;
    const body = fetch(`${base}/x`, { integrity }).then((response) => response.text());
    await expect(body).rejects.toThrow(TypeError);
  });
});
