import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, createClient, InputError, type WootricAuth } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { TOKEN } from "./fixtures.js";

const BASE = "https://cxi.test";
const TOKEN_HOST = "https://auth.test";

describe("createClient", () => {
  it("gets a password-grant token from the token host, with the account token in the query and credentials in the body", async () => {
    const observed = observedFetch((request) => (request.url.includes("/oauth/token") ? json(TOKEN) : json([])));
    const cxi = createClient({
      baseUrl: BASE,
      tokenUrl: `${TOKEN_HOST}/oauth/token`,
      fetch: observed.fetch,
      auth: { type: "password", username: "jane@example.com", password: "s3cret pass", accountToken: "NPS-1234" },
    });
    await cxi.GET("/v1/projects");
    const [token, call] = observed.requests;
    expect(token?.url).toBe(`${TOKEN_HOST}/oauth/token?account_token=NPS-1234`);
    expect(token?.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(observed.bodies[0]))).toEqual({
      grant_type: "password",
      username: "jane@example.com",
      password: "s3cret pass",
    });
    expect(call?.url).toBe(`${BASE}/v1/projects`);
    expect(call?.headers.get("authorization")).toBe("Bearer access-123");
  });

  it("uses the vendor's hosts by default", async () => {
    const observed = observedFetch((request) => (request.url.includes("/oauth/token") ? json(TOKEN) : json([])));
    const cxi = createClient({ fetch: observed.fetch, auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
    await cxi.GET("/v1/tags");
    expect(observed.requests.map((request) => request.url)).toEqual([
      "https://api.wootric.com/oauth/token",
      "https://cxi-api.wootric.com/v1/tags",
    ]);
    expect(observed.bodies[0]).toBe("grant_type=client_credentials&client_id=id&client_secret=secret");
  });

  it("reads tokenUrl as the full token endpoint URL, and sends the raw POST /oauth/token to its server", async () => {
    const observed = observedFetch(() => json(TOKEN));
    const cxi = createClient({ baseUrl: BASE, tokenUrl: "https://auth.test/wootric/oauth/token", fetch: observed.fetch, auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
    await cxi.GET("/v1/tags");
    await cxi.POST("/oauth/token", { body: { grant_type: "client_credentials", client_id: "id", client_secret: "secret" } });
    expect(observed.requests.map((request) => request.url)).toEqual([
      "https://auth.test/wootric/oauth/token",
      `${BASE}/v1/tags`,
      "https://auth.test/wootric/oauth/token",
    ]);
  });

  it.each(["https://auth.test", "https://auth.test/"])("still reads a tokenUrl with no path (%s, the old host form) as a host, with one deprecation line", async (tokenUrl) => {
    const lines: string[] = [];
    const observed = observedFetch((request) => (request.url.includes("/oauth/token") ? json(TOKEN) : json([])));
    const logger = { debug: (message: string) => lines.push(message) };
    const cxi = createClient({ baseUrl: BASE, tokenUrl, fetch: observed.fetch, logger, auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
    await cxi.GET("/v1/tags");
    expect(observed.requests[0]?.url).toBe("https://auth.test/oauth/token");
    const deprecations = lines.filter((line) => line.includes("deprecated"));
    expect(deprecations).toEqual([expect.stringContaining(`tokenUrl ${tokenUrl} is a host, read as https://auth.test/oauth/token`)]);
    expect(deprecations[0]).toContain("deprecated: pass the full URL");
  });

  // The line goes to the caller's logger as it is, past the runtime's redaction of its own lines.
  it.each(["https://auth.test/?api_key=tokenurl-key-0042", "https://auth.test/#access_token=tokenurl-key-0042"])(
    "quotes a host-form tokenUrl (%s) in its deprecation line with its credential redacted",
    (tokenUrl) => {
      const lines: string[] = [];
      const logger = { debug: (message: string) => lines.push(message), warn: (message: string) => lines.push(message) };
      createClient({ baseUrl: BASE, tokenUrl, logger, auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
      expect(lines).toEqual([expect.stringMatching(/^tokenUrl https:\/\/auth\.test\/.*\[redacted\] is a host, read as https:\/\/auth\.test\/oauth\/token.*\[redacted\]/)]);
      expect(lines.join("\n")).not.toContain("tokenurl-key-0042");
    },
  );

  it.each(["https://auth.test?tenant=7", "https://auth.test/?tenant=7"])("reads a host-form tokenUrl with a query (%s) as the host's /oauth/token with that query", async (tokenUrl) => {
    const observed = observedFetch((request) => (request.url.includes("/oauth/token") ? json(TOKEN) : json([])));
    const cxi = createClient({ baseUrl: BASE, tokenUrl, fetch: observed.fetch, logger: { debug: () => {} }, auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
    await cxi.GET("/v1/tags");
    expect(observed.requests[0]?.url).toBe("https://auth.test/oauth/token?tenant=7");
  });

  it("logs no deprecation for a tokenUrl that is an endpoint", () => {
    const lines: string[] = [];
    createClient({ tokenUrl: "https://auth.test/oauth/token", logger: { debug: (message: string) => lines.push(message) }, auth: { type: "token", accessToken: "t" } });
    expect(lines).toEqual([]);
  });

  it("sends a token it was given as it is, without asking the token endpoint", async () => {
    const observed = observedFetch(() => json({ onboarded: true, mode: "full" }));
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "mine" } });
    const { data } = await cxi.GET("/v1/onboarding");
    expect(data?.onboarded).toBe(true);
    expect(observed.requests).toHaveLength(1);
    expect(observed.requests[0]?.headers.get("authorization")).toBe("Bearer mine");
  });

  it("refreshes a given token with its refresh token after a 401, then resends the call once", async () => {
    const observed = observedFetch((request) => {
      if (request.url.includes("/oauth/token")) return json({ ...TOKEN, access_token: "fresh" });
      return request.headers.get("authorization") === "Bearer fresh" ? json([]) : json({ message: "Unauthorized" }, 401);
    });
    const cxi = createClient({ baseUrl: BASE, tokenUrl: `${TOKEN_HOST}/oauth/token`, fetch: observed.fetch, auth: { type: "token", accessToken: "stale", refreshToken: "r1" } });
    const { response } = await cxi.GET("/v1/imports");
    expect(response.status).toBe(200);
    expect(observed.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      "GET /v1/imports",
      "POST /oauth/token",
      "GET /v1/imports",
    ]);
    expect(observed.bodies[1]).toBe("grant_type=refresh_token&refresh_token=r1");
  });

  it("hands each refresh token Wootric issues to onRefreshToken, so that a process started later can use it", async () => {
    // Wootric issues a new refresh token with each refresh: the one the caller stored may be spent, and the new one
    // lived only in the client, lost when the process ended.
    let issued = 1;
    const observed = observedFetch((request) => {
      if (request.url.includes("/oauth/token")) return (issued++, json({ ...TOKEN, access_token: `at-${issued}`, refresh_token: `r${issued}` }));
      return json({ message: "Unauthorized" }, request.headers.get("authorization") === `Bearer at-${issued}` ? 200 : 401);
    });
    const stored: string[] = [];
    const auth: WootricAuth = { type: "token", accessToken: "stale", refreshToken: "r1", onRefreshToken: (token) => stored.push(token) };
    const cxi = createClient({ baseUrl: BASE, tokenUrl: `${TOKEN_HOST}/oauth/token`, fetch: observed.fetch, auth });
    await cxi.GET("/v1/imports");
    issued++;
    await cxi.GET("/v1/imports");
    expect(stored).toEqual(["r2", "r4"]);
    expect(observed.bodies.filter((body) => body.startsWith("grant_type"))).toEqual(["grant_type=refresh_token&refresh_token=r1", "grant_type=refresh_token&refresh_token=r2"]);
  });

  it("writes nested bodies as Rails bracket notation", async () => {
    const observed = observedFetch(() => json({ id: 78, name: "MY-TAG" }, 201));
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    await cxi.POST("/v1/tags", { body: { tag: { name: "my-tag", mode: "text_match", text_match_terms: ["a b", "c"] } } });
    expect(observed.requests[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(decodeURIComponent(observed.bodies[0]!).replace(/\+/g, " ")).toBe(
      "tag[name]=my-tag&tag[mode]=text_match&tag[text_match_terms][]=a b&tag[text_match_terms][]=c",
    );
  });

  it("sends urlencoded, the first media type, on every write that also accepts multipart", async () => {
    const observed = observedFetch(() => json({ id: 8, name: "x" }));
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    await cxi.PUT("/v1/onboarding", { body: { product_category_id: 9 } });
    await cxi.POST("/v1/projects", { body: { project: { name: "x" } } });
    await cxi.PUT("/v1/projects/{id}", { params: { path: { id: 8 } }, body: { project: { name: "y" } } });
    await cxi.POST("/v1/tags", { body: { tag: { name: "t" } } });
    await cxi.PUT("/v1/tags/{id}", { params: { path: { id: 78 } }, body: { tag: { name: "u" } } });
    await cxi.PUT("/v1/imports/{id}", { params: { path: { id: 11 } }, body: { import: { name: "n" } } });
    expect(observed.requests.map((request) => request.headers.get("content-type"))).toEqual(Array(6).fill("application/x-www-form-urlencoded"));
  });

  // The spec's Rails array form by default; the vendor's one import example writes indexed names, which the README's
  // recipe sends with a bodySerializer of the call's own (that the endpoint takes both is inferred).
  it("sends an import's tags and projects as Rails arrays, or indexed through the call's own bodySerializer", async () => {
    const observed = observedFetch(() => json({ id: 11 }));
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    const body = { import: { name: "Q3", metric_type: "CES", language: undefined, tag_names: ["TEST", "VIP"], project_ids: [5] } };
    await cxi.PUT("/v1/imports/{id}", { params: { path: { id: 11 } }, body });
    // The README's recipe, as written there.
    await cxi.PUT("/v1/imports/{id}", {
      params: { path: { id: 11 } },
      body,
      bodySerializer: ({ import: { tag_names = [], project_ids = [], ...fields } }) =>
        new URLSearchParams([
          ...Object.entries(fields).flatMap(([name, value]): [string, string][] => (value == null ? [] : [[`import[${name}]`, String(value)]])),
          ...tag_names.map((name, i): [string, string] => [`import[tag_names][${i}]`, name]),
          ...project_ids.map((id, i): [string, string] => [`import[project_ids][${i}]`, String(id)]),
        ]),
    });
    expect(observed.bodies.map((sent) => decodeURIComponent(sent!))).toEqual([
      "import[name]=Q3&import[metric_type]=CES&import[tag_names][]=TEST&import[tag_names][]=VIP&import[project_ids][]=5",
      "import[name]=Q3&import[metric_type]=CES&import[tag_names][0]=TEST&import[tag_names][1]=VIP&import[project_ids][0]=5",
    ]);
    expect(observed.requests.map((request) => request.headers.get("content-type"))).toEqual(Array(2).fill("application/x-www-form-urlencoded"));
  });

  it("sends a POST that meets a 500 once", async () => {
    const observed = observedFetch(() => json({ message: "boom" }, 500));
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    const { error, response } = await cxi.POST("/v1/projects", { body: { project: { name: "x" } } });
    expect(response.status).toBe(500);
    expect(error).toEqual({ message: "boom" });
    expect(observed.requests).toHaveLength(1);
  });

  it("retries a GET that meets 503, 503, then succeeds", async () => {
    const observed = observedFetch((_request, index) => (index < 2 ? json({ message: "unavailable" }, 503) : json([{ id: 7, name: "Enterprise" }])));
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    const { data } = await cxi.GET("/v1/projects");
    expect(data).toEqual([{ id: 7, name: "Enterprise" }]);
    expect(observed.requests).toHaveLength(3);
  });

  it("makes twenty concurrent first calls share one token request", async () => {
    const observed = observedFetch(async (request) => {
      if (!request.url.includes("/oauth/token")) return json([]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return json(TOKEN);
    });
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
    const results = await Promise.all(Array.from({ length: 20 }, () => cxi.GET("/v1/tags")));
    expect(results.every(({ response }) => response.ok)).toBe(true);
    const tokenRequests = observed.requests.filter((request) => request.url.includes("/oauth/token"));
    expect(tokenRequests).toHaveLength(1);
    expect(observed.requests).toHaveLength(21);
  });

  it("surfaces the vendor's 424 onboarding error as a typed error result", async () => {
    const observed = observedFetch(() => json({ message: "Please complete the onboarding flow first." }, 424));
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    const { data, error } = await cxi.GET("/v1/imports");
    expect(data).toBeUndefined();
    expect(error).toEqual({ message: "Please complete the onboarding flow first." });
  });

  it("throws an AuthenticationError that names the problem but no credential when the token request is refused", async () => {
    const observed = observedFetch(() => json({ error: "invalid_grant", error_description: "The provided authorization grant is invalid" }, 400));
    const cxi = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "password", username: "jane@example.com", password: "hunter2-secret" } });
    const error = await cxi.GET("/v1/tags").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(400);
    expect((error as AuthenticationError).body).toEqual({ error: "invalid_grant", error_description: "The provided authorization grant is invalid" });
    for (const rendering of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(rendering).not.toContain("hunter2-secret");
    }
    expect(observed.requests).toHaveLength(1);
  });

  it.each<[string, unknown, string]>([
    ["an unknown auth type", { type: "apiKey", key: "k" }, "auth.type"],
    ["a password grant without a password", { type: "password", username: "jane@example.com" }, "auth.password"],
    ["client credentials without a secret", { type: "clientCredentials", clientId: "id", clientSecret: "" }, "auth.clientSecret"],
    ["no auth at all", undefined, "auth"],
  ])("rejects %s before any request, naming the option", (_case, auth, field) => {
    const observed = observedFetch(() => json({}));
    let thrown: unknown;
    try {
      createClient({ fetch: observed.fetch, auth: auth as WootricAuth });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).field).toBe(field);
    expect(observed.requests).toHaveLength(0);
  });
});
