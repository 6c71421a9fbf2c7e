import { getEventListeners } from "node:events";
import { createServer } from "node:http";
import { collectGarbage as collect } from "@apis/faults/garbage";
import { describe, expect, it } from "vitest";
import { ApiUserAbortError, createTransport } from "../src/index.js";
import { sleep } from "../src/sleep.js";
import { json } from "./helpers.js";

// Once the caller aborts, nothing of the runtime may stay registered on the caller's signal: a listener left there pins
// the wait or attempt it served for as long as the signal lives.
describe("a caller's abort leaves no listener on its signal", () => {
  it("sleep", async () => {
    const caller = new AbortController();
    const waiting = sleep(60_000, caller.signal);
    caller.abort("stop");
    await expect(waiting).rejects.toBe("stop");
    expect(getEventListeners(caller.signal, "abort")).toEqual([]);
  });

  it("a backoff wait between retries", async () => {
    const caller = new AbortController();
    const request = new Request("https://api.example.com/items", { signal: caller.signal });
    let sent = 0;
    const send = createTransport({ fetch: async () => (sent++, json({}, { status: 503 })), retryDelay: { baseMs: 60_000, maxMs: 60_000 } });
    const result = send(request, { response: "json" }).catch((error: unknown) => error);
    while (sent === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    caller.abort(new Error("caller stops"));
    expect(await result).toBeInstanceOf(ApiUserAbortError);
    expect(getEventListeners(request.signal, "abort")).toEqual([]);
  });

  it("a streamed body the caller cancels", async () => {
    const caller = new AbortController();
    const request = new Request("https://api.example.com/file", { signal: caller.signal });
    // As fetch does, the body errors with the reason of the signal it was sent with.
    const body = (signal: AbortSignal) => new ReadableStream({ start: (controller) => signal.addEventListener("abort", () => controller.error(signal.reason)) });
    const send = createTransport({ fetch: async (sent) => new Response(body(sent.signal), { headers: { "Content-Type": "application/octet-stream" } }) });
    const response = await send(request, { response: "binary" });
    caller.abort(new Error("caller stops"));
    await expect(response.body!.getReader().read()).rejects.toThrow("caller stops");
    expect(getEventListeners(request.signal, "abort")).toEqual([]);
  });
});

// A response with no body has nothing the caller could still cancel, so its attempt lets go of the caller's signal at
// once: a Request sent again and again (through createTransport directly) must not gather one listener per send.
describe("a response with no body leaves no listener on the caller's signal", () => {
  for (const [name, method, status] of [
    ["a 204 to a JSON operation", "DELETE", 204],
    ["a 200 to HEAD", "HEAD", 200],
    ["a 2xx with no body to a download", "GET", 202],
  ] as const) {
    it(name, async () => {
      const caller = new AbortController();
      const request = new Request("https://api.example.com/items/1", { method, signal: caller.signal });
      const send = createTransport({ fetch: async () => new Response(null, { status }) });
      for (let i = 0; i < 3; i++) expect((await send(request, { response: method === "GET" ? "binary" : "json" })).status).toBe(status);
      expect(getEventListeners(request.signal, "abort")).toEqual([]);
    });
  }
});

// A streamed 2xx that the retry policy throws away is cancelled, not handed to the caller: its attempt lets go of the
// caller's signal like any other discarded one.
it("a streamed 2xx a custom shouldRetry resends leaves no listener on the caller's signal", async () => {
  const caller = new AbortController();
  const request = new Request("https://api.example.com/file", { signal: caller.signal });
  let sent = 0;
  const send = createTransport({
    fetch: async () => new Response(`part ${++sent}`, { headers: { "Content-Type": "application/octet-stream" } }),
    shouldRetry: (outcome) => "response" in outcome && outcome.retries < 2,
    retryDelay: { baseMs: 0, maxMs: 0 },
  });
  const response = await send(request, { response: "binary" });
  expect(await response.text()).toBe("part 3");
  expect(getEventListeners(request.signal, "abort")).toHaveLength(1);
  caller.abort(new Error("caller stops"));
  expect(getEventListeners(request.signal, "abort")).toEqual([]);
});

// Nor, before any garbage collection, does one that an answer with nothing to stream follows: the discarded stream's
// attempt is not held for the caller.
it("streamed 2xx answers a custom shouldRetry resends, then a 204, leave no listener on the caller's signal", async () => {
  const caller = new AbortController();
  const request = new Request("https://api.example.com/file", { signal: caller.signal });
  let sent = 0;
  const send = createTransport({
    fetch: async () => (++sent < 3 ? new Response(`part ${sent}`, { headers: { "Content-Type": "application/octet-stream" } }) : new Response(null, { status: 204 })),
    shouldRetry: (outcome) => "response" in outcome && outcome.retries < 2,
    retryDelay: { baseMs: 0, maxMs: 0 },
  });
  expect((await send(request, { response: "binary" })).status).toBe(204);
  expect(sent).toBe(3);
  expect(getEventListeners(request.signal, "abort")).toEqual([]);
});

// An app often passes one signal (its shutdown signal) to every call. A streamed body is linked to it so the caller can
// cancel the download, but only while the body lives: once read or dropped, neither the attempt nor a listener may stay
// on the signal, or every download ever made stays in memory until the app stops.
describe("streamed bodies on one signal shared by many calls", () => {
  const file = () => new Response("file", { headers: { "Content-Type": "application/octet-stream" } });

  // A signal that is the caller's own (not one a Request follows, as Node's is), as in runtimes whose Request keeps it.
  it("leave nothing on the signal once they are read or dropped", async () => {
    const caller = new AbortController();
    const send = createTransport({ fetch: async () => file() });
    // In a function of its own, so that no variable of the test still holds the last response.
    const download = async (read: boolean) => {
      const request = new Request("https://api.example.com/file");
      Object.defineProperty(request, "signal", { value: caller.signal });
      const response = await send(request, { response: "binary" });
      if (read) expect(await response.text()).toBe("file");
    };
    for (let i = 0; i < 20; i++) await download(i % 2 === 0);
    // One listener for them all (see signal-followers.ts), following each of the 20 until its body is collected.
    const [shared] = getEventListeners(caller.signal, "abort");
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    expect((shared as unknown as Set<unknown>).size).toBe(20);
    await collect(() => getEventListeners(caller.signal, "abort").length === 0);
    expect(getEventListeners(caller.signal, "abort")).toEqual([]);
  });
});

// A streamed body the caller drops unread is cancelled by the platform once its Response is collected (undici registers
// each Response for that), which frees the connection; until then the connection keeps the body. What the body keeps
// (the call, see AttemptSignal.hold) must therefore not keep the Response, or the connection, the call and its
// request stay for good: over weeks of downloads on one signal, the pool fills and memory grows.
it("a streamed response dropped unread can still be collected while its connection holds the body", async () => {
  const caller = new AbortController();
  // What the connections hold: each body, unread and not cancelled.
  const connections: ReadableStream[] = [];
  const send = createTransport({
    fetch: async () => {
      const body = new ReadableStream({ pull: () => new Promise(() => {}) });
      connections.push(body);
      return new Response(body, { headers: { "Content-Type": "application/octet-stream" } });
    },
  });
  // Counted as they are collected: a WeakRef's deref() would keep its target through the collection that follows it.
  let collected = 0;
  const registry = new FinalizationRegistry(() => collected++);
  // In a function of its own, so that no variable of the test still holds the last response.
  const download = async () => {
    registry.register(await send(new Request("https://api.example.com/file", { signal: caller.signal }), { response: "binary" }), null);
  };
  for (let i = 0; i < 5; i++) await download();
  await collect(() => collected === 5);
  expect(collected).toBe(5);
  expect(connections).toHaveLength(5);
});

// A streamed body keeps the call, and so the caller's request: that request's body must not be kept with it. Each attempt
// but the last is sent from a copy (a tee of the body), whose other branch, the caller's, holds every chunk the copy read.
it("a streamed response kept does not keep the request body it was sent with", async () => {
  const send = createTransport({
    fetch: async (request) => {
      await request.arrayBuffer();
      return new Response(new ReadableStream({ pull: () => new Promise(() => {}) }), { headers: { "Content-Type": "application/octet-stream" } });
    },
  });
  // Counted as they are collected: a WeakRef's deref() would keep its target through the collection that follows it.
  let collected = 0;
  const registry = new FinalizationRegistry(() => collected++);
  const kept: Response[] = [];
  // In a function of its own, so that no variable of the test still holds a chunk.
  const upload = async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) {
          const chunk = new Uint8Array(1024);
          registry.register(chunk, null);
          controller.enqueue(chunk);
        }
        controller.close();
      },
    });
    kept.push(await send(new Request("https://api.example.com/files", { method: "PUT", body, duplex: "half" } as RequestInit), { response: "binary" }));
  };
  for (let i = 0; i < 2; i++) await upload();
  await collect(() => collected === 8);
  expect(collected).toBe(8);
  expect(kept).toHaveLength(2);
});

// Node's Request follows the signal it was given only while the Request lives (nodejs/node#55428): the requests between
// the caller's signal and the fetch are kept with the body, or the caller could not cancel a download after a collection.
describe("a streamed body the caller holds can still be cancelled through its signal after garbage collections", () => {
  it("with a fetch of the caller's", async () => {
    const caller = new AbortController();
    // As fetch does, the body errors with the reason of the signal it was sent with.
    const body = (signal: AbortSignal) => new ReadableStream({ start: (controller) => signal.addEventListener("abort", () => controller.error(signal.reason)) });
    const send = createTransport({ fetch: async (sent) => new Response(body(sent.signal), { headers: { "Content-Type": "application/octet-stream" } }) });
    const response = await send(new Request("https://api.example.com/file", { signal: caller.signal }), { response: "binary" });
    await collect();
    caller.abort(new Error("caller stops"));
    await expect(response.body!.getReader().read()).rejects.toThrow("caller stops");
  });

  it("with the platform's fetch, from a server that never ends the body", async () => {
    const server = createServer((_, res) => {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.write("start");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const caller = new AbortController();
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/file`;
      const response = await createTransport()(new Request(url, { signal: caller.signal }), { response: "binary" });
      const reader = response.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toBe("start");
      await collect();
      caller.abort(new Error("caller stops"));
      await expect(reader.read()).rejects.toThrow("caller stops");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
