import { describe, expect, it } from "vitest";
import { createTokenSource, defineVendorServices, InputError, renamedHost, TOKEN_AUTHORIZERS, type OperationTable } from "../src/index.js";

const dataOperations = { "/items": { get: { operationId: "listItems", security: ["bearerAuth"], response: "json" } } } as const satisfies OperationTable;
const authOperations = { "/access-token": { post: { operationId: "token", requestBody: "json", security: [], response: "json" } } } as const satisfies OperationTable;
const HOSTS = { live: { data: "https://data.example.com", auth: "https://auth.example.com" }, test: { data: "https://data.test.example.com", auth: "https://auth.test.example.com" } };

type Options = {
  auth: { type: "shared"; name: string };
  environment: "live" | "test";
  dataBaseUrl?: string;
  authBaseUrl?: string;
  baseUrls?: { data?: string; auth?: string };
  headers?: HeadersInit;
  fetch?: (request: Request) => Promise<Response>;
};

// Each client made counts the tokens its one token source fetched.
let tokensFetched = 0;
const createClient = defineVendorServices<{ data: {}; auth: {} }, Options, "dataBaseUrl" | "authBaseUrl", "data" | "auth">({
  hosts: {
    dataBaseUrl: renamedHost("dataBaseUrl", "baseUrls.data", { default: (options) => HOSTS[options.environment as "live"].data }, (options) => (options.baseUrls as { data?: unknown } | undefined)?.data),
    authBaseUrl: renamedHost("authBaseUrl", "baseUrls.auth", { default: (options) => HOSTS[options.environment as "live"].auth }, (options) => (options.baseUrls as { auth?: unknown } | undefined)?.auth),
  },
  auth: {
    bearerAuth: {
      shared: (auth) => ({ type: "oauth2", tokens: createTokenSource({ fetchToken: async () => ({ accessToken: `${auth.name}-token-${++tokensFetched}` }) }) }),
    },
  },
  authorizers: TOKEN_AUTHORIZERS,
  authExample: '{ type: "shared", name }',
  ownOptions: ["environment"],
  checkOptions: (options) => {
    if (options.environment !== "live" && options.environment !== "test") throw new InputError("environment", 'environment must be "live" or "test"');
  },
  services: { data: { operations: dataOperations, host: "dataBaseUrl" }, auth: { operations: authOperations, host: "authBaseUrl", clientHeaders: false } },
});

type Raw = { GET(path: string, init?: object): Promise<{ error?: unknown }>; POST(path: string, init?: object): Promise<unknown> };

function recorder() {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    return request.headers.get("authorization") === "Bearer acct-token-1" && seen.length === 1 ? new Response(null, { status: 401 }) : Response.json({ ok: true });
  };
  return { seen, fetch };
}

describe("defineVendorServices", () => {
  // Its names are checked before setUpVendor reads the auth: the credential the client brings must be known by then.
  it("redacts a credential of the very client that brings it, used as an option's name", () => {
    const secret = "services-first-secret_8c7b6a5f4e3d";
    let error: unknown;
    try {
      createClient({ environment: "live", auth: { type: "shared", name: "ana", password: secret }, [secret]: true } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "[redacted]", message: expect.stringMatching(/^\[redacted\] is not an option of createClient, which takes /) });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(secret.slice(0, 12));
  });

  it("makes one client per service on its host, all sharing one credential and its refresh", async () => {
    tokensFetched = 0;
    const { seen, fetch } = recorder();
    const clients = createClient({ auth: { type: "shared", name: "acct" }, environment: "test", fetch, headers: { "X-App": "demo" } });
    const data = clients.data as unknown as Raw;
    const auth = clients.auth as unknown as Raw;
    await data.GET("/items");
    await data.GET("/items");
    await auth.POST("/access-token", { body: { grant_type: "password" } });
    expect(seen.map((request) => [request.url, request.headers.get("authorization"), request.headers.get("x-app")])).toEqual([
      ["https://data.test.example.com/items", "Bearer acct-token-1", "demo"],
      // The 401 made the shared source fetch a new token, once.
      ["https://data.test.example.com/items", "Bearer acct-token-2", "demo"],
      ["https://data.test.example.com/items", "Bearer acct-token-2", "demo"],
      // security: [] sends no credential, and clientHeaders: false no client-wide header.
      ["https://auth.test.example.com/access-token", null, null],
    ]);
    expect(tokensFetched).toBe(2);
    expect(clients.hosts).toEqual({ dataBaseUrl: "https://data.test.example.com", authBaseUrl: "https://auth.test.example.com" });
  });

  it("reads a host from its option, else from a field of a deprecated object option, else the default for the other options", () => {
    const made = (options: Partial<Options>) => createClient({ auth: { type: "shared", name: "a" }, environment: "live", ...options }).hosts;
    expect(made({})).toEqual({ dataBaseUrl: "https://data.example.com", authBaseUrl: "https://auth.example.com" });
    expect(made({ baseUrls: { data: "http://127.0.0.1:4010/" } }).dataBaseUrl).toBe("http://127.0.0.1:4010");
    expect(made({ baseUrls: { data: "http://127.0.0.1:4020/" }, dataBaseUrl: "http://127.0.0.1:4020/" }).dataBaseUrl).toBe("http://127.0.0.1:4020");
    // Two URLs for one host: one of them was ignored without a word (the named option won).
    expect(() => made({ baseUrls: { data: "http://127.0.0.1:4010" }, dataBaseUrl: "http://127.0.0.1:4020" })).toThrow(
      /^baseUrls\.data is renamed dataBaseUrl: pass only that$/,
    );
  });

  it("runs the vendor's checks first and checks every host like a base URL, naming the option", () => {
    const make = (options: Partial<Options>) => () => createClient({ auth: { type: "shared", name: "a" }, environment: "live", ...options });
    expect(make({ environment: "staging" as "live" })).toThrow(/environment must be "live" or "test"/);
    expect(make({ baseUrls: { auth: "https://user:pw@auth.example.com" } })).toThrow(/^baseUrls\.auth must not contain credentials: pass them in auth$/);
    expect(make({ dataBaseUrl: "http://data.example.com" })).toThrow(/dataBaseUrl must use https/);
    expect(make({ auth: { type: "other" } as never })).toThrow(/Unknown auth type "other": use one of "shared"/);
  });

  it("checks the option names before the vendor's checks, and those before the hosts", () => {
    const make = (options: object) => () => createClient({ auth: { type: "shared", name: "a" }, environment: "live", ...options } as Options);
    // A misspelt option is named first, as every vendor's createClient names it, then the vendor's own option.
    expect(make({ environment: "staging", timeout: 5 })).toThrow(/^timeout is not an option of createClient/);
    expect(make({ environment: "staging", dataBaseUrl: "http://data.example.com" })).toThrow(/environment must be "live" or "test"/);
    expect(() => createClient(null as never)).toThrow(/^createClient needs options, at least \{ auth: \{ type: "shared", name \} \}$/);
  });
});
