import { startFaultServer, type FaultServer } from "@apis/faults";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  createApiClient,
  createOAuth2TokenSource,
  exchangeAuthorizationCode,
  RedirectError,
  type FetchLike,
  type OAuth2Grant,
} from "../src/index.js";
import { CLIENT_FETCHES } from "./fetches.js";
import { MAX_REDIRECTS } from "../src/redirect.js";
import { operations, type paths } from "./fixtures.js";
import { codeExchange, expectNoSecrets, fakeFetch, privateFields, settle } from "./helpers.js";

// Two servers on 127.0.0.1 are two origins: `home` is where the client is pointed, `other` where a hostile
// redirect sends it. Every test checks what `other` received.
let home: FaultServer;
let other: FaultServer;

beforeAll(async () => {
  [home, other] = await Promise.all([startFaultServer({ hangMs: 3000 }), startFaultServer({ hangMs: 3000 })]);
});
afterAll(() => Promise.all([home.close(), other.close()]));
beforeEach(() => {
  home.reset();
  other.reset();
  other.script("POST /steal", [{ status: 200, body: { access_token: "at-secret-1" } }]);
  other.script("GET /steal", [{ status: 200, body: [] }]);
});

const TOKEN = "POST /oauth/token";
const GRANTS: [string, OAuth2Grant][] = [
  ["client credentials", { type: "client_credentials", clientId: "app-1", clientSecret: "s3cr3t-client-secret" }],
  ["password", { type: "password", username: "ana@example.com", password: "hunter2-password" }],
  ["refresh token", { type: "refresh_token", refreshToken: "rt-secret-1" }],
];

function tokenSource(grant: OAuth2Grant, fetch: FetchLike | undefined) {
  return createOAuth2TokenSource({ tokenUrl: `${home.url}/oauth/token`, grant, retryDelay: { baseMs: 1, maxMs: 2 }, fetch });
}

/** The error, checked to be a RedirectError that names where the redirect pointed and quotes no credential. */
function refused(outcome: { error?: unknown }, pointedAt: string | RegExp): RedirectError {
  expect(outcome.error).toBeInstanceOf(RedirectError);
  expectNoSecrets(outcome.error);
  expect((outcome.error as Error).message).toMatch(pointedAt);
  return outcome.error as RedirectError;
}

describe.each(CLIENT_FETCHES)("over $via", ({ fetch }) => {
  // The URL parser re-encodes what it reads (' as %27 in a query, a host name lower-cased): quoted that way, an echoed
  // credential is in no form redaction knows.
  it.each([
    ["a query, raw", (secret: string) => `${other.url}/steal?pw=${secret}`],
    ["a query, relative", (secret: string) => `/login?return=1&pw=${secret}`],
    ["a path", (secret: string) => `${other.url}/x/${secret}/y`],
  ])("quotes a refused Location that echoes the password in %s as the server wrote it, redacted, never as the URL parser rewrites it", async (_, location) => {
    const password = `correct horse's "battery" {x}|`;
    home.script(TOKEN, [{ status: 302, headers: { Location: location(password) } }]);
    const outcome = await settle(tokenSource({ type: "password", username: "ana@example.com", password }, fetch).getToken());
    const error = refused(outcome, /\[redacted\]/);
    for (const text of [error.message, JSON.stringify(error)]) expect(text.toLowerCase()).not.toMatch(/horse|battery/);
  });

  it("quotes a refused Location that echoes the access token in a host name without lower-casing it, redacted", async () => {
    const token = "Tok3nSECRETvalueABCdef123456";
    home.script("GET /items", [{ status: 302, headers: { Location: `https://${token}.evil.example/` } }]);
    const api = createApiClient<paths>({ baseUrl: home.url, operations, auth: { type: "query", name: "access_token", value: token }, maxRetries: 0, fetch });
    const error = refused(await settle(api.GET("/items")), "https://[redacted].evil.example/");
    expect(JSON.stringify(error).toLowerCase()).not.toContain(token.toLowerCase());
  });

  describe("a token request is not redirected to another origin", () => {
    it.each(GRANTS.flatMap(([name, grant]) => [307, 308].map((status) => [name, status, grant] as const)))(
      "%s grant, %i to another origin: refused, and the other origin receives nothing",
      async (_, status, grant) => {
        home.script(TOKEN, [{ status, headers: { Location: `${other.url}/steal` } }]);
        const outcome = await settle(tokenSource(grant, fetch).getToken());
        const error = refused(outcome, new RegExp(`redirected \\(${status}\\) to ${other.url}/steal.*another origin`));
        expect(error.status).toBe(status);
        expect(other.requests).toEqual([]);
        expect(home.count(TOKEN)).toBe(1);
      },
    );

    it("keeps the credential of a Location that carries a query out of the error", async () => {
      home.script(TOKEN, [{ status: 307, headers: { Location: `${other.url}/steal?client_secret=s3cr3t-client-secret&password=hunter2-password` } }]);
      const outcome = await settle(tokenSource(GRANTS[0]![1], fetch).getToken());
      refused(outcome, /client_secret=\[redacted\]&password=\[redacted\]/);
      expect(other.requests).toEqual([]);
    });

    it("follows a 307 within the token endpoint's origin, resending the POST and its body", async () => {
      home.script(TOKEN, [{ status: 307, headers: { Location: "/oauth/token2" } }]);
      home.script("POST /oauth/token2", [{ status: 200, body: { access_token: "at-secret-2", token_type: "bearer" } }]);
      const outcome = await settle(tokenSource(GRANTS[0]![1], fetch).getToken());
      expect(outcome.value).toBe("at-secret-2");
      const [moved] = home.requests.filter((request) => request.pathname === "/oauth/token2");
      expect(moved?.method).toBe("POST");
      expect(Object.fromEntries(new URLSearchParams(moved?.body))).toMatchObject({ grant_type: "client_credentials", client_secret: "s3cr3t-client-secret" });
    });

    // The URL parser finds user info in more forms than redaction does (no scheme, back slashes, up to the last @): a
    // proxy's password the client does not hold showed in the message.
    it.each([
      ["in an absolute URL", () => `${home.url.replace("://", "://s3cr3t-client-secret:x@")}/oauth/token2`],
      ["after two slashes and no scheme", () => `//admin:Hunter2Pass@${home.url.slice("http://".length)}/x`],
      ["after back slashes", () => `\\\\admin:Hunter2Pass@${home.url.slice("http://".length)}/x`],
      ["with a second @", () => home.url.replace("://", "://admin:Hunter2@Pass@") + "/x"],
    ])("refuses a redirect whose Location carries user info %s, quoting no part of it, and sends nothing more", async (_, location) => {
      home.script(TOKEN, [{ status: 307, headers: { Location: location() } }]);
      const outcome = await settle(tokenSource(GRANTS[0]![1], fetch).getToken());
      const error = refused(outcome, /was redirected \(307\), which was not followed: a URL with user info/);
      expect(JSON.stringify(error)).not.toMatch(/Hunter2|Pass@|s3cr3t/);
      expect(error.status).toBe(307);
      expect(home.count(TOKEN)).toBe(1);
      expect(home.count("POST /oauth/token2")).toBe(0);
    });

    // A hostile Location must not write text of its own into a message, and so into logs: a terminal's CSI (U+009B, which
    // undici passes as a latin1 byte), spaces that make it read like advice.
    it("quotes a refused Location with its controls and spaces percent-encoded", async () => {
      home.script(TOKEN, [{ status: 307, headers: { Location: "https://evil.example/\u009b2J ERROR: rotate your token at https://evil.example" } }]);
      const error = refused(await settle(tokenSource(GRANTS[0]![1], fetch).getToken()), "to https://evil.example/%C2%9B2J%20ERROR:%20rotate%20your%20token%20at%20https://evil.example, which");
      expect(error.message).not.toMatch(/[\p{C}]/u);
    });

    it("quotes no more than the start of a refused Location, however long the server made it", async () => {
      // Under undici's 16 KiB bound on a response's headers, and far over what a message quotes.
      home.script(TOKEN, [{ status: 307, headers: { Location: `https://evil.example/${"a".repeat(8000)}` } }]);
      const error = refused(await settle(tokenSource(GRANTS[0]![1], fetch).getToken()), "to https://evil.example/aaaa");
      expect(error.message.length).toBeLessThan(600);
    });

    it.each([301, 302, 303])("refuses a %i within the origin, which would turn the token POST into a GET without its body", async (status) => {
      home.script(TOKEN, [{ status, headers: { Location: "/oauth/token2" } }]);
      const outcome = await settle(tokenSource(GRANTS[1]![1], fetch).getToken());
      refused(outcome, new RegExp(`turn the POST into a GET`));
      expect(home.count("GET /oauth/token2")).toBe(0);
      expect(home.count("POST /oauth/token2")).toBe(0);
    });

    it(`gives up after ${MAX_REDIRECTS} redirects within the origin`, async () => {
      home.script(TOKEN, [{ status: 307, headers: { Location: "/oauth/token" } }]);
      const outcome = await settle(tokenSource(GRANTS[0]![1], fetch).getToken());
      refused(outcome, new RegExp(`more than ${MAX_REDIRECTS} redirects`));
      expect(home.count(TOKEN)).toBe(MAX_REDIRECTS + 1);
    });

    it("exchangeAuthorizationCode does not carry the code and the client secret to another origin", async () => {
      home.script(TOKEN, [{ status: 308, headers: { Location: `${other.url}/steal` } }]);
      const exchange = exchangeAuthorizationCode({ ...codeExchange(`${home.url}/oauth/token`), fetch });
      refused(await settle(exchange), `${other.url}/steal`);
      expect(other.requests).toEqual([]);
    });
  });
});

describe("a redirect to plain http or one the platform hides is refused", () => {
  it("refuses an https token endpoint that redirects to http, even on the same host", async () => {
    const fake = fakeFetch(() => new Response(null, { status: 307, headers: { Location: "http://auth.example.com/oauth/token" } }));
    const tokens = createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/oauth/token", grant: GRANTS[0]![1], fetch: fake.fetch });
    refused(await settle(tokens.getToken()), /to http:\/\/auth\.example\.com\/oauth\/token, which was not followed: another origin; a credential is sent only within https:\/\/auth\.example\.com\./);
    expect(fake.calls.map((call) => call.url.href)).toEqual(["https://auth.example.com/oauth/token"]);
    expect(fake.calls[0]?.request.redirect).toBe("manual");
  });

  it("refuses every redirect of a token request where the platform hides its target (an opaque redirect)", async () => {
    // What a browser's fetch gives for redirect: "manual": status 0, no headers, no Location.
    const opaque = () => Object.defineProperties(new Response(null), { type: { value: "opaqueredirect" }, status: { value: 0 } });
    const fake = fakeFetch(() => opaque());
    const tokens = createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/oauth/token", grant: GRANTS[0]![1], fetch: fake.fetch });
    const error = refused(await settle(tokens.getToken()), /hides its target/);
    expect(error.status).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
  });
});

describe.each(CLIENT_FETCHES)("over $via", ({ fetch }) => {
  describe("API requests", () => {
    const client = (auth: Parameters<typeof createApiClient>[0]["auth"]) =>
      createApiClient<paths>({ baseUrl: home.url, operations, auth, retryDelay: { baseMs: 1, maxMs: 2 }, fetch });

    it("a query credential does not follow a redirect that keeps the query to another origin", async () => {
      home.script("GET /items", [(request) => ({ status: 302, headers: { Location: `${other.url}/steal${request.url.slice(request.pathname.length)}` } })]);
      const outcome = await settle(client({ type: "query", name: "access_token", value: "query-secret-value" }).GET("/items"));
      refused(outcome, /access_token=\[redacted\]/);
      expect(other.requests).toEqual([]);
    });

    it("a credential the caller put in the query itself does not follow a redirect that keeps the query to another origin", async () => {
      home.script("GET /items", [(request) => ({ status: 302, headers: { Location: `${other.url}/steal${request.url.slice(request.pathname.length)}` } })]);
      const outcome = await settle(client({ type: "none" }).GET("/items", { params: { query: { page: 1, access_token: "url-secret-value" } as never } }));
      refused(outcome, /access_token=\[redacted\]/);
      expect(other.requests).toEqual([]);
    });

    it("a query credential follows a redirect within its origin, and the next hop carries it (the server would answer 401 without)", async () => {
      home.script("GET /items", [{ status: 302, headers: { Location: "/items2?page=2" } }]);
      home.script("GET /items2", [(request) => (request.url.includes("access_token=query-secret-value") ? { status: 200, body: [{ id: 1, name: "a" }] } : { status: 401, body: {} })]);
      const outcome = await settle(client({ type: "query", name: "access_token", value: "query-secret-value" }).GET("/items"));
      expect(outcome.value?.data).toEqual([{ id: 1, name: "a" }]);
      expect(home.requests.map((request) => request.url)).toEqual(["/items?access_token=query-secret-value", "/items2?page=2&access_token=query-secret-value"]);
    });

    it("a query credential replaces one of its name that the Location echoes, within its origin", async () => {
      home.script("GET /items", [{ status: 307, headers: { Location: "/items2?access_token=echoed&access_token=again" } }]);
      home.script("GET /items2", [{ status: 200, body: [] }]);
      await settle(client({ type: "query", name: "access_token", value: "query-secret-value" }).GET("/items"));
      expect(home.requests.map((request) => request.url)).toEqual(["/items?access_token=query-secret-value", "/items2?access_token=query-secret-value"]);
    });

    it("each hop within the origin carries the query credential, up to the last", async () => {
      home.script("GET /a", [{ status: 301, headers: { Location: "/b" } }]);
      home.script("GET /b", [{ status: 308, headers: { Location: `${home.url}/c?x=1` } }]);
      home.script("GET /c", [{ status: 200, body: [] }]);
      const outcome = await settle(client({ type: "query", name: "access_token", value: "query-secret-value" }).GET("/a" as "/items"));
      expect(outcome.error).toBeUndefined();
      expect(home.requests.map((request) => request.url)).toEqual(["/a?access_token=query-secret-value", "/b?access_token=query-secret-value", "/c?x=1&access_token=query-secret-value"]);
    });

    it("a body credential sent through the client (a raw token call) does not follow a redirect to another origin", async () => {
      home.script("POST /oauth/token", [{ status: 307, headers: { Location: `${other.url}/steal` } }]);
      const api = client({ type: "none" });
      const call = api.POST("/oauth/token", { baseUrl: home.url, body: { grant_type: "password", password: "hunter2-password" } as { grant_type: string } });
      refused(await settle(call), `${other.url}/steal`);
      expect(other.requests).toEqual([]);
    });

    it.each([
      ["a nested object", { user: { name: "ana", password: "hunter2-password" } }],
      ["an array of objects", { accounts: [{ id: 1 }, { id: 2, api_key: "k3y-secret-value" }] }],
      ["a bracket-notation form string", "user[name]=ana&user[code]=auth-code-secret-1"],
      // The form's serializer sends its own fields, whatever an inherited toJSON would give JSON.
      ["an object whose inherited toJSON hides its fields", Object.assign(Object.create({ toJSON: () => ({}) }), { user: "ana", password: "hunter2-password" })],
    ])("a body credential in %s does not follow a redirect to another origin", async (_, body) => {
      home.script("POST /forms", [{ status: 307, headers: { Location: `${other.url}/steal` } }]);
      const call = client({ type: "none" }).POST("/forms", { body: body as never });
      refused(await settle(call), `${other.url}/steal`);
      expect(other.requests).toEqual([]);
    });

    class SignUp {
      constructor(
        readonly email: string,
        readonly password: string,
      ) {}
    }
    it.each([
      ["an instance of the caller's class (a DTO)", new SignUp("ana@example.com", "hunter2-password")],
      ["a private field that toJSON writes out", privateFields({ email: "ana@example.com", password: "hunter2-password" })],
    ])("a body credential in %s sent as JSON does not follow a redirect to another origin", async (_, body) => {
      home.script("POST /items", [{ status: 307, headers: { Location: `${other.url}/steal` } }]);
      const call = client({ type: "none" }).POST("/items", { body: body as never });
      refused(await settle(call), `${other.url}/steal`);
      expect(other.requests).toEqual([]);
    });

    // fetch follows 20 hops, then fails with a TypeError: the same request would loop again, so it is not resent (three
    // attempts were 63 requests, each with the token) nor reported as a network error.
    it.each(["GET", "POST"] as const)("a %s with only an Authorization header redirected in a loop fails once with a RedirectError, not retried", async (method) => {
      home.script(`${method} /items`, [{ status: 307, headers: { Location: "/items" } }]);
      const api = client({ type: "bearer", token: "bearer-secret-token" });
      const outcome = await (method === "GET" ? settle(api.GET("/items")) : settle(api.POST("/items", { body: { name: "a" } })));
      refused(outcome, new RegExp(`^${method} ${home.url}/items fetch failed: redirect count exceeded$`));
      expect(home.count(`${method} /items`)).toBe(21);
    });

    it("a request with only an Authorization header keeps the platform's redirects, which drop the header across origins", async () => {
      home.script("GET /items", [{ status: 302, headers: { Location: `${other.url}/steal` } }]);
      const outcome = await settle(client({ type: "bearer", token: "bearer-secret-token" }).GET("/items"));
      expect(outcome.value?.response.status).toBe(200);
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    });
  });
});

// Each platform's fetch gives up on a loop in its own words: Node's (undici) and undiciFetch's "redirect count
// exceeded", Bun 1.4's TooManyRedirects (after 127 hops, so 381 requests over three attempts), Deno 2.9's "Maximum
// number of redirects (20) reached". Browsers say only "Failed to fetch".
describe.each([
  ["Bun", new TypeError("The response redirected too many times. For more information, pass `verbose: true` in the second argument to fetch()")],
  ["Deno", new TypeError("Fetch failed: Maximum number of redirects (20) reached")],
])("a redirect loop %s's fetch gives up on", (_, thrown) => {
  it("is a RedirectError, and a GET is not sent again", async () => {
    let sent = 0;
    const looping: FetchLike = async () => {
      sent++;
      throw thrown;
    };
    const api = createApiClient<paths>({ baseUrl: home.url, operations, auth: { type: "bearer", token: "bearer-secret-token" }, retryDelay: { baseMs: 1, maxMs: 2 }, fetch: looping });
    const outcome = await settle(api.GET("/items"));
    expect(outcome.error).toBeInstanceOf(RedirectError);
    expect(sent).toBe(1);
  });
});

describe("a network failure that names a host with redirect in it", () => {
  it("is still a connection error, and a GET is retried", async () => {
    let sent = 0;
    const failing: FetchLike = async () => {
      sent++;
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND redirect.example.com"), { code: "ENOTFOUND" }) });
    };
    const api = createApiClient<paths>({ baseUrl: home.url, operations, auth: { type: "bearer", token: "bearer-secret-token" }, retryDelay: { baseMs: 1, maxMs: 2 }, fetch: failing });
    const outcome = await settle(api.GET("/items"));
    expect(outcome.error).toBeInstanceOf(ApiConnectionError);
    expect(sent).toBe(3);
  });
});
