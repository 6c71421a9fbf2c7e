import { createServer } from "node:net";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createTransport, InputError, type AttemptMiddleware } from "../src/index.js";
import { expectNoSecrets, fakeFetch, renderings } from "./helpers.js";

// What a `fetch` option or a middleware layer throws reaches the caller only through the client's error.
const TOKEN = "bearer-secret-token";
type Make = (request: Request) => unknown;

async function thrownByFetch(make: Make): Promise<unknown> {
  const send = createTransport({ maxRetries: 0, auth: { type: "bearer", token: TOKEN }, fetch: async (input: RequestInfo | URL, init?: RequestInit) => Promise.reject(make(new Request(input, init))) });
  return send(new Request("https://api.example.com/a")).catch((error: unknown) => error);
}

async function thrownByMiddleware(make: Make): Promise<unknown> {
  const { fetch } = fakeFetch(() => new Response("ok"));
  const layer: AttemptMiddleware = async (request) => Promise.reject(make(request));
  const send = createTransport({ maxRetries: 0, fetch, auth: { type: "bearer", token: TOKEN }, middleware: [layer] });
  return send(new Request("https://api.example.com/a")).catch((error: unknown) => error);
}

const sent = (request: Request) => new Error("request failed", { cause: { request } });

describe.each([
  ["a fetch", thrownByFetch],
  ["a middleware layer", thrownByMiddleware],
])("an error %s throws", (_, thrown) => {
  it.each<[string, Make]>([
    ["an AggregateError whose errors hold the request (a hedging wrapper's Promise.any)", (request) => new AggregateError([sent(request)], "every attempt failed")],
    ["an AggregateError whose errors quote the Authorization header", (request) => new AggregateError([new Error(`refused ${request.headers.get("authorization")}`)], "every attempt failed")],
    ["an error whose cause is such an AggregateError", (request) => new Error("request failed", { cause: new AggregateError([sent(request)]) })],
    ["an error with a hidden field holding the request", (request) => Object.defineProperty(new Error("request failed"), "request", { value: request })],
    ["an error with a Symbol-keyed field holding the request", (request) => Object.assign(new Error("request failed"), { [Symbol("request")]: request })],
    ["an error whose own util.inspect.custom quotes the header", (request) => Object.assign(new Error("request failed"), { [inspect.custom]: () => `request failed: ${request.headers.get("authorization")}` })],
    ["an error whose class renders the request for util.inspect", (request) => {
      class SentError extends Error {
        [inspect.custom]() {
          return `request failed: ${request.headers.get("authorization")}`;
        }
      }
      return new SentError("request failed");
    }],
    ["an error whose toJSON quotes the header", (request) => Object.assign(new Error("request failed"), { toJSON: () => ({ sent: request.headers.get("authorization") }) })],
    ["an error whose name is the header (a hidden field)", (request) => Object.defineProperty(new Error("request failed"), "name", { value: request.headers.get("authorization") })],
  ])("%s leaves no credential in any rendering of the client's error or of its cause", async (_, make) => {
    const error = await thrown(make);
    expect(error).toBeInstanceOf(Error);
    expectNoSecrets(error);
    const cause = (error as Error).cause;
    expect([...renderings(cause), JSON.stringify(cause) ?? ""].filter((text) => text.includes(TOKEN))).toEqual([]);
  });
});

describe("what the platform's fetch throws", () => {
  it("a connection the server closed (undici's SocketError): the cause is a copy that keeps its name, message and code", async () => {
    const server = createServer((socket) => socket.once("data", () => socket.destroy()));
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    let raw: unknown;
    const send = createTransport({ maxRetries: 0, fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init).catch((error: unknown) => Promise.reject((raw = error))) });
    const error = await send(new Request(`http://127.0.0.1:${(server.address() as { port: number }).port}/a`)).catch((caught: unknown) => caught);
    server.close();
    const cause = (error as Error).cause as Error & { cause: Error & { code?: string } };
    const rawCause = (raw as Error).cause as Error & { code?: string };
    expect(rawCause.code).toBe("UND_ERR_SOCKET");
    expect([cause.name, cause.message, cause.cause.name, cause.cause.message, cause.cause.code]).toEqual([(raw as Error).name, (raw as Error).message, rawCause.name, rawCause.message, "UND_ERR_SOCKET"]);
  });

  it("a connection refused on every address (an AggregateError of system errors): the copy keeps its name and code", async () => {
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}:443`), { errno: -111, code: "ECONNREFUSED", syscall: "connect", address, port: 443 });
    const raw = new TypeError("fetch failed", { cause: Object.assign(new AggregateError([refused("::1"), refused("127.0.0.1")]), { code: "ECONNREFUSED" }) });
    const send = createTransport({ maxRetries: 0, fetch: async () => Promise.reject(raw) });
    const error = await send(new Request("https://api.example.com/a")).catch((caught: unknown) => caught);
    const cause = (error as Error).cause as Error & { cause: Error & { code?: string } };
    expect([cause.name, cause.cause.name, cause.cause.code]).toEqual(["TypeError", "AggregateError", "ECONNREFUSED"]);
    expect((error as Error).message).toContain("fetch failed: ECONNREFUSED");
  });
});

describe("a middleware layer's error that cannot be read", () => {
  it("is still the middleware's InputError, sent once, when its message is no string", async () => {
    const { fetch, calls } = fakeFetch(() => new Response("ok"));
    let runs = 0;
    const layer: AttemptMiddleware = async () => {
      runs++;
      throw Object.assign(new Error(), { message: { said: "no" } });
    };
    const send = createTransport({ maxRetries: 2, retryDelay: { baseMs: 0, maxMs: 0 }, fetch, auth: { type: "bearer", token: TOKEN }, middleware: [layer] });
    const error = await send(new Request("https://api.example.com/a")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(runs).toBe(1);
    expect(calls).toHaveLength(0);
  });
});
