// A call without a body, on the platform's fetch and with no openapi-fetch middleware, goes as `fetch(url, init)`:
// openapi-fetch builds no Request for it (see PlannedRequest). These tests pin that, and that everything that must see a
// real Request still gets one: openapi-fetch middleware, a `fetch` option, and any option only a Request checks.
import { useFaultServer } from "@apis/faults";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient, InputError, type ClientOptions, type Middleware } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";
import { json } from "./helpers.js";

const served = useFaultServer({ hangMs: 30_000 });

function connect(options: Partial<ClientOptions> = {}) {
  return createApiClient<paths>({
    baseUrl: served().url,
    operations,
    auth: { type: "bearer", token: "bearer-secret-token" },
    retryDelay: { baseMs: 1, maxMs: 5 },
    ...options,
  });
}

/** Counts the Requests built with `globalThis.Request` from now on (openapi-fetch reads it when a client is created). */
function countRequests(): { readonly built: number } {
  const counter = { built: 0 };
  const Platform = globalThis.Request;
  vi.stubGlobal(
    "Request",
    new Proxy(Platform, {
      construct(target, args, newTarget) {
        counter.built++;
        return Reflect.construct(target, args, newTarget === globalThis.Request ? target : newTarget) as object;
      },
    }),
  );
  return counter;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a call without a body on the platform's fetch", () => {
  it("builds no Request: fetch gets the URL and an init with the credential and the attempt's signal", async () => {
    served().script("GET /items", [{ status: 200, body: [{ id: 1, name: "a" }] }]);
    const counter = countRequests();
    const platformFetch = globalThis.fetch;
    const sent: [unknown, RequestInit | undefined][] = [];
    vi.stubGlobal("fetch", (input: unknown, init?: RequestInit) => (sent.push([input, init]), platformFetch(input as string, init)));
    const { data } = await connect().GET("/items", { params: { query: { page: 2 } } });
    expect(data).toEqual([{ id: 1, name: "a" }]);
    expect(counter.built).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]).toBe(`${served().url}/items?page=2`);
    expect(new Headers(sent[0]![1]!.headers).get("authorization")).toBe("Bearer bearer-secret-token");
    expect(sent[0]![1]!.signal).toBeInstanceOf(AbortSignal);
    expect(served().requests[0]!.headers.authorization).toBe("Bearer bearer-secret-token");
  });

  it("a call with a body still goes as one Request, sent once", async () => {
    served().script("POST /items", [{ status: 201, body: { id: 2, name: "b" } }]);
    const counter = countRequests();
    const { data } = await connect().POST("/items", { body: { name: "b" } });
    expect(data).toEqual({ id: 2, name: "b" });
    expect(counter.built).toBe(1);
    expect(JSON.parse(served().requests[0]!.body)).toEqual({ name: "b" });
  });

  it("is resent as it was on a retry, and follows the caller's signal", async () => {
    served().script("GET /items", [{ status: 503, body: {} }, { status: 200, body: [] }]);
    expect((await connect().GET("/items")).data).toEqual([]);
    expect(served().requests.map((request) => request.headers.authorization)).toEqual(["Bearer bearer-secret-token", "Bearer bearer-secret-token"]);
    served().script("GET /items", [{ hang: true }]);
    const caller = new AbortController();
    const call = connect().GET("/items", { signal: caller.signal });
    while (served().requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    caller.abort(new Error("caller stops"));
    await expect(call).rejects.toThrow(/aborted by the caller/);
  });

  it("a call sent without a signal has none: the token source is asked with none, and a stream handed out reads whole", async () => {
    served().script("GET /items", [{ status: 200, body: [] }]);
    served().script("GET /files/7", [{ status: 200, headers: { "Content-Type": "application/octet-stream" }, body: "x".repeat(100) }]);
    const asked: unknown[] = [];
    const client = connect({ auth: { type: "oauth2", tokens: { getToken: async (signal) => (asked.push(signal), "planned-token-1"), invalidate: () => {} } } });
    const caller = new AbortController();
    await client.GET("/items");
    await client.GET("/items", { signal: caller.signal });
    expect(asked).toEqual([undefined, caller.signal]);
    const { data } = await client.GET("/files/{id}", { params: { path: { id: 7 } }, parseAs: "stream" });
    expect(await new Response(data as ReadableStream).text()).toHaveLength(100);
  });

  it("an option only a Request checks is checked as before: a bad one throws its TypeError and nothing is sent", async () => {
    served().script("GET /items", [{ status: 200, body: [] }]);
    const error = await connect()
      .GET("/items", { cache: "bogus" as RequestCache })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect(served().requests).toHaveLength(0);
    // A good one still goes.
    expect((await connect().GET("/items", { cache: "no-store" })).data).toEqual([]);
  });

  it("a method only a Request refuses throws its TypeError at once, as before, not a network error after retries", async () => {
    const client = connect();
    const refusals = [
      [() => client.TRACE("/items" as never), /TRACE/],
      [() => client.request("G E T" as "get", "/items"), /G E T/],
    ] as const;
    for (const [call, message] of refusals) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toHaveProperty("message", expect.stringMatching(message));
    }
    expect(served().requests).toHaveLength(0);
  });

  // The platform's TypeError quoted what it was given: the options object a signal was mistaken for, its secret and all.
  it.each(["GET", "POST", "DELETE"] as const)("refuses on a %s a signal that is no AbortSignal with an InputError that quotes nothing", async (method) => {
    const config = { clientId: "app-1234", clientSecret: "client-secret-5678" };
    for (const signal of [config, new AbortController(), { aborted: false }, "x"]) {
      const error = await connect()
        .request(method.toLowerCase() as "get", "/items", { signal: signal as unknown as AbortSignal, ...(method === "POST" && { body: {} }) } as never)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ field: "signal", message: "signal must be an AbortSignal" });
      expect(JSON.stringify(error) + String(error)).not.toContain("client-secret-5678");
    }
    expect(served().requests).toHaveLength(0);
  });

  // Only listened to (by the transport): a signal of another realm (a vm context, jsdom) works as this realm's does.
  it("takes a signal of another realm and stops the call when it aborts", async () => {
    // A vm context has no EventTarget: its signal is one made there, with listeners of its own.
    const foreign = runInNewContext(
      "({ aborted: false, reason: undefined, listeners: [], addEventListener(type, l) { this.listeners.push(l) }, removeEventListener(type, l) { this.listeners = this.listeners.filter((x) => x !== l) } })",
    ) as { aborted: boolean; reason: unknown; listeners: (EventListener | EventListenerObject)[] };
    served().script("GET /items", [{ hang: true }]);
    const call = connect({ maxRetries: 0 }).GET("/items", { signal: foreign as unknown as AbortSignal });
    await vi.waitFor(() => expect(served().requests).toHaveLength(1));
    Object.assign(foreign, { aborted: true, reason: new Error("left") });
    for (const listener of foreign.listeners) (typeof listener === "function" ? listener : listener.handleEvent.bind(listener))(new Event("abort"));
    await expect(call).rejects.toMatchObject({ name: "ApiUserAbortError" });
  });
});

describe("what must see a Request gets one", () => {
  it("openapi-fetch middleware, added with use() or passed to one call, gets a Request it can change", async () => {
    served().script("GET /items", [{ status: 200, body: [] }]);
    const seen: unknown[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push(request);
        request.headers.set("X-Middleware", "yes");
        return request;
      },
    };
    await connect().GET("/items", { middleware: [middleware] });
    const client = connect();
    client.use(middleware);
    await client.GET("/items");
    client.eject(middleware);
    await client.GET("/items");
    expect(seen).toHaveLength(2);
    for (const request of seen) expect(request).toBeInstanceOf(Request);
    expect(served().requests.map((request) => request.headers["x-middleware"])).toEqual(["yes", "yes", undefined]);
  });

  it("a Request class given to one call is the one that call is built with", async () => {
    served().script("GET /items", [{ status: 200, body: [] }]);
    const built: string[] = [];
    class Own extends Request {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(input, init);
        built.push(this.url);
      }
    }
    const init = { Request: Own };
    expect((await connect().GET("/items", init)).data).toEqual([]);
    expect(built).toEqual([`${served().url}/items`]);
  });

  it("a fetch option gets one Request per attempt, with the credential", async () => {
    const got: unknown[] = [];
    const client = connect({ fetch: async (request) => (got.push(request), json([])) });
    await client.GET("/items");
    expect(got).toHaveLength(1);
    expect(got[0]).toBeInstanceOf(Request);
    expect((got[0] as Request).headers.get("authorization")).toBe("Bearer bearer-secret-token");
  });
});

describe("a planned call's URL is the one a Request would have", () => {
  it("so a plain-http call to another host is refused after a call to loopback whose base URL has one slash", async () => {
    const sent: string[] = [];
    const client = connect({ baseUrl: "http:/127.0.0.1:4010", fetch: async (request) => (sent.push(request.url), json([])) });
    await client.GET("/items");
    for (const baseUrl of ["http://api.example.com", "http:///api.example.com"]) {
      await expect(client.GET("/items", { baseUrl })).rejects.toThrow(InputError);
    }
    expect(sent).toEqual(["http://127.0.0.1:4010/items"]);
  });

  it("so a line break a query serializer wrote is no second log line", async () => {
    const lines: string[] = [];
    const client = connect({ fetch: async () => json([]), logger: { debug: (line: string) => lines.push(line) } });
    await client.GET("/items", { querySerializer: () => "q=a\nGET /admin -> 200" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\n/);
  });
});
