import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { ApiUserAbortError, createApiClient, createTokenSource, createTransport } from "../src/index.js";
import { follow, type Follower } from "../src/signal-followers.js";
import { sleep } from "../src/sleep.js";
import { json } from "./helpers.js";

// An app often passes one signal (its shutdown signal) to many concurrent calls. Node 18 and 20 warn of a leak
// (MaxListenersExceededWarning) once a signal has more than 10 abort listeners, and the runtime cannot raise that limit
// (it runs outside Node too), so all it follows a caller's signal with shares one listener on it.
const CALLS = 20;
// Node's Request follows the signal it is given with a listener of its own (and raises that signal's limit, so it never
// warns): those are the platform's, not the runtime's, and are left out of the count.
const platforms = (() => {
  const controller = new AbortController();
  new Request("https://api.example.com/", { signal: controller.signal });
  return String(getEventListeners(controller.signal, "abort")[0]);
})();
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").filter((listener) => String(listener) !== platforms).length;

// A fetch that holds every response until released: the calls stay in flight as long as the test needs.
function heldFetch() {
  const waiting: (() => void)[] = [];
  const fetch = (_: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? (_ as Request).signal;
      signal?.addEventListener("abort", () => reject(signal.reason));
      waiting.push(() => resolve(json({ ok: true })));
    });
  const arrived = async () => {
    while (waiting.length < CALLS) await new Promise((resolve) => setTimeout(resolve, 1));
  };
  return { fetch, arrived, release: () => waiting.forEach((answer) => answer()) };
}

const operations = { "/items/{id}": { get: { operationId: "getItem", response: "json" }, post: { operationId: "postItem", requestBody: "json", response: "json" } } } as const;
type Paths = { "/items/{id}": { get: never; post: never } };

// Each way of making CALLS concurrent calls with one caller's signal, sent through a fetch of its own.
const ways: [string, (signal: AbortSignal, fetch: typeof globalThis.fetch) => () => Promise<unknown>][] = [
  [
    "createTransport",
    (signal, fetch) => {
      const send = createTransport({ fetch });
      return () => {
        const request = new Request("https://api.example.com/items/1");
        // The caller's own signal, as in runtimes whose Request keeps the one it was given (Node's follows it instead).
        Object.defineProperty(request, "signal", { value: signal });
        return send(request, { response: "json" });
      };
    },
  ],
  [
    "createApiClient, a GET with no body (no Request is made for it)",
    (signal, fetch) => {
      const client = createApiClient<Paths>({ baseUrl: "https://api.example.com", operations, auth: { type: "none" }, fetch });
      return () => (client as any).GET("/items/{id}", { params: { path: { id: 1 } }, signal });
    },
  ],
  [
    "createApiClient, a POST with a JSON body",
    (signal, fetch) => {
      const client = createApiClient<Paths>({ baseUrl: "https://api.example.com", operations, auth: { type: "none" }, fetch });
      return () => (client as any).POST("/items/{id}", { params: { path: { id: 1 } }, body: { a: 1 }, signal });
    },
  ],
];

describe("many concurrent calls sharing one caller's signal", () => {
  for (const [name, make] of ways) {
    it(`hold at most one listener on it, and none once settled: ${name}`, async () => {
      const caller = new AbortController();
      const { fetch, arrived, release } = heldFetch();
      const call = make(caller.signal, fetch as typeof globalThis.fetch);
      const calls = Promise.all(Array.from({ length: CALLS }, call));
      await arrived();
      expect(listeners(caller.signal)).toBeLessThanOrEqual(1);
      release();
      await calls;
      expect(listeners(caller.signal)).toBe(0);
    });

    it(`all reject with the caller's reason when it aborts, leaving no listener: ${name}`, async () => {
      const caller = new AbortController();
      const { fetch, arrived } = heldFetch();
      const call = make(caller.signal, fetch as typeof globalThis.fetch);
      const calls = Array.from({ length: CALLS }, () => call().catch((error: unknown) => error));
      await arrived();
      expect(listeners(caller.signal)).toBeLessThanOrEqual(1);
      const reason = new Error(`caller stops: ${name}`);
      caller.abort(reason);
      for (const error of await Promise.all(calls)) {
        expect(error).toBeInstanceOf(ApiUserAbortError);
        // The cause is a copy of the reason (see abort-reason-cause.test.ts).
        expect((error as Error).cause).toMatchObject({ name: "Error", message: reason.message });
      }
      expect(listeners(caller.signal)).toBe(0);
    });
  }

  it("waits for a token and sleeps share the one listener too", async () => {
    const caller = new AbortController();
    let answer!: (token: { accessToken: string }) => void;
    const tokens = createTokenSource({ fetchToken: () => new Promise((resolve) => (answer = resolve)) });
    const waits = Array.from({ length: CALLS }, () => tokens.getToken(caller.signal));
    const sleeps = Array.from({ length: CALLS }, () => sleep(60_000, caller.signal).catch((error: unknown) => error));
    expect(listeners(caller.signal)).toBe(1);
    answer({ accessToken: "at-1" });
    expect(await Promise.all(waits)).toEqual(Array(CALLS).fill("at-1"));
    expect(listeners(caller.signal)).toBe(1);
    caller.abort("stop");
    expect(await Promise.all(sleeps)).toEqual(Array(CALLS).fill("stop"));
    expect(listeners(caller.signal)).toBe(0);
  });

  it("a token wait given up on leaves the others waiting, and no listener once all are done", async () => {
    const caller = new AbortController();
    const other = new AbortController();
    let answer!: (token: { accessToken: string }) => void;
    const tokens = createTokenSource({ fetchToken: () => new Promise((resolve) => (answer = resolve)) });
    const waits = Array.from({ length: CALLS }, () => tokens.getToken(caller.signal).catch((error: unknown) => error));
    const kept = tokens.getToken(other.signal);
    caller.abort("stop");
    for (const error of await Promise.all(waits)) expect(error).toBeInstanceOf(ApiUserAbortError);
    expect(listeners(caller.signal)).toBe(0);
    answer({ accessToken: "at-1" });
    expect(await kept).toBe("at-1");
    expect(listeners(other.signal)).toBe(0);
  });
});

// The shared listener calls each follower once: one that stops following while it is called (as an attempt does), or
// makes another stop, must not make the rest be skipped or called twice.
it("every follower of a signal is called once when it aborts, whichever stop following meanwhile", () => {
  const caller = new AbortController();
  const called: string[] = [];
  const followers: Record<string, Follower> = {};
  for (const name of ["a", "b", "c", "d", "e"]) {
    followers[name] = {
      handleEvent() {
        called.push(name);
        follow(caller.signal, followers[name]!, 1);
        // b makes d stop following before d is called; c makes a, called already, stop again.
        if (name === "b") follow(caller.signal, followers.d!, 1);
        if (name === "c") follow(caller.signal, followers.a!, 1);
      },
    };
    follow(caller.signal, followers[name]!);
  }
  expect(listeners(caller.signal)).toBe(1);
  caller.abort("stop");
  expect(called).toEqual(["a", "b", "c", "e"]);
  expect(listeners(caller.signal)).toBe(0);
  // A signal that aborted already calls a new follower at once, and keeps nothing of it.
  follow(caller.signal, followers.a!);
  expect(called).toEqual(["a", "b", "c", "e", "a"]);
  expect(listeners(caller.signal)).toBe(0);
});
