import { everyRuntimeOption, expectEveryOptionTaken } from "@apis/faults/bad-input";
import { describe, expect, it } from "vitest";
import { basicAuthorizer, checkOptionNames, createApiClient, defineVendorClient, InputError, noneAuthorizer, renamedHost, sendsCredentials, TOKEN_AUTHORIZERS, type ClientOptions, type OperationTable } from "../src/index.js";

const operations = {
  "/items": { get: { operationId: "listItems", security: ["bearerAuth"], response: "json" } },
  "/oauth/token": { post: { operationId: "token", requestBody: "form", security: ["clientBasic"], response: "json", server: "https://auth.example.com" } },
  "/files": { get: { operationId: "getFile", security: ["bearerAuth"], response: "binary", server: "https://files.example.com" } },
} as const satisfies OperationTable;

type Options = Omit<ClientOptions, "baseUrl" | "servers" | "operations" | "auth" | "multipart"> & {
  auth: { type: "token"; accessToken: string } | { type: "basic"; username: string; password: string };
  baseUrl?: string;
  filesBaseUrl?: string;
  filesUrl?: string;
  tag?: string;
};

const createClient = defineVendorClient<{}, Options, "baseUrl" | "filesBaseUrl">({
  operations,
  hosts: { baseUrl: { default: "https://api.example.com" }, filesBaseUrl: renamedHost("filesBaseUrl", "filesUrl", { default: "https://files.example.com" }) },
  defaults: (_, hosts) => ({ servers: { "https://files.example.com": hosts.filesBaseUrl } }),
  auth: {
    bearerAuth: { token: (auth) => ({ type: "bearer", token: auth.accessToken }) },
    clientBasic: { basic: (auth) => ({ type: "basic", username: auth.username, password: auth.password }) },
  },
  authorizers: TOKEN_AUTHORIZERS,
  authExample: '{ type: "token", accessToken }',
  ownOptions: ["tag"],
  calls: (options) => ({ prepare: (init) => (options.tag ? { ...init, headers: { "X-Tag": options.tag } } : init) }),
});

function recorder() {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    return Response.json({ ok: true });
  };
  return { seen, fetch };
}

type Raw = { GET(path: string, init?: object): Promise<unknown>; POST(path: string, init?: object): Promise<unknown> };

// A vendor description names the kinds of auth its builders return (TOKEN_AUTHORIZERS: bearer and oauth2), so that its
// bundle holds those alone; a kind it leaves out is its own slip, and says so.
describe("a vendor description's authorizers", () => {
  it("refuses, naming it, a kind of auth the builders return that the description does not name", () => {
    const basicOnly = defineVendorClient<{}, { auth: { type: "basic"; username: string; password: string } }>({
      operations,
      hosts: { baseUrl: { default: "https://api.example.com" } },
      auth: { bearerAuth: { basic: (auth) => ({ type: "basic", username: auth.username, password: auth.password }) } },
      authorizers: TOKEN_AUTHORIZERS,
      authExample: '{ type: "basic", username, password }',
    });
    expect(() => basicOnly({ auth: { type: "basic", username: "u", password: "description-slip-password" } })).toThrow(
      new TypeError("No authorizer for auth type basic: name it in the vendor's authorizers"),
    );
  });
});

describe("defineVendorClient", () => {
  it("sends the credentials only to operations whose security names the scheme they are for", async () => {
    const { seen, fetch } = recorder();
    const client = createClient({ auth: { type: "token", accessToken: "user-token-1" }, fetch }) as unknown as Raw;
    await client.GET("/items");
    await client.POST("/oauth/token", { body: { grant_type: "authorization_code" } });
    expect(seen.map((request) => [request.url, request.headers.get("authorization")])).toEqual([
      ["https://api.example.com/items", "Bearer user-token-1"],
      ["https://auth.example.com/oauth/token", null],
    ]);
  });

  it("reads each host option, and the deprecated name of one, and sends each operation to its host", async () => {
    const { seen, fetch } = recorder();
    const client = createClient({ auth: { type: "token", accessToken: "t-1234" }, baseUrl: "https://mock.test/", filesUrl: "https://files.mock.test", fetch }) as unknown as Raw;
    await client.GET("/items");
    await client.GET("/files");
    expect(seen.map((request) => request.url)).toEqual(["https://mock.test/items", "https://files.mock.test/files"]);
  });

  // Both names with different URLs: the old one was ignored without a word, so files went where the caller did not mean.
  it("refuses a deprecated host name given beside its new name with another URL, and takes the two with the same", async () => {
    const { seen, fetch } = recorder();
    const options = { auth: { type: "token", accessToken: "t-1234" }, filesBaseUrl: "https://files.mock.test", fetch } as const;
    expect(() => createClient({ ...options, filesUrl: "https://old-files.mock.test" })).toThrow(
      expect.objectContaining({ name: "InputError", field: "filesUrl", message: "filesUrl is renamed filesBaseUrl: pass only that" }),
    );
    const client = createClient({ ...options, filesUrl: "https://files.mock.test" }) as unknown as Raw;
    await client.GET("/files");
    expect(seen.map((request) => request.url)).toEqual(["https://files.mock.test/files"]);
  });

  // The same host with and without a trailing slash is one URL (both are read without it): a caller moving to the new
  // name who kept the old one, written another way, was refused for a conflict there is not.
  it.each([
    ["https://files.mock.test/", "https://files.mock.test"],
    ["https://files.mock.test", "https://files.mock.test//"],
  ])("takes a deprecated host name beside its new name when the two differ only by a trailing slash (%s, %s)", async (filesUrl, filesBaseUrl) => {
    const { seen, fetch } = recorder();
    const client = createClient({ auth: { type: "token", accessToken: "t-1234" }, filesUrl, filesBaseUrl, fetch }) as unknown as Raw;
    await client.GET("/files");
    expect(seen.map((request) => request.url)).toEqual(["https://files.mock.test/files"]);
    expect(() => createClient({ auth: { type: "token", accessToken: "t-1234" }, filesUrl: `${filesUrl}v2`, filesBaseUrl })).toThrow(
      expect.objectContaining({ name: "InputError", field: "filesUrl", message: "filesUrl is renamed filesBaseUrl: pass only that" }),
    );
  });

  // A null is no URL: refused as itself, as a null host option is, not as a second URL. "pass only filesBaseUrl" was
  // the wrong advice for a null filesBaseUrl, and named a filesBaseUrl that Survey Dynamix's region had filled in.
  it.each([
    ["the old name", { filesUrl: null, filesBaseUrl: "https://files.mock.test" }, "filesUrl"],
    ["the new name", { filesUrl: "https://files.mock.test", filesBaseUrl: null }, "filesBaseUrl"],
  ])("refuses a null under %s beside a URL under the other as a null, naming it", (_, hosts, field) => {
    expect(() => createClient({ auth: { type: "token", accessToken: "t-1234" }, ...hosts } as never)).toThrow(
      expect.objectContaining({ name: "InputError", field, message: expect.stringMatching(new RegExp(`^${field} must be a URL string such as .*, got null$`)) }),
    );
  });

  it("forwards every runtime option without naming it, and keeps the vendor's own for its hooks", async () => {
    const { seen, fetch } = recorder();
    const lines: string[] = [];
    const client = createClient({ auth: { type: "token", accessToken: "t-1234" }, fetch, tag: "v1", logger: { debug: (line) => lines.push(line) } }) as unknown as Raw;
    await client.GET("/items");
    expect(seen[0]?.headers.get("x-tag")).toBe("v1");
    expect(lines).toHaveLength(1);
  });

  it("sends the kinds a description names in its authorizers, none and basic among them", async () => {
    const { seen, fetch } = recorder();
    const make = (type: "none" | "basic") =>
      defineVendorClient<{}, { auth: { type: "open" }; fetch: typeof fetch }>({
        operations: { "/items": { get: { response: "json" } } },
        hosts: { baseUrl: { default: "https://api.example.com" } },
        auth: { open: { open: () => (type == "none" ? { type } : { type, username: "ana", password: "basic-pass-1" }) } },
        authorizers: { none: noneAuthorizer, basic: basicAuthorizer },
        authExample: '{ type: "open" }',
      })({ auth: { type: "open" }, fetch }) as unknown as Raw;
    await make("none").GET("/items");
    await make("basic").GET("/items");
    expect(seen.map((request) => request.headers.get("authorization"))).toEqual([null, "Basic YW5hOmJhc2ljLXBhc3MtMQ=="]);
  });

  it("refuses missing options, a missing auth and an unknown auth type with InputErrors naming the types", () => {
    expect(() => createClient(null as unknown as Options)).toThrow('createClient needs options, at least { auth: { type: "token", accessToken } }');
    expect(() => createClient({} as Options)).toThrow(InputError);
    expect(() => createClient({ auth: { type: "apiKey" } } as unknown as Options)).toThrow('Unknown auth type "apiKey": use one of "token", "basic"');
    // Described, not written out: an object's fields (a secret among them) stay out of the message.
    expect(() => createClient({ auth: { type: { token: "vendor-type-secret-3" } } } as unknown as Options)).toThrow('Unknown auth type an object: use one of "token", "basic"');
    expect(() => createClient({ auth: { type: 1n } } as unknown as Options)).toThrow('Unknown auth type a bigint: use one of "token", "basic"');
  });

  it.each(["toString", "constructor", "__proto__", "hasOwnProperty"])("refuses an auth type named like a built-in of every object (%s) as unknown", (type) => {
    expect(() => createClient({ auth: { type } } as unknown as Options)).toThrow(`Unknown auth type "${type}": use one of "token", "basic"`);
  });

  it("refuses an option of the vendor's spelled in another case (axios's baseURL) rather than send to the default host", () => {
    const { seen, fetch } = recorder();
    const misspelt = (options: object) => () => createClient({ auth: { type: "token", accessToken: "t-1234" }, fetch, ...options } as Options);
    expect(misspelt({ baseURL: "https://mock.test" })).toThrow(new InputError("baseURL", "baseURL is not an option of createClient: did you mean baseUrl?"));
    expect(misspelt({ filesBaseURL: "https://files.mock.test" })).toThrow("filesBaseURL is not an option of createClient: did you mean filesBaseUrl?");
    expect(misspelt({ baseUrl: "https://mock.test", baseURL: "https://other.test" })).toThrow("baseURL is not an option of createClient: did you mean baseUrl?");
    expect(misspelt({ filesURL: "https://files.mock.test" })).toThrow("filesURL is not an option of createClient: did you mean filesUrl?");
    expect(misspelt({ TAG: "v1" })).toThrow("TAG is not an option of createClient: did you mean tag?");
    expect(misspelt({ base_url: "https://mock.test" })).toThrow("base_url is not an option of createClient: did you mean baseUrl?");
    expect(misspelt({ "files-base-url": "https://files.mock.test" })).toThrow("files-base-url is not an option of createClient: did you mean filesBaseUrl?");
    expect(misspelt({ "files.base.url": "https://files.mock.test" })).toThrow("files.base.url is not an option of createClient: did you mean filesBaseUrl?");
    // Left undefined, a misspelt name sends nothing anywhere: nothing to refuse.
    expect(misspelt({ baseURL: undefined })).not.toThrow();
    expect(seen).toHaveLength(0);
  });

  it("refuses an option it does not take (timeout for timeoutMs), naming the nearest one or all it takes", () => {
    const { seen, fetch } = recorder();
    const unknown = (options: object) => () => createClient({ auth: { type: "token", accessToken: "t-1234" }, fetch, ...options } as Options);
    expect(unknown({ timeout: 5 })).toThrow(new InputError("timeout", "timeout is not an option of createClient: did you mean timeoutMs?"));
    expect(unknown({ retries: 1 })).toThrow("retries is not an option of createClient: did you mean maxRetries?");
    expect(unknown({ maxRetry: 1 })).toThrow("maxRetry is not an option of createClient: did you mean maxRetries?");
    expect(unknown({ Middlewares: [] })).toThrow("Middlewares is not an option of createClient: did you mean middleware?");
    // The longest part in common wins: filesURI is filesUrl (7 letters), not filesBaseUrl (5).
    expect(unknown({ filesURI: "https://files.mock.test" })).toThrow("filesURI is not an option of createClient: did you mean filesUrl?");
    expect(unknown({ timoutMs: 5 })).toThrow("timoutMs is not an option of createClient: did you mean timeoutMs?");
    expect(unknown({ fetcher: fetch })).toThrow("fetcher is not an option of createClient: did you mean fetch?");
    expect(unknown({ verbose: true })).toThrow(
      "verbose is not an option of createClient, which takes auth, baseUrl, filesBaseUrl, filesUrl, tag, fetch, timeoutMs, maxResponseBytes, maxRetries, retryDelay, logger, headers, rateLimit, middleware",
    );
    // Left undefined, an unknown name changes nothing; inherited keys (a library's Object.prototype addition) are not the caller's.
    expect(unknown({ verbose: undefined })).not.toThrow();
    expect(unknown(Object.create({ verbose: true }) as object)).not.toThrow();
    expect(seen).toHaveLength(0);
  });

  it("names no option where two are as near (dataBaseUrl: baseUrl or filesBaseUrl?) or a credential would be moved to it", () => {
    const { fetch } = recorder();
    const unknown = (options: object) => () => createClient({ auth: { type: "token", accessToken: "t-1234" }, fetch, ...options } as Options);
    const takes = "which takes auth, baseUrl, filesBaseUrl, filesUrl, tag, fetch, timeoutMs";
    expect(unknown({ dataBaseUrl: "https://files.mock.test" })).toThrow(`dataBaseUrl is not an option of createClient, ${takes}`);
    // A client secret is no client id, an access token no token URL: each belongs in auth.
    expect(() => checkOptionNames({ clientSecret: "s" }, ["auth", "clientId"], "createClient")).toThrow("clientSecret is not an option of createClient, which takes auth, clientId");
    expect(() => checkOptionNames({ token: "t" }, ["auth", "tokenUrl"], "createClient")).toThrow("token is not an option of createClient, which takes auth, tokenUrl");
    expect(() => checkOptionNames({ tokenURL: "https://t.test" }, ["auth", "tokenUrl"], "createClient")).toThrow("did you mean tokenUrl?");
    // A name given twice (an option both the vendor and the runtime read) is listed once, and is no tie with itself.
    expect(() => checkOptionNames({ verbose: 1 }, ["auth", "rateLimit", "rateLimit"], "f")).toThrow(/^verbose is not an option of f, which takes auth, rateLimit$/);
    expect(() => checkOptionNames({ rateLimits: 1 }, ["auth", "rateLimit", "rateLimit"], "f")).toThrow("did you mean rateLimit?");
  });

  // A helper's options given as a number (getEndUserByEmail(client, email, 5)) had no names to refuse, and were ignored.
  it("refuses options that are no object, describing them, as it refuses an AbortSignal", () => {
    for (const [options, got] of [[5, "a number"], ["fast", "a string"], ["", "an empty string"], [false, "a boolean"], [() => {}, "a function"]] as const) {
      expect(() => checkOptionNames(options as object, ["signal"], "lookup")).toThrow(
        expect.objectContaining({ name: "InputError", field: "options", message: `options of lookup must be an object, got ${got}` }),
      );
    }
    expect(() => checkOptionNames(new AbortController().signal, ["signal"], "lookup")).toThrow(/^options of lookup is an AbortSignal: pass \{ signal \}$/);
    expect(() => checkOptionNames(Object.create(null) as object, ["signal"], "lookup")).not.toThrow();
  });

  it("takes every runtime option the type declares, each reaching the transport", async () => {
    await expectEveryOptionTaken((fetch, lines) => {
      const every: Required<Omit<Options, "filesUrl" | "schemes">> = {
        ...everyRuntimeOption(fetch, lines),
        auth: { type: "token", accessToken: "t-1234" },
        baseUrl: "https://mock.test",
        filesBaseUrl: "https://files.mock.test",
        tag: "v1",
      };
      return (createClient(every) as unknown as Raw).GET("/items");
    });
  });

  it("checks host options like every base URL", () => {
    expect(() => createClient({ auth: { type: "token", accessToken: "t-1234" }, filesBaseUrl: "http://files.example.com" })).toThrow(/filesBaseUrl must use https/);
    expect(() => createClient({ auth: { type: "token", accessToken: "t-1234" }, filesUrl: "http://files.example.com" })).toThrow(/filesUrl must use https/);
  });
});

describe("request(method, path)", () => {
  type Requester = { request(method: unknown, path: string): Promise<{ response: Response }> };
  const clients: [string, (fetch: (request: Request) => Promise<Response>) => Requester][] = [
    ["a vendor's client with call hooks", (fetch) => createClient({ auth: { type: "token", accessToken: "t-1234" }, fetch, tag: "v1" }) as unknown as Requester],
    ["a client without", (fetch) => createApiClient({ baseUrl: "https://api.example.com", operations, auth: { type: "none" }, fetch }) as unknown as Requester],
  ];

  it.each(clients)("of %s, with a method that is no string or an empty one, rejects with an InputError listing the methods", async (_, make) => {
    const { seen, fetch } = recorder();
    const client = make(fetch);
    for (const method of [undefined, null, 1, ""]) {
      // A promise, however bad the arguments, like every other call the client refuses.
      const result = client.request(method, "/items");
      await expect(result).rejects.toThrow(new InputError("method", "method must be a non-empty string: GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS, TRACE"));
      await expect(result).rejects.toMatchObject({ name: "InputError", field: "method" });
    }
    expect(seen).toHaveLength(0);
  });

  it.each(clients)("of %s sends a method it has no name for as it is, as openapi-fetch does", async (_, make) => {
    const { seen, fetch } = recorder();
    const { response } = await make(fetch).request("Foo", "/items");
    expect(response.status).toBe(200);
    expect(seen.map((request) => request.method)).toEqual(["FOO"]);
  });
});

describe("sendsCredentials", () => {
  it.each<[string, Parameters<typeof sendsCredentials>[0], readonly string[] | undefined, boolean]>([
    ["a scheme the client holds", { operationId: "a", security: ["oauth2"] }, ["oauth2"], true],
    ["only another scheme", { operationId: "a", security: ["clientBasic"] }, ["accessToken"], false],
    ["security: []", { operationId: "a", security: [] }, ["oauth2"], false],
    ["any scheme, for a client that does not say which it holds", { operationId: "a", security: ["oauth2"] }, undefined, true],
    ["auth: false in a hand-written table", { operationId: "a", auth: false }, undefined, false],
    ["no metadata", undefined, ["oauth2"], true],
    ["no security listed", { operationId: "a" }, ["oauth2"], true],
    ["security: [], for a client that does not say which it holds", { operationId: "a", security: [] }, undefined, false],
    ["auth: false beside a scheme the client holds", { operationId: "a", security: ["oauth2"], auth: false }, ["oauth2"], false],
  ])("%s", (_name, meta, schemes, expected) => {
    expect(sendsCredentials(meta, schemes)).toBe(expected);
  });
});
