import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiConnectionError, ApiError, ApiTimeoutError, createTransport, InputError, redactUrl } from "../src/index.js";
import { BASE_URL, observedClient } from "./fixtures.js";
import { caught, fakeFetch, json, networkError, never } from "./helpers.js";

const QUERY_AUTH = { type: "query", name: "access_token", value: "query-secret-value" } as const;

function setup(handler: Parameters<typeof observedClient>[0] = () => json([]), auth: { name: string; value: string } = QUERY_AUTH) {
  return observedClient(handler, { auth: { type: "query", ...auth } });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("query auth", () => {
  it("adds name=value to the query of authenticated operations, after the call's own parameters", async () => {
    const { client, calls } = setup();
    await client.GET("/items", { params: { query: { page: 2, per_page: 50 } } });
    expect(calls[0]?.url.href).toBe(`${BASE_URL}/items?page=2&per_page=50&access_token=query-secret-value`);
    expect(calls[0]?.headers.has("authorization")).toBe(false);
  });

  it("never adds it to operations with auth: false", async () => {
    const { client, calls } = setup();
    await client.GET("/public/status");
    expect(calls[0]?.url.href).toBe(`${BASE_URL}/public/status`);
  });

  it("replaces a parameter of the same name in place and keeps the other parameters' encoding", async () => {
    const fake = fakeFetch(() => new Response("ok"));
    const send = createTransport({ auth: QUERY_AUTH, fetch: fake.fetch });
    await send(new Request(`${BASE_URL}/x?filter%5Ba%5D=b%20c&access_token=stale&n=1&access_token=again`));
    expect(fake.calls[0]?.request.url).toBe(`${BASE_URL}/x?filter%5Ba%5D=b%20c&access_token=query-secret-value&n=1`);
  });

  it("sends the request moved to carry the credential with the caller's cache, credentials, keepalive, referrer policy and integrity", async () => {
    const fake = fakeFetch(() => new Response("ok"));
    const send = createTransport({ auth: QUERY_AUTH, fetch: fake.fetch });
    const settings = { cache: "no-store", credentials: "omit", keepalive: true, referrerPolicy: "no-referrer", integrity: "sha256-AAAA" } as const;
    await send(new Request(`${BASE_URL}/x`, settings));
    const sent = fake.calls[0]!.request;
    expect(sent.url).toBe(`${BASE_URL}/x?access_token=query-secret-value`);
    expect({ cache: sent.cache, credentials: sent.credentials, keepalive: sent.keepalive, referrerPolicy: sent.referrerPolicy, integrity: sent.integrity }).toEqual(settings);
  });

  it("encodes a value with reserved characters", async () => {
    const { client, calls } = setup(() => json([]), { name: "key", value: "a+b/c=d&e" });
    await client.GET("/items");
    expect(calls[0]?.url.searchParams.get("key")).toBe("a+b/c=d&e");
  });

  it("still applies when the caller sets an Authorization header of their own", async () => {
    const { client, calls } = setup();
    await client.GET("/items", { headers: { Authorization: "Bearer caller-own" } });
    expect(calls[0]?.url.searchParams.get("access_token")).toBe("query-secret-value");
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer caller-own");
  });

  it("sends a POST's body, headers and method unchanged, and the same body again on a retry", async () => {
    const { client, calls } = setup((_, __, index) => (index === 0 ? json({}, { status: 429 }) : json({ id: 1, name: "a" }, { status: 201 })));
    const result = await client.POST("/items", { body: { name: "a" }, headers: { "X-Trace": "t1" } });
    expect(result.data).toEqual({ id: 1, name: "a" });
    expect(calls.map((call) => [call.method, call.body, call.headers.get("content-type"), call.headers.get("x-trace")])).toEqual([
      ["POST", '{"name":"a"}', "application/json", "t1"],
      ["POST", '{"name":"a"}', "application/json", "t1"],
    ]);
    expect(calls.every((call) => call.url.searchParams.get("access_token") === "query-secret-value")).toBe(true);
  });

  it("sends a multipart upload with its boundary intact", async () => {
    const { client, calls } = setup(() => json({ ok: true }, { status: 201 }));
    await client.POST("/uploads", { body: { file: new Blob(["a,b\n1,2\n"], { type: "text/csv" }), meta: { title: "Q3" } } });
    const sent = await new Request(calls[0]!.url, { method: "POST", headers: calls[0]!.headers, body: calls[0]!.body }).formData();
    expect(await (sent.get("file") as Blob).text()).toBe("a,b\n1,2\n");
    expect(sent.get("meta[title]")).toBe("Q3");
  });

  it("is refused at creation without a name or a value, naming the field", () => {
    expect(() => setup(undefined, { name: "", value: "query-secret-value" })).toThrow(InputError);
    expect(() => setup(undefined, { name: "access_token", value: "" })).toThrow(/auth.value must be a non-empty string/);
  });
});

describe("query auth in errors", () => {
  it("an ApiConnectionError names the URL that was sent, with the credential redacted", async () => {
    const { client, calls } = setup(() => {
      throw networkError("ECONNRESET");
    });
    const error = await caught(client.GET("/items", { params: { query: { page: 2 } } }));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(calls).toHaveLength(3);
    expect((error as ApiConnectionError).url).toBe(`${BASE_URL}/items?page=2&access_token=[redacted]`);
    expect((error as Error).message).toContain(`GET ${BASE_URL}/items?page=2&access_token=[redacted] failed with a network or CORS error`);
  });

  it("an ApiTimeoutError carries no credential", async () => {
    vi.useFakeTimers();
    const { client } = observedClient((request) => never(request), { auth: QUERY_AUTH, timeoutMs: 1_000, maxRetries: 0 });
    const outcome = caught(client.GET("/items"));
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect((error as ApiTimeoutError).url).toBe(`${BASE_URL}/items?access_token=[redacted]`);
  });

  it("a network error whose own message quotes the URL is kept as a redacted cause", async () => {
    const { client } = setup((request) => {
      throw new TypeError(`Failed to fetch ${request.url}`, { cause: new Error(`socket hang up at ${request.url}`) });
    });
    const error = (await caught(client.GET("/items"))) as ApiConnectionError;
    const cause = error.cause as Error;
    expect(cause.name).toBe("TypeError");
    expect(cause.message).toBe(`Failed to fetch ${BASE_URL}/items?access_token=[redacted]`);
    expect((cause.cause as Error).message).toBe(`socket hang up at ${BASE_URL}/items?access_token=[redacted]`);
  });

  it("a parameter name no built-in rule knows is redacted everywhere once a client uses it", async () => {
    const { client } = setup(
      () => {
        throw networkError("ECONNREFUSED");
      },
      { name: "k", value: "query-secret-value" },
    );
    const error = (await caught(client.GET("/items"))) as ApiConnectionError;
    expect(error.url).toBe(`${BASE_URL}/items?k=[redacted]`);
    expect(redactUrl(`${BASE_URL}/other?k=query-secret-value&page=1`)).toBe(`${BASE_URL}/other?k=[redacted]&page=1`);
  });

  it("an error built from a vendor response whose URL carries the credential redacts it", async () => {
    const { client } = setup(() => json({ message: "nope" }, { status: 404 }));
    const { error, response } = await client.GET("/items");
    // A real fetch reports the URL it sent; the fake one cannot set it.
    Object.defineProperty(response, "url", { value: `${BASE_URL}/items?access_token=query-secret-value` });
    const thrown = ApiError.fromResponse(response, error, "GET");
    expect(thrown.url).toBe(`${BASE_URL}/items?access_token=[redacted]`);
    expect(await caught(Promise.reject(thrown))).toBe(thrown);
  });
});
