import { describe, expect, it, vi } from "vitest";
import { basicAuthorizer, bearerAuthorizer, checkedBasicAuthorizer, checkedBearerAuthorizer, createApiClient, InputError, type Auth, type ClientOptions, type Middleware } from "../src/index.js";
import { BASE_URL, observedClient, operations, type paths } from "./fixtures.js";
import { caught, fakeFetch, json, type Handler } from "./helpers.js";

function setup(options: Partial<ClientOptions> = {}, handler: Handler = () => json({ ok: true })) {
  return observedClient(handler, options);
}

describe("authentication headers", () => {
  it("bearer auth sends Authorization: Bearer <token>", async () => {
    const { client, calls } = setup();
    await client.GET("/items");
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer bearer-secret-token");
  });

  it("basic auth sends the UTF-8 base64 of user:password", async () => {
    const { client, calls } = setup({ auth: { type: "basic", username: "anä@example.com", password: "basic-secret-password€" } });
    await client.GET("/items");
    const expected = `Basic ${Buffer.from("anä@example.com:basic-secret-password€", "utf8").toString("base64")}`;
    expect(calls[0]?.headers.get("authorization")).toBe(expected);
  });

  it("auth none sends no Authorization header", async () => {
    const { client, calls } = setup({ auth: { type: "none" } });
    await client.GET("/items");
    expect(calls[0]?.headers.has("authorization")).toBe(false);
  });

  it("operations with auth: false get no Authorization header", async () => {
    const { client, calls } = setup();
    await client.GET("/public/status");
    await client.GET("/items");
    expect(calls.map((call) => call.headers.get("authorization"))).toEqual([null, "Bearer bearer-secret-token"]);
  });

  it("an Authorization header the caller sets on a call wins", async () => {
    const { client, calls } = setup();
    await client.GET("/items", { headers: { Authorization: "Bearer caller-own" } });
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer caller-own");
  });

  it("a bad auth option throws an InputError naming the field at creation", () => {
    expect(() => setup({ auth: { type: "bearer", token: "" } })).toThrow(InputError);
    expect(() => setup({ auth: { type: "basic", username: "a:b", password: "basic-secret-password" } })).toThrow(/auth.username must not contain ':'/);
    expect(() => setup({ auth: { type: "jwt" } as unknown as Auth })).toThrow('Unknown auth type "jwt": use "none", "bearer", "basic", "oauth2" or "query"');
    // Described, not written out: JSON.stringify would quote an object's fields (a secret among them) and throw on a BigInt.
    expect(() => setup({ auth: { type: { token: "auth-type-secret-1" } } as unknown as Auth })).toThrow(expect.objectContaining({ field: "auth.type", message: expect.stringMatching(/^Unknown auth type an object: use /) }));
    expect(() => setup({ auth: { type: 1n } as unknown as Auth })).toThrow(expect.objectContaining({ field: "auth.type", message: expect.stringMatching(/^Unknown auth type a bigint: use /) }));
    expect(() => setup({ auth: "bearer" as unknown as Auth })).toThrow(expect.objectContaining({ field: "auth", message: 'auth is required: an object whose type is "none", "bearer", "basic", "oauth2" or "query"' }));
    expect(() => setup({ auth: { type: "oauth2", tokens: {} } as unknown as Auth })).toThrow(/auth.tokens must be a TokenSource/);
  });

  it("refuses a Basic password that is no string, and a token source without invalidate, which a 401 would call", () => {
    expect(() => setup({ auth: { type: "basic", username: "ana", password: 12_345_678 } as unknown as Auth })).toThrow(
      expect.objectContaining({ name: "InputError", field: "auth.password", message: "auth.password must be a string" }),
    );
    const getToken = async () => "at-secret-1";
    expect(() => setup({ auth: { type: "oauth2", tokens: { getToken } } as unknown as Auth })).toThrow(
      expect.objectContaining({ name: "InputError", field: "auth.tokens", message: expect.stringMatching(/^auth.tokens must be a TokenSource/) }),
    );
  });

  // A vendor's own builders check the token before its default authorizers take it; the exported one checks it itself.
  it("bearerAuthorizer, as a vendor description names it, refuses an empty or blank token itself", () => {
    for (const token of ["", "  ", 5]) {
      expect(() => bearerAuthorizer({ token: token as string })).toThrow(expect.objectContaining({ field: "auth.token", message: "auth.token must be a non-empty string: a bearer token" }));
    }
  });

  // The variants for what a vendor's builders checked (Survey Dynamix's) skip those checks alone.
  it("checkedBasicAuthorizer and checkedBearerAuthorizer send what basicAuthorizer and bearerAuthorizer send, and refuse what no header can carry", async () => {
    const basic = { username: "ana", password: "checked-basic-pass" };
    expect(await checkedBasicAuthorizer(basic).get()).toEqual(await basicAuthorizer(basic).get());
    // A password too short to redact: the user name, an API key, is what a server may echo.
    expect(await checkedBasicAuthorizer({ username: "api-key-as-user", password: "" }).get()).toEqual(await basicAuthorizer({ username: "api-key-as-user", password: "" }).get());
    expect(await checkedBearerAuthorizer({ token: "checked-token-1" }).get()).toEqual(await bearerAuthorizer({ token: "checked-token-1" }).get());
    expect(() => checkedBasicAuthorizer({ username: "a:b", password: "checked-basic-pass" })).toThrow("auth.username must not contain ':' (HTTP Basic cannot carry it)");
    expect(() => checkedBearerAuthorizer({ token: "checked\r\ntoken" })).toThrow(expect.objectContaining({ field: "auth.accessToken", message: expect.stringMatching(/^auth\.accessToken cannot go in an HTTP header/) }));
  });
});

describe("a token source of the caller's own", () => {
  it("that hands out no token, or one no header can carry, fails the call with an InputError naming auth.tokens.getToken(), sending nothing", async () => {
    for (const token of ["own-token\r\nX-Evil: 1", "own-tökén-value", undefined]) {
      const { client, calls } = setup({ auth: { type: "oauth2", tokens: { getToken: async () => token as string, invalidate: () => {} } } });
      const error = (await caught(client.GET("/items"))) as Error;
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(/^auth\.tokens\.getToken\(\) cannot go in an HTTP header/);
      expect(error.message).not.toContain("own-t");
      expect(calls).toHaveLength(0);
    }
  });
});

describe("servers", () => {
  it("an operation with its own server goes to the URL `servers` maps it to", async () => {
    const { client, calls } = setup({ servers: { "https://auth.example.com": "http://localhost:4010/auth" } });
    await client.POST("/oauth/token", { body: { grant_type: "password" } });
    expect(calls[0]?.url.href).toBe("http://localhost:4010/auth/oauth/token");
    expect(calls[0]?.headers.has("authorization")).toBe(false);
  });

  it("a server URL is matched with or without its trailing slash", async () => {
    const { client, calls } = setup({ servers: { "https://reports.example.com/v2/": "http://localhost:4011" } });
    await client.GET("/reports");
    expect(calls[0]?.url.href).toBe("http://localhost:4011/reports");
  });

  it("an unmapped operation server is used as the spec states it", async () => {
    const { client, calls } = setup();
    await client.GET("/reports");
    expect(calls[0]?.url.href).toBe("https://reports.example.com/v2/reports");
  });

  it("operations without a server use the client baseUrl, and a per-call baseUrl wins over both", async () => {
    const { client, calls } = setup({ servers: { "https://reports.example.com/v2": "https://mapped.example" } });
    await client.GET("/items");
    await client.GET("/reports", { baseUrl: "https://per-call.example" });
    expect(calls.map((call) => call.url.href)).toEqual([`${BASE_URL}/items`, "https://per-call.example/reports"]);
  });

  it("a baseUrl with credentials in it is refused without quoting them", () => {
    try {
      setup({ baseUrl: "https://user:basic-secret-password@api.example.com" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect(String(error)).not.toContain("basic-secret-password");
    }
  });
});

// CMIX's response counts: a read sent as POST, which the spec marks x-idempotent so that a 5xx is retried like a GET's.
describe("operations marked idempotent", () => {
  const flaky: Handler = (_request, _call, index) => (index === 0 ? json({ error: "busy" }, { status: 503 }) : json({ count: 3 }));
  const marked = { ...operations, "/items": { ...operations["/items"], post: { requestBody: "json" as const, response: "json" as const, idempotent: true } } };

  it("a POST marked idempotent is sent again, body and all, after a 503, and its answer reaches the caller", async () => {
    const { client, calls } = setup({ operations: marked }, flaky);
    const { data, error } = await client.POST("/items", { body: { name: "a" } });
    expect({ data, error }).toEqual({ data: { count: 3 }, error: undefined });
    expect(calls.map((call) => [call.request.method, call.body])).toEqual([
      ["POST", '{"name":"a"}'],
      ["POST", '{"name":"a"}'],
    ]);
  });

  it("a POST not marked is sent once: a 503 may come after it was carried out", async () => {
    const { client, calls } = setup({}, flaky);
    const { error, response } = await client.POST("/items", { body: { name: "a" } });
    expect([response.status, error, calls.length]).toEqual([503, { error: "busy" }, 1]);
  });
});

describe("request bodies", () => {
  it("JSON operations send JSON", async () => {
    const { client, calls } = setup();
    await client.POST("/items", { body: { name: "a" } });
    expect(calls[0]?.headers.get("content-type")).toBe("application/json");
    expect(calls[0]?.body).toBe('{"name":"a"}');
  });

  it("form operations send a bracket-notation urlencoded body", async () => {
    const { client, calls } = setup();
    await client.POST("/forms", { body: { survey: { id: 7, tags: ["a", "b"] }, active: true, note: "x y&z" } });
    expect(calls[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(calls[0]?.body)]).toEqual([
      ["survey[id]", "7"],
      ["survey[tags][]", "a"],
      ["survey[tags][]", "b"],
      ["active", "true"],
      ["note", "x y&z"],
    ]);
  });

  it("a Content-Type the caller sets on a form call wins", async () => {
    const { client, calls } = setup();
    await client.POST("/forms", { body: { a: 1 }, headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } });
    expect(calls[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded; charset=utf-8");
  });

  it("a form or multipart call's null headers read as none, as openapi-fetch reads them, not as a TypeError", async () => {
    const { client, calls } = setup();
    // A JavaScript caller's null: the types say HeadersOptions, openapi-fetch merges null as nothing.
    await client.POST("/forms", { body: { a: 1 }, headers: null as never });
    await client.POST("/uploads", { body: { file: new Blob(["x"]) }, headers: null as never });
    expect(calls[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(calls[1]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("a caller's bodySerializer wins over the operation's encoding", async () => {
    const { client, calls } = setup();
    await client.POST("/forms", { body: { a: 1 }, bodySerializer: () => "custom=1" });
    expect(calls[0]?.body).toBe("custom=1");
    expect(calls[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
  });

  it("multipart operations send multipart/form-data with the platform's boundary and file parts", async () => {
    const { client, calls } = setup({ headers: { "Content-Type": "application/json" } });
    const file = new Blob(["a,b\n1,2\n"], { type: "text/csv" });
    await client.POST("/uploads", { body: { file, meta: { title: "Q3" } } });
    const contentType = calls[0]?.headers.get("content-type") ?? "";
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const parsed = await new Request("http://x", { method: "POST", body: calls[0]?.body, headers: { "Content-Type": contentType } }).formData();
    expect(parsed.get("meta[title]")).toBe("Q3");
    const part = parsed.get("file") as File;
    expect(part.name).toBe("blob");
    expect(await part.text()).toBe("a,b\n1,2\n");
  });

  it("a multipart body that already is FormData is sent as it is", async () => {
    const { client, calls } = setup();
    const formData = new FormData();
    formData.append("file", new Blob(["x"]), "named.csv");
    await client.POST("/uploads", { body: formData as never });
    expect(calls[0]?.body).toContain('filename="named.csv"');
  });
});

describe("pass-through", () => {
  it("client headers, call headers and middleware all reach the request", async () => {
    const { client, calls } = setup({ headers: [["X-Client", "1"]] });
    const seen: string[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push(request.url);
        request.headers.set("X-Middleware", "yes");
        return request;
      },
    };
    client.use(middleware);
    await client.GET("/items", { headers: { "X-Call": "2" } });
    client.eject(middleware);
    await client.GET("/items");
    expect(seen).toEqual([`${BASE_URL}/items`]);
    expect(calls[0]?.headers.get("x-client")).toBe("1");
    expect(calls[0]?.headers.get("x-call")).toBe("2");
    expect(calls[0]?.headers.get("x-middleware")).toBe("yes");
    expect(calls[1]?.headers.get("x-middleware")).toBeNull();
  });

  it("a fetch passed to one call is the transport underneath that call, still with auth and retries", async () => {
    const { client, calls } = setup();
    const own = fakeFetch((_, __, index) => (index === 0 ? json({}, { status: 503 }) : json([])));
    await client.GET("/items", { fetch: own.fetch });
    expect(calls).toHaveLength(0);
    expect(own.calls).toHaveLength(2);
    expect(own.calls[0]?.headers.get("authorization")).toBe("Bearer bearer-secret-token");
  });

  it("request(method, path) follows the same operation metadata", async () => {
    const { client, calls } = setup();
    await client.request("get", "/public/status");
    expect(calls[0]?.headers.has("authorization")).toBe(false);
  });

  it("the default fetch is globalThis.fetch, looked up at call time", async () => {
    const fake = fakeFetch(() => json([]));
    const client = createApiClient<paths>({ baseUrl: BASE_URL, operations, auth: { type: "none" } });
    const original = globalThis.fetch;
    globalThis.fetch = fake.fetch as typeof fetch;
    try {
      await client.GET("/items");
    } finally {
      globalThis.fetch = original;
    }
    expect(fake.calls).toHaveLength(1);
  });

  it("path and query parameters are serialized by openapi-fetch as usual", async () => {
    const { client, calls } = setup();
    await client.GET("/items", { params: { query: { page: 2, per_page: 50 } } });
    await client.DELETE("/items/{id}", { params: { path: { id: 42 } } });
    expect(calls.map((call) => call.url.href)).toEqual([`${BASE_URL}/items?page=2&per_page=50`, `${BASE_URL}/items/42`]);
  });

  it("missing required options throw an InputError", async () => {
    expect(() => createApiClient<paths>({ baseUrl: "", operations, auth: { type: "none" } })).toThrow(/baseUrl is required/);
    expect(() => createApiClient<paths>({ baseUrl: BASE_URL, operations: undefined as never, auth: { type: "none" } })).toThrow(/operations is required/);
    expect(await caught(Promise.reject(new InputError("x", "y")))).toBeInstanceOf(InputError);
  });
});

// Most APIs send JSON chunked, with no Content-Length; openapi-fetch then reads such a body with text() and parses it
// itself. The transport parsed it already to check it, so the client hands on that value instead of a second parse.
// A table of the caller's own may name an answer kind the runtime does not know: read as JSON, as openapi-fetch reads
// every answer by default. One that names a built-in of every object ("constructor") once made parseAs that built-in.
describe("an operation whose response kind the runtime does not know", () => {
  it.each(["constructor", "toString", "__proto__", "csv"])("is read as JSON (%s)", async (kind) => {
    const client = createApiClient<paths>({
      baseUrl: BASE_URL,
      operations: { "/items": { get: { response: kind } } } as never,
      auth: { type: "none" },
      fetch: fakeFetch(() => json([{ id: 1 }])).fetch,
    });
    expect((await client.GET("/items")).data).toEqual([{ id: 1 }]);
  });
});

describe("a JSON body is parsed once", () => {
  const chunked = (body: string, status = 200) => new Response(body, { status, headers: { "Content-Type": "application/json" } });
  async function parsesDuring(run: () => Promise<unknown>): Promise<number> {
    const parse = vi.spyOn(JSON, "parse");
    try {
      await run();
      return parse.mock.calls.length;
    } finally {
      parse.mockRestore();
    }
  }

  it("with no Content-Length, as with one", async () => {
    for (const headers of [{}, { "Content-Length": "26" }] as Record<string, string>[]) {
      const { client } = setup({}, () => new Response('[{"id":1,"name":"a"}]     ', { headers: { "Content-Type": "application/json", ...headers } }));
      let data: unknown;
      expect(await parsesDuring(async () => ({ data } = await client.GET("/items")))).toBe(1);
      expect(data).toEqual([{ id: 1, name: "a" }]);
    }
  });

  it("a blank or empty 2xx body is no data, as openapi-fetch has it", async () => {
    for (const body of ["", "  \n"]) {
      const { client } = setup({}, () => chunked(body));
      const { data, error, response } = await client.GET("/items");
      expect([data, error, response.status]).toEqual([undefined, undefined, 200]);
      // The response's own json() says the same, however often it is asked (it threw a SyntaxError once data was out).
      expect([await response.json(), await response.json()]).toEqual([undefined, undefined]);
    }
  });

  // Node's fetch keeps a Response through young-generation collections: a page left hanging on it went to the old
  // generation with it (the paging memory benchmark's RSS doubled). The response's own json() parses its bytes again.
  it("the value is handed out once, not kept on the response", async () => {
    const { client } = setup({}, () => chunked('[{"id":1,"name":"a"}]'));
    const { data, response } = await client.GET("/items");
    const again = await response.json();
    expect(again).toEqual(data);
    expect(again).not.toBe(data);
  });

  // An openapi-fetch middleware may read the response's json() before the client takes its data (a logger that does
  // not clone): the data is the same, and so is a json() after it, for a body with a value and for a blank one.
  it("a middleware that reads json() first leaves the same data and json() to the caller", async () => {
    for (const [body, value] of [['[{"id":1,"name":"a"}]', [{ id: 1, name: "a" }]], [" ", undefined]] as const) {
      const { client } = setup({}, () => chunked(body));
      const seen: unknown[] = [];
      client.use({ onResponse: async ({ response }) => void seen.push(await response.json()) });
      const { data, response } = await client.GET("/items");
      expect([seen[0], data, await response.json()]).toEqual([value, value, value]);
    }
  });

  it("an error body is still openapi-fetch's error, parsed once", async () => {
    const { client } = setup({ maxRetries: 0 }, () => chunked('{"message":"no"}', 404));
    let error: unknown;
    expect(await parsesDuring(async () => ({ error } = await client.GET("/items")))).toBe(1);
    expect(error).toEqual({ message: "no" });
  });

  it("a response a middleware put in place is parsed as openapi-fetch would", async () => {
    const { client } = setup();
    for (const [body, data] of [['[{"id":2,"name":"b"}]', [{ id: 2, name: "b" }]], ["", undefined]] as const) {
      const replace = { onResponse: () => chunked(body) };
      client.use(replace);
      expect((await client.GET("/items")).data).toEqual(data);
      client.eject(replace);
    }
  });

  it("a caller who asks for a stream, text or a blob gets it", async () => {
    const { client } = setup({}, () => chunked('[{"id":3,"name":"c"}]'));
    expect(await client.GET("/items", { parseAs: "text" }).then((result) => result.data)).toBe('[{"id":3,"name":"c"}]');
    expect(await new Response((await client.GET("/items", { parseAs: "stream" })).data).json()).toEqual([{ id: 3, name: "c" }]);
    expect(await (await client.GET("/items", { parseAs: "blob" })).data?.text()).toBe('[{"id":3,"name":"c"}]');
  });
});
