import { useFaultServer } from "@apis/faults";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  createApiClient,
  createOAuth2TokenSource,
  createTokenSource,
  createTransport,
  InputError,
  UNSENDABLE,
  type ClientOptions,
} from "../src/index.js";
import { operations, type paths } from "./fixtures.js";
import { expectNoSecrets, inputError, settle } from "./helpers.js";

const server = useFaultServer({ hangMs: 3000 });
beforeEach(() => {
  server().script("DELETE /items/1", [{ status: 204 }]);
  server().script("GET /items", [{ status: 200, body: [] }]);
});
afterEach(() => vi.unstubAllGlobals());

function client(options: Partial<ClientOptions> = {}) {
  return createApiClient<paths>({ baseUrl: `${server().url}/v1`, operations, auth: { type: "bearer", token: "bearer-secret-token" }, ...options });
}

describe("path parameters cannot move a request to another path", () => {
  it.each([["..", '".."'], [".", '"."'], ["", "empty"]])("DELETE /items/{id} with %j is refused naming the parameter, and nothing is sent", async (id, shown) => {
    const outcome = await settle(client().DELETE("/items/{id}", { params: { path: { id: id as unknown as number } } }));
    expect(outcome.error).toBeInstanceOf(InputError);
    expect((outcome.error as InputError).field).toBe("params.path.id");
    expect((outcome.error as Error).message).toContain(`params.path.id must not be ${shown}`);
    expect(server().requests).toEqual([]);
  });

  it.each([
    ["undefined", { params: { path: { id: undefined } } }],
    ["null", { params: { path: { id: null } } }],
    ["left out of params.path", { params: { path: {} } }],
    ["given no params at all", {}],
  ])("DELETE /items/{id} with the id %s is refused as missing, and nothing is sent to a path with {id} in it", async (_, init) => {
    const outcome = await settle(client().DELETE("/items/{id}", init as never));
    expect(outcome.error).toBeInstanceOf(InputError);
    expect((outcome.error as InputError).field).toBe("params.path.id");
    expect((outcome.error as Error).message).toContain("params.path.id must not be missing");
    expect(server().requests).toEqual([]);
  });

  it("braces in a query written into the path are no path parameter: the request is sent", async () => {
    server().script("GET /v1/items?where=%7B%22status%22:%22open%22%7D", [{ status: 200, body: [] }]);
    const outcome = await settle(client().GET('/items?where={"status":"open"}' as "/items"));
    expect(outcome.error).toBeUndefined();
    expect(server().requests.map((request) => request.pathname)).toEqual(["/v1/items"]);
  });

  // Number("abc") of an id from a form or a route: /items/NaN would be a 404 that names no parameter. A fraction (an id
  // computed by a division) is worse: Rails reads /items/1.5 as item 1 in format "5", and deletes item 1. Past 2^53 a
  // number goes out as a neighbouring one (2^53 + 1 as ...992), or as 1e+21: another resource, or none.
  it.each([NaN, Infinity, -Infinity, 1.5, -0.5, 2 ** 53 + 2, 1e21])("DELETE /items/{id} with the id %s is refused as no integer, and nothing is sent", async (id) => {
    const outcome = await settle(client().DELETE("/items/{id}", { params: { path: { id } } }));
    expect(outcome.error).toBeInstanceOf(InputError);
    expect(outcome.error).toMatchObject({ field: "params.path.id", message: `params.path.id must be an integer, got ${id}` });
    expect(server().requests).toEqual([]);
  });

  it.each([0, 7, -3, 2 ** 53 - 1])("DELETE /items/{id} with the integer id %s is sent", async (id) => {
    server().script(`DELETE /v1/items/${id}`, [{ status: 204 }]);
    const outcome = await settle(client().DELETE("/items/{id}", { params: { path: { id } } }));
    expect(outcome.error).toBeUndefined();
    expect(server().requests.map((request) => request.pathname)).toEqual([`/v1/items/${id}`]);
  });

  // openapi-fetch joins a list or an object's entries with commas: the whole end user sent as its id went out as
  // /end_users/id,2,email,a%40example.com (found by a review), and no vendor's spec takes a list or an object there.
  it.each<[string, unknown, string]>([
    ["a list", [1, 2], "an array"],
    ["a list with NaN", [1, NaN], "an array"],
    ["a list of one '..'", [".."], "an array"],
    ["a whole resource instead of its id", { id: 2, email: "a@example.com" }, "an object"],
    ["a Date", new Date(0), "a Date"],
    // Checked before it is made text: one without a prototype has none (a TypeError naming nothing), and an object's own
    // toString would run first (found by a review).
    ["an object without a prototype", Object.create(null), "an object"],
    ["an object whose toString throws", { toString: () => { throw new Error("no"); } }, "an object"],
    // openapi-fetch would send a function's source as the id, and choke on a symbol.
    ["a function", () => 1, "a function"],
    ["a symbol", Symbol("id"), "a symbol"],
  ])("%s as a path parameter is refused as no string or number, and nothing is sent", async (_, id, got) => {
    const outcome = await settle(client().DELETE("/items/{id}", { params: { path: { id: id as number } } }));
    expect(outcome.error).toBeInstanceOf(InputError);
    expect(outcome.error).toMatchObject({ field: "params.path.id", message: `params.path.id must be a string or number, got ${got}` });
    expect(server().requests).toEqual([]);
  });

  // Text with dots is the caller's to give (an e-mail address as an id): only a number with a fraction is refused.
  it("an ordinary id, and text with dots inside it, are sent, encoded", async () => {
    server().script("DELETE /v1/items/a..b", [{ status: 204 }]);
    await client().DELETE("/items/{id}", { params: { path: { id: 1 } } });
    server().script("DELETE /v1/items/-1.5", [{ status: 204 }]);
    await client().DELETE("/items/{id}", { params: { path: { id: "a..b" as unknown as number } } });
    await client().DELETE("/items/{id}", { params: { path: { id: "-1.5" as unknown as number } } });
    expect(server().requests.map((request) => request.url)).toEqual(["/v1/items/1", "/v1/items/a..b", "/v1/items/-1.5"]);
  });
});

describe("query parameter names are encoded", () => {
  it('{ "a&b=c": 1 } sends one parameter named a&b=c, not a parameter b', async () => {
    const query = { "a&b=c": 1, page: 2 } as unknown as { page: number };
    await client().GET("/items", { params: { query } });
    const [request] = server().requests;
    expect(request?.url).toBe("/v1/items?a%26b%3Dc=1&page=2");
    const params = new URLSearchParams(request?.url.split("?")[1]);
    expect([...params.keys()]).toEqual(["a&b=c", "page"]);
  });

  it("keys of a deepObject parameter are encoded too, and brackets stay as they were", async () => {
    const query = { filter: { "x#y": "1" }, "sort[by]": "name" } as unknown as { page: number };
    await client().GET("/items", { params: { query } });
    expect(server().requests[0]?.url).toBe("/v1/items?filter[x%23y]=1&sort[by]=name");
  });
});

describe("query values the serializer would drop or choke on are refused before sending", () => {
  // openapi-fetch writes a Date at the top level as nothing at all (it has no keys), so the filter was silently left
  // out and the list came back unfiltered; inside a deepObject one it threw a plain Error.
  it.each([
    ["a Date", { created: new Date(0) }, "params.query.created", "a Date"],
    ["a Date in a deepObject parameter", { created: { gt: new Date(0) } }, "params.query.created.gt", "a Date"],
    ["an object two levels deep", { filter: { a: { b: 1 } } }, "params.query.filter.a", "an object"],
    ["a list of objects", { ids: [{ id: 1 }] }, "params.query.ids", "an array"],
    ["a Map", { filter: new Map([["a", 1]]) }, "params.query.filter", "a Map"],
    ["a symbol", { q: Symbol("q") }, "params.query.q", "a symbol"],
    ["a function", { q: () => "q" }, "params.query.q", "a function"],
    ["a list with a symbol", { ids: [1, Symbol("q")] }, "params.query.ids", "an array"],
    // Number("abc") of a page from a form or a route: openapi-fetch would send ?page=NaN.
    ["NaN", { page: NaN }, "params.query.page", "NaN"],
    ["Infinity", { limit: Infinity }, "params.query.limit", "Infinity"],
    ["-Infinity in a deepObject parameter", { created: { gt: -Infinity } }, "params.query.created.gt", "-Infinity"],
    ["a list with NaN", { ids: [1, NaN] }, "params.query.ids", "an array"],
  ])("%s: an InputError naming it, and nothing sent", async (_, query, field, got) => {
    const outcome = await settle(client().GET("/items", { params: { query: query as never } }));
    const error = outcome.error as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`got ${got}`);
    expect(server().requests).toEqual([]);
  });

  it("strings, numbers, booleans, lists of them and one level of deepObject keys are sent", async () => {
    const query = { q: "a", n: 1, on: true, ids: [1, 2], created: { gt: 5 }, none: null, gone: undefined } as unknown as { page: number };
    await client().GET("/items", { params: { query } });
    expect(server().requests[0]?.url).toBe("/v1/items?q=a&n=1&on=true&ids=1&ids=2&created[gt]=5");
  });
});

describe("options are checked up front, naming the option and the accepted range", () => {
  const bad = <T>(value: unknown) => value as T;
  it.each([
    ["timeoutMs", { timeoutMs: 2 ** 31 }, /timeoutMs must be an integer from 1 to 2147483647, got 2147483648/],
    ["timeoutMs", { timeoutMs: 0.5 }, /timeoutMs must be an integer from 1 to 2147483647, got 0\.5/],
    ["timeoutMs", { timeoutMs: bad("1000") }, /timeoutMs must be an integer .* got a string/],
    ["maxRetries", { maxRetries: 1e9 }, /maxRetries must be an integer from 0 to 10, got 1000000000/],
    ["maxRetries", { maxRetries: 11 }, /maxRetries must be an integer from 0 to 10, got 11/],
    ["fetch", { fetch: bad("fetch") }, /fetch must be a function .* got a string/],
    ["headers", { headers: bad(123) }, /headers must be a Headers, a \{ name: value \} record or an array of \[name, value\] pairs, got a number/],
    ["headers", { headers: bad([["X-Only-Name"]]) }, /\[name, value\] pairs of strings; one entry is an array/],
    ["headers", { headers: { "X-Api-Key": "bearer-secret-token\r\nX-Evil: 1" } }, /header X-Api-Key cannot be sent \(a line break/],
    ["retryDelay", { retryDelay: bad("fast") }, /retryDelay must be \{ baseMs\?, maxMs\? \} in ms from 0 to 2147483647, got a string/],
    ["retryDelay", { retryDelay: bad(new Date(0)) }, /retryDelay must be \{ baseMs\?, maxMs\? \} in ms from 0 to 2147483647, got a Date/],
    ["retryDelay.maxMs", { retryDelay: { maxMs: 2 ** 31 } }, /retryDelay\.maxMs must be a number from 0 to 2147483647/],
    ["initialMs", { retryDelay: bad({ initialMs: 100 }) }, /^initialMs is not an option of retryDelay, which takes baseMs, maxMs$/],
    ["maxWait", { rateLimit: bad({ headers: { remaining: "R", reset: "S" }, maxWait: 5000 }) }, /^maxWait is not an option of rateLimit: did you mean maxWaitMs\?$/],
    ["rateLimit", { rateLimit: bad("yes") }, /rateLimit must be \{ headers: .* got a string/],
    ["rateLimit.maxWaitMs", { rateLimit: { headers: { remaining: "R", reset: "S" }, maxWaitMs: 2 ** 31 } }, /rateLimit\.maxWaitMs must be a number from 0 to 2147483647/],
    ["baseUrl", { baseUrl: "//evil.example.com" }, /baseUrl must be an absolute URL such as https:\/\/api\.example\.com, without a trailing space \(relative only in a browser, never \/\/host\)/],
    ["baseUrl", { baseUrl: "/\\evil.example.com" }, /baseUrl must be an absolute URL such as https:\/\/api\.example\.com, without a trailing space \(relative only in a browser, never \/\/host\)/],
    ["baseUrl", { baseUrl: "/v1" }, /baseUrl must be an absolute URL such as https:\/\/api\.example\.com, without a trailing space \(relative only in a browser, never \/\/host\)/],
    ["baseUrl", { baseUrl: "https://exa mple.com" }, /baseUrl must be an absolute URL such as https:\/\/api\.example\.com/],
    ["auth.token", { auth: { type: "bearer", token: "bearer-secret-token\r\nX-Evil: 1" } }, /auth\.token cannot go in an HTTP header/],
  ] as const)("createApiClient refuses %s: %j", (field, options, message) => {
    const error = inputError(() => client(options as Partial<ClientOptions>), field);
    expect(error.message).toMatch(message);
    expect(server().requests).toEqual([]);
  });

  it("the token source and the transport check the same ranges", () => {
    inputError(() => createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: { type: "refresh_token", refreshToken: "rt-secret-1" }, timeoutMs: 2 ** 31 }), "timeoutMs");
    inputError(() => createTransport({ maxRetries: 1e9 }), "maxRetries");
  });

  it("a relative baseUrl is accepted where the platform has a base URL (a browser page); a protocol-relative one still is not", () => {
    vi.stubGlobal("location", { href: "https://app.example.com/page" });
    expect(() => client({ baseUrl: "/api" })).not.toThrow();
    expect(inputError(() => client({ baseUrl: "//evil.example.com" }), "baseUrl").message).toMatch(/never \/\/host/);
  });
});

describe("a fetch that does not answer a Response", () => {
  const bad = <T>(value: unknown) => value as T;
  it.each([
    ["undefined", () => undefined],
    ["a plain object", async () => ({ status: 200 })],
  ])("resolving %s is an InputError naming fetch, made once and not retried as a network error", async (_, answer) => {
    let calls = 0;
    const fetch = bad<ClientOptions["fetch"]>(() => (calls++, answer()));
    const outcome = await settle(client({ fetch, maxRetries: 2 }).GET("/items"));
    expect(outcome.error).toBeInstanceOf(InputError);
    expect((outcome.error as InputError).field).toBe("fetch");
    expect((outcome.error as Error).message).toMatch(/fetch must resolve a Response/);
    expect(calls).toBe(1);
  });
});

describe("a fetch that answers a Response-like whose body is not a stream", () => {
  // Another fetch implementation, or a test double: the transport takes anything with a status and headers. Its body may
  // be missing or not an object, and a stream the caller is handed then has nothing to keep alive or cancel.
  const like = (body: unknown) => ({ status: 200, ok: true, headers: new Headers(), body }) as unknown as Response;
  it.each([["missing", undefined], ["a string", "text"]])("%s is handed on as it came, by the transport and as parseAs: \"stream\" data", async (_, body) => {
    const answer = like(body);
    expect(await createTransport({ fetch: async () => answer })(new Request("https://api.example.com/x"))).toBe(answer);
    const { data, response } = await client({ fetch: async () => answer }).GET("/items", { parseAs: "stream" });
    expect(response).toBe(answer);
    expect(data).toBe(body);
  });
});

describe("an access token the server returns that cannot be sent in a header", () => {
  it("is an AuthenticationError that does not quote it, and no API request is made", async () => {
    server().script("POST /oauth/token", [{ status: 200, body: { access_token: "at-secret-1\r\nX-Evil: at-secret-2", token_type: "bearer" } }]);
    const tokens = createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" } });
    const outcome = await settle(client({ auth: { type: "oauth2", tokens } }).GET("/items"));
    expect(outcome.error).toBeInstanceOf(AuthenticationError);
    expect((outcome.error as Error).message).toMatch(/cannot go in an HTTP header/);
    expectNoSecrets(outcome.error, ["X-Evil"]);
    expect(server().count("GET /v1/items")).toBe(0);
  });

  // The "Bearer " prefix is named as a likely cause, not as advice: a token the server issued is not the caller's to edit.
  it("names a Bearer prefix as the likely cause, whoever wrote the token", async () => {
    server().script("POST /oauth/token", [{ status: 200, body: { access_token: "Bearer at-secret-1", token_type: "bearer" } }]);
    const tokens = createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" } });
    const outcome = await settle(client({ auth: { type: "oauth2", tokens } }).GET("/items"));
    expect((outcome.error as Error).message).toBe(
      `The access token obtained from ${server().url}/oauth/token cannot go in an HTTP header: over 16 KiB, or a space (a "Bearer " prefix?), control or non-ASCII character.`,
    );
    expect(() => createTokenSource({ fetchToken: async () => ({ accessToken: "x" }), initial: { accessToken: "Bearer at-given-1" } })).toThrow(
      `initial.accessToken ${UNSENDABLE}`,
    );
  });
});

describe("a token the server returns that is longer than any server takes in a header", () => {
  it("is refused as an AuthenticationError before it is remembered or sent, naming the bound; 16 KiB is still taken", async () => {
    const long = `at-secret-1${"x".repeat(1 << 20)}`;
    server().script("POST /oauth/token", [{ status: 200, body: { access_token: long, token_type: "bearer" } }, { status: 200, body: { access_token: "t".repeat(16_384), token_type: "bearer" } }]);
    const tokens = createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" } });
    const api = client({ auth: { type: "oauth2", tokens } });
    const outcome = await settle(api.GET("/items"));
    expect(outcome.error).toBeInstanceOf(AuthenticationError);
    expect((outcome.error as Error).message).toMatch(/returned a credential over 16384 characters/);
    expectNoSecrets(outcome.error);
    expect(server().count("GET /v1/items")).toBe(0);
    expect(await tokens.getToken()).toHaveLength(16_384);
  });
});

// A JSON string is no object: its characters are no fields to look through for credentials. Read as fields, a 16 MiB
// one made 16 million of them (gigabytes, then a RangeError instead of the AuthenticationError). Redacted whole as the
// error's body, it then held the event loop for 3.5 s (over 30 s on a loaded machine), and the error held 16 MiB.
describe("a token endpoint that answers a long JSON string", () => {
  it("is an AuthenticationError for the missing access_token, which does not carry the answer", async () => {
    server().script("POST /oauth/token", [{ status: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify("x".repeat(1 << 24)) }]);
    const tokens = createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" } });
    const outcome = await settle(tokens.getToken());
    expect(outcome.error).toBeInstanceOf(AuthenticationError);
    expect((outcome.error as Error).message).toMatch(/returned 200 without an access_token/);
    expect((outcome.error as AuthenticationError).body).toBeUndefined();
  });

  // Its strings were redacted one by one. A snippet of its text instead, cut at 64 KiB before it was redacted, let a
  // credential that cut split in two show its start once redaction by name had shrunk what came before it.
  it("shows no 2xx answer over 1 MiB, and redacts a smaller one whole before cutting it short", async () => {
    const fill = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`password${i}`, "p".repeat(9000)]));
    const rotated = `RT-${"s3cr3t".repeat(30)}`;
    const answer = (pad: number, notes = "") => ({ ...fill, password_pad: "p".repeat(pad), refresh_token: rotated, access_token: 1, notes });
    server().script("POST /oauth/token", [{ status: 200, body: answer(0, "n".repeat(1 << 20)) }]);
    const big = createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" }, maxRetries: 0 });
    const outcome = await settle(big.getToken());
    expect(outcome.error).toBeInstanceOf(AuthenticationError);
    expect((outcome.error as AuthenticationError).body).toBeUndefined();
    // Under 1 MiB, as text that is no JSON (no closing brace), its refresh token starting 100 characters before 65 536.
    const text = JSON.stringify(answer(65_536 - 100 - JSON.stringify(answer(0)).indexOf(rotated))).slice(0, -1);
    expect(text.indexOf(rotated)).toBe(65_436);
    server().script("POST /oauth/token", [{ status: 200, headers: { "Content-Type": "application/json" }, body: text }]);
    const small = createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: { type: "refresh_token", refreshToken: rotated }, maxRetries: 0 });
    const shown = await settle(small.getToken());
    expect(shown.error).toBeInstanceOf(AuthenticationError);
    expect((shown.error as AuthenticationError).body).toMatch(/^\{"password0":"\[redacted\]"/);
    expect((shown.error as AuthenticationError).body).not.toContain(rotated.slice(0, 20));
    expectNoSecrets(shown.error, [rotated]);
  });
});

describe("a fetch that fails with an error carrying what it was sent", () => {
  // What fetch wrappers throw (ky's HTTPError, an axios-style adapter, instrumentation): the request, headers and all.
  const carrying = (request: Request) =>
    Object.assign(new TypeError("request failed"), {
      request,
      config: { headers: { Authorization: "Bearer bearer-secret-token" } },
      code: "E_bearer-secret-token",
      attempt: 1,
    });

  it("leaves no credential in any rendering of the error: its cause is a copy of its name, message and code, redacted", async () => {
    const outcome = await settle(client({ maxRetries: 0, fetch: async (request) => Promise.reject(carrying(request as Request)) }).GET("/items"));
    expectNoSecrets(outcome.error);
    const cause = (outcome.error as Error).cause as Record<string, unknown>;
    expect(cause).toBeInstanceOf(Error);
    expect([cause.name, cause.message, cause.code]).toEqual(["TypeError", "request failed", "E_[redacted]"]);
    expect([cause.request, cause.config, cause.attempt]).toEqual([undefined, undefined, undefined]);
  });

  it("rejecting with no Error (a string, an object) leaves no credential either", async () => {
    for (const thrown of ["Bearer bearer-secret-token refused", { sent: { authorization: "Bearer bearer-secret-token" } }]) {
      const outcome = await settle(client({ maxRetries: 0, fetch: async () => Promise.reject(thrown) }).GET("/items"));
      expectNoSecrets(outcome.error);
    }
  });

  it("a cause chain deeper than the redaction follows is cut there, not kept as it was", async () => {
    let deep: Error = new Error("Bearer bearer-secret-token");
    for (let level = 0; level < 8; level++) deep = new Error(`level ${level}`, { cause: deep });
    const outcome = await settle(client({ maxRetries: 0, fetch: async () => Promise.reject(deep) }).GET("/items"));
    expectNoSecrets(outcome.error);
  });

  it("an error that carries nothing of the kind is copied with what it says of itself: name, message, code and causes", async () => {
    const thrown = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED", errno: -111, address: "10.0.0.1" }) });
    const outcome = await settle(client({ maxRetries: 0, fetch: async () => Promise.reject(thrown) }).GET("/items"));
    const cause = (outcome.error as Error).cause as Error & { cause: Error & { code?: string } };
    expect([cause.name, cause.message, cause.cause.name, cause.cause.message, cause.cause.code]).toEqual(["TypeError", "fetch failed", "Error", "connect ECONNREFUSED 10.0.0.1:443", "ECONNREFUSED"]);
    expect(Object.keys(cause)).toEqual([]);
  });
});
