import { useFaultServer, type FaultServer } from "@apis/faults";
import { beforeEach, describe, expect, it } from "vitest";
import { ApiConnectionError, ApiError, ApiTimeoutError, createApiClient, paginate, paginateOffset, type Auth, type ClientOptions } from "../src/index.js";
import { CLIENT_FETCHES } from "./fetches.js";
import { operations, type paths } from "./fixtures.js";
import { expectNoSecrets, settle } from "./helpers.js";

// A hostile or broken server, answered over both fetches: bodies that end or stall, codings that lie, empty JSON, odd
// Retry-After headers and redirects to another origin. `home` is where the client is pointed, `other` another origin.
const served = useFaultServer({ hangMs: 3000 });
const elsewhere = useFaultServer({ hangMs: 3000 });
let home: FaultServer;
let other: FaultServer;
// After the servers' own reset (hooks run in the order they were registered).
beforeEach(() => {
  [home, other] = [served(), elsewhere()];
  other.script("GET /steal", [{ status: 200, body: [] }]);
  other.script("POST /steal", [{ status: 200, body: {} }]);
});

const CSV = "id,name\n".repeat(200);

/** The error of an outcome, checked to be of `type` and to quote no credential. */
function failed<E>(outcome: { error?: unknown }, type: new (...args: never[]) => E): E {
  expect(outcome.error).toBeInstanceOf(type);
  expectNoSecrets(outcome.error);
  return outcome.error as E;
}

describe.each(CLIENT_FETCHES)("over $via", ({ fetch }) => {
  const client = (options: Partial<ClientOptions> = {}) =>
    createApiClient<paths>({ baseUrl: home.url, operations, auth: { type: "bearer", token: "bearer-secret-token" }, retryDelay: { baseMs: 1, maxMs: 2 }, fetch, ...options });

  describe("a body that ends or stalls", () => {
    it("a text body cut off mid-way fails with an ApiConnectionError after the GET's retries, never handing over the part that came", async () => {
      home.script("GET /exports.csv", [{ reset: "after-headers", body: CSV }]);
      const error = failed(await settle(client().GET("/exports.csv", { parseAs: "text" })), ApiConnectionError);
      expect(error.message).toMatch(/returned 200 but the connection failed while its body was read \(3 attempts\)/);
      expect(home.count("GET /exports.csv")).toBe(3);
    });

    it("a JSON body that stalls after its headers fails each attempt at timeoutMs with an ApiTimeoutError", async () => {
      home.script("GET /items", [{ stall: "after-headers" }]);
      const error = failed(await settle(client({ timeoutMs: 300, maxRetries: 1 }).GET("/items")), ApiTimeoutError);
      expect(error.message).toMatch(/returned 200 but its body was not read in full within 300 ms \(2 attempts\)/);
      expect(home.count("GET /items")).toBe(2);
    });

    it("a text body that stalls after its headers fails at timeoutMs with an ApiTimeoutError", async () => {
      home.script("GET /exports.csv", [{ stall: "after-headers", body: CSV }]);
      const error = failed(await settle(client({ timeoutMs: 300, maxRetries: 0 }).GET("/exports.csv", { parseAs: "text" })), ApiTimeoutError);
      expect(error.message).toMatch(/returned 200 but its body was not read in full within 300 ms \(1 attempt\)/);
    });

    it("an error status whose body stalls fails at timeoutMs with an ApiTimeoutError, not a hang", async () => {
      home.script("GET /items", [{ stall: "after-headers", status: 503 }]);
      const error = failed(await settle(client({ timeoutMs: 300, maxRetries: 0 }).GET("/items")), ApiTimeoutError);
      expect(error.message).toMatch(/returned 503 but its body was not read in full within 300 ms/);
    });
  });

  describe("a Content-Encoding that lies", () => {
    it.each([
      ["GET /items", "application/json", '[{"id":1,"name":"a"}]'],
      ["GET /exports.csv", "text/csv", CSV],
    ] as const)("a plain body labelled gzip (%s) fails as a body that could not be read, quoting the decoder, never handing over bytes", async (route, type, body) => {
      home.script(route, [{ status: 200, headers: { "Content-Type": type, "Content-Encoding": "gzip" }, body }]);
      const path = route.slice(4) as "/items" | "/exports.csv";
      const error = failed(await settle(client().GET(path, { parseAs: path === "/items" ? "json" : "text" })), ApiConnectionError);
      expect(error.message).toMatch(/returned 200 but the connection failed while its body was read \(3 attempts\): .*incorrect header check/);
    });
  });

  describe("a 2xx labelled JSON with an empty body", () => {
    it("on a GET is no data and no error, as openapi-fetch has it, and is not sent again", async () => {
      home.script("GET /items", [{ status: 200, headers: { "Content-Type": "application/json" }, body: "" }]);
      const { data, error, response } = await client().GET("/items");
      expect([data, error, response.status]).toEqual([undefined, undefined, 200]);
      expect(home.count("GET /items")).toBe(1);
    });

    it("on a DELETE is the success it says, sent once", async () => {
      home.script("DELETE /items/1", [{ status: 200, headers: { "Content-Type": "application/json" }, body: "" }]);
      const { error, response } = await client().DELETE("/items/{id}", { params: { path: { id: 1 } } });
      expect([error, response.status]).toEqual([undefined, 200]);
      expect(home.count("DELETE /items/1")).toBe(1);
    });

    it("on a page of paginate is an InvalidResponseError, not the end of the list", async () => {
      home.script("GET /items", [{ status: 200, headers: { "Content-Type": "application/json" }, body: "" }]);
      const api = client();
      const pages = paginate({ fetchPage: () => api.GET("/items"), items: (page) => page, perPage: 10 });
      await expect(pages.next()).rejects.toThrow(/Fetching page 1 failed: got nothing, not a list/);
    });
  });

  describe("Retry-After", () => {
    it("sent twice (read joined, as 120, 120) is no wait that can be read: the 429 is resent after the backoff", async () => {
      home.script("GET /items", [{ status: 429, headers: { "Retry-After": ["120", "120"] as unknown as string } }, { status: 200, body: [] }]);
      const { data } = await client().GET("/items");
      expect(data).toEqual([]);
      expect(home.count("GET /items")).toBe(2);
    });

    it("as an HTTP date that has passed asks for no wait of its own: the 503 is resent after the backoff", async () => {
      home.script("GET /items", [{ status: 503, headers: { "Retry-After": new Date(Date.now() - 86_400_000).toUTCString() } }, { status: 200, body: [] }]);
      const { data } = await client().GET("/items");
      expect(data).toEqual([]);
      expect(home.count("GET /items")).toBe(2);
    });

    it("as an HTTP date years away is not waited for: the 503 is returned at once, and its error carries no wait", async () => {
      home.script("GET /items", [{ status: 503, headers: { "Retry-After": new Date(Date.now() + 5 * 365 * 86_400_000).toUTCString() } }, { status: 200, body: [] }]);
      const { error, response } = await client().GET("/items");
      expect(response.status).toBe(503);
      expect(home.count("GET /items")).toBe(1);
      expect(ApiError.fromResponse(response, error, "GET").retryAfterMs).toBeUndefined();
    });
  });

  describe("a redirect to another origin", () => {
    it.each<[string, Auth]>([
      ["Basic", { type: "basic", username: "ana", password: "basic-secret-password" }],
      ["Bearer", { type: "bearer", token: "bearer-secret-token" }],
    ])("with %s credentials is followed by the platform without the Authorization header, a POST's 307 too", async (_, auth) => {
      home.script("GET /items", [{ status: 302, headers: { Location: `${other.url}/steal` } }]);
      home.script("POST /items", [{ status: 307, headers: { Location: `${other.url}/steal` } }]);
      const api = client({ auth });
      expect((await api.GET("/items")).response.status).toBe(200);
      expect((await api.POST("/items", { body: { name: "a" } })).response.status).toBe(200);
      expect(other.requests.map((request) => [request.method, request.headers.authorization])).toEqual([
        ["GET", undefined],
        ["POST", undefined],
      ]);
    });

    it("with the caller's own Basic header is followed without it", async () => {
      home.script("GET /items", [{ status: 302, headers: { Location: `${other.url}/steal` } }]);
      const headers = { Authorization: `Basic ${btoa("ana:basic-secret-password")}` };
      expect((await client({ auth: { type: "none" } }).GET("/items", { headers })).response.status).toBe(200);
      expect(other.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
    });

    it("whose Location carries user info reaches nothing there, and the error does not quote its password", async () => {
      home.script("GET /items", [{ status: 302, headers: { Location: other.url.replace("http://", "http://ana:basic-secret-password@") + "/steal" } }]);
      failed(await settle(client({ maxRetries: 0 }).GET("/items")), ApiConnectionError);
      expect(other.requests).toEqual([]);
    });
  });

  // A `for await` loop's break comes between pages, never during a request. A caller that calls return() while a
  // next() waits on a page gets what an async generator gives: return() settles once that page has, the waiting next()
  // gets the page's first item or its error, and nothing is left unread or rejected unhandled.
  describe("return() while a page request is pending", () => {
    it.each(["paginate", "paginateOffset"] as const)("%s: the pending next() gets the page's item, then return() is done, one request sent", async (helper) => {
      home.script("GET /items", [{ drip: JSON.stringify([{ id: 1, name: "a" }]), everyMs: 20, chunkSize: 4 }]);
      const api = client();
      const fetchPage = () => api.GET("/items");
      const iterator = helper === "paginate" ? paginate({ fetchPage, items: (page) => page, perPage: 10 }) : paginateOffset({ fetchPage, items: (page) => page, limit: 10 });
      const pending = iterator.next();
      const returned = iterator.return!();
      expect(await pending).toEqual({ value: { id: 1, name: "a" }, done: false });
      expect(await returned).toEqual({ value: undefined, done: true });
      expect(await iterator.next()).toEqual({ value: undefined, done: true });
      expect(home.count("GET /items")).toBe(1);
    });

    it("a page that then fails rejects the pending next() alone, and return() is done", async () => {
      home.script("GET /items", [{ stall: "after-headers" }]);
      const api = client({ timeoutMs: 300, maxRetries: 0 });
      const iterator = paginate({ fetchPage: () => api.GET("/items"), items: (page) => page, perPage: 10 });
      const pending = settle(iterator.next());
      const returned = iterator.return!();
      failed(await pending, ApiTimeoutError);
      expect(await returned).toEqual({ value: undefined, done: true });
    });
  });
});
