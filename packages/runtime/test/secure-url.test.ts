import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildAuthorizeUrl, createApiClient, createOAuth2TokenSource, createTransport, exchangeAuthorizationCode, InputError } from "../src/index.js";
import { hostUrl } from "../src/host-url.js";
import { isLoopbackHost, urlOption } from "../src/secure-url.js";
import { operations, type paths } from "./fixtures.js";
import { fakeFetch, json } from "./helpers.js";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("plain http is refused except on loopback", () => {
  it.each(["localhost", "api.localhost", "127.0.0.1", "127.8.9.10", "[::1]"])("treats %s as loopback", (host) => {
    expect(isLoopbackHost(new URL(`http://${host}:4010`).hostname)).toBe(true);
  });

  it("reads a host name as written too: any case, one trailing dot, nothing around it", () => {
    expect(["LocalHost", "localhost.", "a.b.localhost", "127.0.0.1.", "[::1]"].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(["xlocalhost", "localhost..", "localhost.x", "127.0.0", "127.0.0.1234", " 127.0.0.1", "[::1]x", ""].map(isLoopbackHost)).toEqual(
      [false, false, false, false, false, false, false, false],
    );
  });

  it.each(["api.example.com", "128.0.0.1", "10.0.0.1", "[::2]", "localhost.example.com", "127.0.0.1.nip.io"])("does not treat %s as loopback", (host) => {
    expect(isLoopbackHost(new URL(`http://${host}`).hostname)).toBe(false);
  });

  it("createApiClient refuses an http baseUrl with an InputError that says to use https", () => {
    const error = thrown(() => createApiClient({ baseUrl: "http://api.example.com/v1?api_key=k-secret-1", operations, auth: { type: "none" } }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("baseUrl");
    expect((error as InputError).message).toMatch(/^baseUrl must use https \(http only on loopback\), got http:\/\/api\.example\.com$/);
    expect((error as InputError).message).not.toContain("k-secret-1");
  });

  it("names another scheme once, without a doubled colon", () => {
    expect((thrown(() => createApiClient({ baseUrl: "ftp://files.example.com", operations, auth: { type: "none" } })) as Error).message).toMatch(
      /^baseUrl must use https \(http only on loopback\), got ftp$/,
    );
  });

  it("createApiClient refuses an http server override, naming the server", () => {
    const error = thrown(() =>
      createApiClient({ baseUrl: "https://api.example.com", servers: { "https://auth.example.com": "http://auth.example.com" }, operations, auth: { type: "none" } }),
    );
    expect((error as InputError).field).toBe('servers["https://auth.example.com"]');
  });

  it("createApiClient accepts http on loopback, for a local mock", async () => {
    const fake = fakeFetch(() => json([]));
    const client = createApiClient<{}>({ baseUrl: "http://127.0.0.1:4010", operations, auth: { type: "none" }, fetch: fake.fetch });
    await (client as unknown as { GET(path: string): Promise<unknown> }).GET("/items");
    expect(fake.calls[0]?.url.href).toBe("http://127.0.0.1:4010/items");
  });

  it("the transport refuses an http request before sending it, even one whose base URL came per call", async () => {
    const fake = fakeFetch(() => json({}));
    const send = createTransport({ fetch: fake.fetch });
    await expect(send(new Request("http://api.example.com/v1/items"))).rejects.toThrow(InputError);
    expect(fake.calls).toHaveLength(0);
  });

  it("createOAuth2TokenSource refuses an http tokenUrl", () => {
    const error = thrown(() => createOAuth2TokenSource({ tokenUrl: "http://auth.example.com/oauth/token", grant: { type: "client_credentials", clientId: "c", clientSecret: "s3cr3t-client-secret" } }));
    expect((error as InputError).field).toBe("tokenUrl");
    expect(String(error)).not.toContain("s3cr3t-client-secret");
  });

  it("exchangeAuthorizationCode refuses an http tokenUrl before any request", async () => {
    const fake = fakeFetch(() => json({ access_token: "x" }));
    const exchange = exchangeAuthorizationCode({
      tokenUrl: "http://auth.example.com/oauth/token",
      clientId: "c",
      clientSecret: "s3cr3t-client-secret",
      code: "code-secret",
      redirectUri: "https://app.example.com/cb",
      fetch: fake.fetch,
    });
    await expect(exchange).rejects.toMatchObject({ name: "InputError", field: "tokenUrl" });
    expect(fake.calls).toHaveLength(0);
  });

  it("buildAuthorizeUrl refuses an http authorizeUrl", () => {
    const error = thrown(() => buildAuthorizeUrl({ authorizeUrl: "http://auth.example.com/authorize", clientId: "c", redirectUri: "https://app.example.com/cb", state: "st-0123456789" }));
    expect((error as InputError).field).toBe("authorizeUrl");
  });
});

describe("a URL option with user info is refused however it is spelled", () => {
  // The first as it is; each other is read by the URL parser (and by fetch, whose error quotes it) as https://user:pw-s3cret-1@api.example.com.
  const spellings = [
    "https://user:pw-s3cret-1@api.example.com",
    " https://user:pw-s3cret-1@api.example.com",
    "ht\ttps://user:pw-s3cret-1@api.example.com",
    "https:\\\\user:pw-s3cret-1@api.example.com",
    "https:user:pw-s3cret-1@api.example.com",
    "https:///user:pw-s3cret-1@api.example.com",
  ];

  it.each(spellings)("urlOption refuses %j without quoting the password", (value) => {
    const error = thrown(() => urlOption(value, "surveyBaseUrl", "https://survey.example.com"));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/surveyBaseUrl must not contain credentials/);
    expect(String(error)).not.toContain("pw-s3cret-1");
  });

  it.each(spellings)("createApiClient refuses %j as baseUrl and as a server override", (value) => {
    const asBase = thrown(() => createApiClient({ baseUrl: value, operations, auth: { type: "none" } }));
    expect((asBase as InputError).message).toMatch(/baseUrl must not contain credentials/);
    const asServer = thrown(() => createApiClient({ baseUrl: "https://api.example.com", servers: { "https://auth.example.com": value }, operations, auth: { type: "none" } }));
    expect(asServer).toBeInstanceOf(InputError);
    expect(String(asServer)).not.toContain("pw-s3cret-1");
    expect((asServer as InputError).message).toMatch(/must not contain credentials/);
  });

  /** What a GET with `baseUrl` as its own base URL rejects with, and the requests it sent (none, as it should). */
  async function callRefusal(baseUrl: string) {
    const fake = fakeFetch(() => json([]));
    const client = createApiClient<paths>({ baseUrl: "https://api.example.com", operations, auth: { type: "query", name: "access_token", value: "user-token-123456" }, fetch: fake.fetch });
    const error = await client.GET("/items", { baseUrl }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "baseUrl" });
    for (const secret of ["pw-s3cret-1", "user-token-123456"]) expect(inspect(error, { depth: 5 })).not.toContain(secret);
    expect(fake.calls).toHaveLength(0);
    return (error as InputError).message;
  }

  it.each(spellings)("a call refuses %j as its own baseUrl, before anything is sent", async (value) => {
    expect(await callRefusal(value)).toMatch(/^baseUrl must not contain credentials/);
  });

  // The URL parser trims a trailing space or control character from a URL alone, but not from the URL openapi-fetch
  // joins of it and a path: that URL failed with Node's TypeError, whose input field held it, query credential and all.
  it.each(["https://api.example.com ", "https://api.example.com\u0000", "https://api.example.com\u001f"])(
    "refuses %j as the client's baseUrl and as a call's, with an InputError on baseUrl, before anything is sent",
    async (value) => {
      const refused = thrown(() => createApiClient({ baseUrl: value, operations, auth: { type: "none" } }));
      expect(refused).toMatchObject({ field: "baseUrl", message: expect.stringMatching(/^baseUrl must be an absolute URL such as https:\/\/api\.example\.com/) });
      expect(await callRefusal(value)).toMatch(/^baseUrl must be an absolute URL such as https:\/\/api\.example\.com/);
    },
  );

  // With a path in the base URL, the space stays inside the joined URL instead: it went out as `/1%20/items`.
  it.each(["https://api.example.com/1 ", "https://api.example.com/v1/\u0000", "https://api.example.com/v1\t "])(
    "refuses %j, a base URL with a path and a trailing space or control character, as the client's and as a call's",
    async (value) => {
      const refused = thrown(() => createApiClient({ baseUrl: value, operations, auth: { type: "none" } }));
      expect(refused).toMatchObject({ field: "baseUrl", message: expect.stringMatching(/^baseUrl must be an absolute URL such as https:\/\/api\.example\.com, without a trailing space/) });
      expect(await callRefusal(value)).toMatch(/without a trailing space/);
    },
  );

  it("takes a base URL with a space inside its path, which the vendor may name so, and sends it encoded", async () => {
    const fake = fakeFetch(() => json([]));
    const client = createApiClient<paths>({ baseUrl: "https://api.example.com/my api", operations, auth: { type: "none" }, fetch: fake.fetch });
    await client.GET("/items");
    expect(fake.calls[0]?.url.href).toBe("https://api.example.com/my%20api/items");
  });

  // An empty host variable ("https://${HOST}") leaves a URL with no host, which the parser refuses alone; joined with a
  // path it reads the path's first segment as the host: the client sent its bearer token to https://evil.example.com.
  it.each(["https://", "https:", "https:/"])("refuses %j, a URL with no host, as the client's baseUrl and as a call's, before anything is sent", async (value) => {
    const fake = fakeFetch(() => json([]));
    const refused = thrown(() => createApiClient({ baseUrl: value, operations, auth: { type: "bearer", token: "bearer-secret-1" }, fetch: fake.fetch }));
    expect(refused).toMatchObject({ field: "baseUrl", message: expect.stringMatching(/^baseUrl must be an absolute URL/) });
    expect(await callRefusal(value)).toMatch(/^baseUrl must be an absolute URL/);
    expect(fake.calls).toHaveLength(0);
  });

  // The URL parser cannot read these, so no user info was found in them: the URL openapi-fetch then built failed with
  // Node's TypeError "Invalid URL", whose input field held the whole URL, password and all.
  it.each(["https://user:pw-s3cret-1@exa mple.com", "https://user:pw-s3cret-1#x@api.example.com", "https://user:pw-s3cret-1@:443", "https://api.example.com:pw-s3cret-1"])(
    "a call refuses %j, which no URL parser reads, as its own baseUrl without quoting it, before anything is sent",
    async (value) => {
      expect(await callRefusal(value)).toMatch(/^baseUrl must be an absolute URL such as https:\/\/api\.example\.com/);
    },
  );
});

describe("a URL option read in a browser page, where a relative URL resolves against the page", () => {
  afterEach(() => vi.unstubAllGlobals());
  const PAGE = "https://app.example.com/page";

  // The page resolves each of them to https://evil.example.com: the credential would go there.
  it.each(["//evil.example.com", "/\\evil.example.com", "\\\\evil.example.com", "/\t/evil.example.com", "  //evil.example.com", "\n//evil.example.com"])(
    "refuses %j, a protocol-relative URL however it is spelled",
    (value) => {
      vi.stubGlobal("location", { href: PAGE });
      expect(new URL(value, PAGE).host).toBe("evil.example.com");
      const error = thrown(() => urlOption(value, "baseUrl", "https://api.example.com"));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/never \/\/host/);
    },
  );

  it("takes a scheme in upper case as the URL parser does: HTTPS is https, and HTTP is refused there too", () => {
    expect(urlOption("HTTPS://api.example.com", "baseUrl", "https://api.example.com")).toBe("HTTPS://api.example.com");
    vi.stubGlobal("location", { href: PAGE });
    expect((thrown(() => urlOption("HTTP://api.example.com", "baseUrl", "https://api.example.com")) as InputError).message).toMatch(/must use https/);
  });

  // An empty environment variable: in a page it would name the page itself, and the calls would go to its origin.
  it("refuses an empty URL option, which the page would read as its own URL", () => {
    vi.stubGlobal("location", { href: PAGE });
    expect(thrown(() => urlOption("", "baseUrl", "https://api.example.com"))).toEqual(
      new InputError("baseUrl", "baseUrl must be a URL string such as https://api.example.com, got an empty string"),
    );
  });
});

describe("user info with one of its two parts", () => {
  it.each(["https://tok3n-s3cret-1@api.example.com", "https://:pw-s3cret-1@api.example.com"])("urlOption refuses %j, a user name alone or a password alone, without quoting it", (value) => {
    const error = thrown(() => urlOption(value, "baseUrl", "https://api.example.com"));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^baseUrl must not contain credentials/);
    expect(inspect(error)).not.toMatch(/tok3n|pw-s3cret/);
  });
});

describe("a host option", () => {
  // A path is appended to a host: after a query or fragment it would be no path at all.
  it.each(["https://mock.test/1?tenant=eu", "https://mock.test/1#top"])("refuses %j, a host with a query or a fragment", (value) => {
    expect(thrown(() => hostUrl(value, "surveyBaseUrl", "https://api.example.com"))).toEqual(new InputError("surveyBaseUrl", "surveyBaseUrl must not have a query or fragment"));
  });

  it("drops every trailing slash", () => {
    expect(hostUrl("https://mock.test/1//", "surveyBaseUrl", "https://api.example.com")).toBe("https://mock.test/1");
  });
});
