import { describe, expect, it } from "vitest";
import { ApiTimeoutError, createTokenSource, createTransport, InputError, type AttemptMiddleware } from "../src/index.js";
import { observedClient } from "./fixtures.js";
import { expectNoSecrets, fakeFetch, json, networkError } from "./helpers.js";

const noWait = { baseMs: 0, maxMs: 0 };

describe("middleware runs on every attempt, after credentials", () => {
  it("sees every attempt, the retries and the refreshed credential after a 401 included", async () => {
    let issued = 0;
    const tokens = createTokenSource({ fetchToken: async () => ({ accessToken: `token-${++issued}` }) });
    const seen: string[] = [];
    const watch: AttemptMiddleware = async (request, next) => {
      seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get("authorization")}`);
      const response = await next(request);
      seen.push(`-> ${response.status}`);
      return response;
    };
    const { client, calls } = observedClient(
      (request, _, index) => {
        if (index === 0) return json({ message: "busy" }, { status: 503 });
        if (request.headers.get("authorization") === "Bearer token-1") return json({ message: "expired" }, { status: 401 });
        return json([{ id: 1, name: "a" }]);
      },
      { auth: { type: "oauth2", tokens }, retryDelay: noWait, middleware: [watch] },
    );
    const { data } = await client.GET("/items");
    expect(data).toEqual([{ id: 1, name: "a" }]);
    expect(calls).toHaveLength(3);
    expect(seen).toEqual(["GET /items Bearer token-1", "-> 503", "GET /items Bearer token-1", "-> 401", "GET /items Bearer token-2", "-> 200"]);
  });

  it("sees an attempt that fails on the network, and the retry after it", async () => {
    const attempts: string[] = [];
    const { fetch } = fakeFetch((_, __, index) => {
      if (index === 0) throw networkError("ECONNRESET");
      return new Response("ok");
    });
    const send = createTransport({
      fetch,
      retryDelay: noWait,
      middleware: [
        async (request, next) => {
          try {
            return await next(request);
          } catch (error) {
            attempts.push("failed");
            throw error;
          }
        },
        async (request, next) => (attempts.push(request.url), next(request)),
      ],
    });
    expect((await send(new Request("https://api.example.com/a"))).status).toBe(200);
    expect(attempts).toEqual(["https://api.example.com/a", "failed", "https://api.example.com/a"]);
  });

  it("can sign what is sent: a header it sets reaches the server, on each attempt", async () => {
    let attempt = 0;
    const sign: AttemptMiddleware = (request, next) => {
      const signed = new Request(request, { headers: new Headers(request.headers) });
      signed.headers.set("X-Signature", `sig-${++attempt}`);
      return next(signed);
    };
    const { client, calls } = observedClient((_, __, index) => (index === 0 ? json({}, { status: 502 }) : json([])), { retryDelay: noWait, middleware: [sign] });
    await client.GET("/items");
    expect(calls.map((call) => call.headers.get("x-signature"))).toEqual(["sig-1", "sig-2"]);
  });

  it.each([
    ["before it sends", async () => Promise.reject(new Error("signer not configured"))],
    ["after the response came", async (request: Request, next: (request: Request) => Promise<Response>) => (await next(request), Promise.reject(new Error("signer not configured")))],
  ])("a layer that throws %s fails the call once with an InputError naming it, not a retried network error", async (_, layer) => {
    const { fetch, calls } = fakeFetch(() => new Response("ok"));
    const send = createTransport({ fetch, retryDelay: noWait, middleware: [async (request, next) => next(request), layer as AttemptMiddleware] });
    const error = await send(new Request("https://api.example.com/a")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("middleware[1] threw: signer not configured");
    expect(calls.length).toBeLessThanOrEqual(1);
  });

  it("a layer that throws before it sends: the InputError carries its error as cause", async () => {
    const { fetch, calls } = fakeFetch(() => new Response("ok"));
    const broken: AttemptMiddleware = async () => Promise.reject(new Error("signer not configured"));
    const send = createTransport({ fetch, retryDelay: noWait, middleware: [async (request, next) => next(request), broken] });
    const error = await send(new Request("https://api.example.com/a")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("middleware");
    expect((error as Error).message).toBe("middleware[1] threw: signer not configured");
    expect((error as Error).cause).toEqual(new Error("signer not configured"));
    expect(calls).toHaveLength(0);
  });

  it("a failure after the layer sent the request on stays the attempt's, however the layer wrapped it: retried", async () => {
    const { fetch, calls } = fakeFetch((_, __, index) => {
      if (index === 0) throw networkError("ECONNRESET");
      return new Response("ok");
    });
    const tracing: AttemptMiddleware = async (request, next) => {
      try {
        return await next(request);
      } catch (error) {
        throw new Error("traced request failed", { cause: error });
      }
    };
    const send = createTransport({ fetch, retryDelay: noWait, middleware: [tracing] });
    expect((await send(new Request("https://api.example.com/a"))).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it("a layer that waits on the attempt's signal and sees its timeout gives the timeout, not an InputError", async () => {
    const { fetch } = fakeFetch(() => new Response("ok"));
    const waits: AttemptMiddleware = (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    const send = createTransport({ fetch, timeoutMs: 20, maxRetries: 0, middleware: [waits] });
    const error = await send(new Request("https://api.example.com/a")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiTimeoutError);
  });

  it("a layer that resolves no Response (a forgotten return) fails the call once with an InputError saying so, not a retried network error", async () => {
    const { fetch, calls } = fakeFetch(() => new Response("ok"));
    const forgetful = (async (request: Request, next: (request: Request) => Promise<Response>) => {
      await next(request);
    }) as unknown as AttemptMiddleware;
    const send = createTransport({ fetch, retryDelay: noWait, middleware: [async (request, next) => next(request), forgetful] });
    const error = await send(new Request("https://api.example.com/a")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("middleware[1] must resolve a Response, got nothing: return next(request)");
    expect(calls).toHaveLength(1);
  });

  it("a layer that read the request's body, or sent it already, fails once with an InputError: nothing sent, not a network error the server may have acted on", async () => {
    // A fetch that reads the body it sends, as the platform's does.
    const calls: string[] = [];
    const fetch = async (request: Request) => (calls.push(await request.text()), new Response("ok"));
    const reads: AttemptMiddleware = async (request, next) => (await request.text(), next(request));
    const twice: AttemptMiddleware = async (request, next) => (await next(request), next(request));
    for (const [layer, sent] of [[reads, 0], [twice, 1]] as const) {
      calls.length = 0;
      const send = createTransport({ fetch, retryDelay: noWait, middleware: [layer] });
      for (const method of ["POST", "PUT"]) {
        const error = await send(new Request("https://api.example.com/a", { method, body: "signed" })).catch((caught: unknown) => caught);
        expect(error).toEqual(new InputError("request", "the request's body was already read: send a new Request"));
      }
      // Once per call: a PUT's is not retried as a network failure.
      expect(calls).toEqual(sent ? ["signed", "signed"] : []);
    }
  });

  it("a layer that swallows the attempt's failure and resolves nothing leaves the attempt's failure: retried, not an InputError", async () => {
    const { fetch, calls } = fakeFetch((_, __, index) => {
      if (index === 0) throw networkError("ECONNRESET");
      return new Response("ok");
    });
    const swallowing = (async (request: Request, next: (request: Request) => Promise<Response>) => {
      try {
        return await next(request);
      } catch {
        // forgot to rethrow
      }
    }) as AttemptMiddleware;
    const send = createTransport({ fetch, retryDelay: noWait, middleware: [swallowing] });
    expect((await send(new Request("https://api.example.com/a"))).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it("the response a layer dropped is cancelled, so that it holds no connection", async () => {
    let cancelled = false;
    const body = new ReadableStream({ pull: () => {}, cancel: () => void (cancelled = true) });
    const { fetch } = fakeFetch(() => new Response(body));
    const dropping = (async (request: Request, next: (request: Request) => Promise<Response>) => void (await next(request))) as unknown as AttemptMiddleware;
    const send = createTransport({ fetch, middleware: [dropping] });
    await expect(send(new Request("https://api.example.com/a"))).rejects.toThrow(InputError);
    expect(cancelled).toBe(true);
  });

  it("refuses a middleware option that is not an array of functions", () => {
    expect(() => createTransport({ middleware: [42 as unknown as AttemptMiddleware] })).toThrow("middleware must be an array of functions");
  });
});

describe("a body is paid for once", () => {
  it("the caller gets the very response the fetch answered, its JSON parsed once", async () => {
    const answered: Response[] = [];
    const { client } = observedClient(() => {
      const response = json([{ id: 7, name: "x" }], { headers: { "Content-Length": "24" } });
      answered.push(response);
      return response;
    });
    const parse = JSON.parse;
    let parses = 0;
    JSON.parse = (...args: Parameters<typeof JSON.parse>) => (parses++, parse(...args));
    try {
      const { data, response } = await client.GET("/items");
      expect(data).toEqual([{ id: 7, name: "x" }]);
      expect(response).toBe(answered[0]);
    } finally {
      JSON.parse = parse;
    }
    expect(parses).toBe(1);
  });
});

describe("a middleware layer's own error", () => {
  it("quotes no credential of the attempt it saw, in its message or its cause", async () => {
    const { fetch } = fakeFetch(() => new Response("ok"));
    const leaky: AttemptMiddleware = async (request) => Promise.reject(Object.assign(new Error(`cannot sign ${request.headers.get("authorization")}`), { sent: request }));
    const send = createTransport({ fetch, auth: { type: "bearer", token: "bearer-secret-token" }, middleware: [leaky] });
    const error = await send(new Request("https://api.example.com/a")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("middleware[0] threw: cannot sign Bearer [redacted]");
    expectNoSecrets(error);
  });
});
