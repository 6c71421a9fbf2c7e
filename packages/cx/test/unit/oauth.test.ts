import { describe, expect, it } from "vitest";
import { basicAuthorization } from "@apis/runtime";
import { buildAuthorizeUrl, AuthenticationError, AuthorizationDeniedError, exchangeAuthorizationCode, InputError, readAuthorizationCallback } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { AUTH_CODE, CLIENT_ID, CLIENT_SECRET } from "../support/secrets.js";
import { caught } from "@apis/faults/leak-watch";
import { bad } from "@apis/faults/bad-input";

const REDIRECT = "https://app.example.com/cx/callback";
const STATE = "st-0123456789";

describe("authorizeUrl", () => {
  it("puts a state inherited from the options' prototype into the URL, as it checked it", () => {
    const options = Object.assign(Object.create({ state: STATE }), { clientId: CLIENT_ID, redirectUri: REDIRECT });
    expect(new URL(buildAuthorizeUrl(options)).searchParams.get("state")).toBe(STATE);
  });

  it("points at CX's authorization page with the client id, the redirect URI and the state", () => {
    const url = new URL(buildAuthorizeUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: STATE }));
    expect(`${url.origin}${url.pathname}`).toBe("https://www.cx.com/mycx/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: CLIENT_ID, redirect_uri: REDIRECT, response_type: "code", state: STATE });
  });

  it.each<[string, unknown]>([
    ["left out", undefined],
    ["empty", ""],
    ["shorter than 8 characters", "s-1"],
    ["a number", 12345678],
  ])("refuses a state %s with an InputError naming state: the callback's check needs one", async (_, state) => {
    const error = await caught(() => buildAuthorizeUrl(bad<{ clientId: string; redirectUri: string; state: string }>({ clientId: CLIENT_ID, redirectUri: REDIRECT, state })));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("state");
  });

  it("refuses a redirect URI that is not https, as CX does", async () => {
    // @ts-expect-error: the types refuse an http literal too (test/types/literal-arguments.test-d.ts); this is JavaScript's net
    const error = await caught(() => buildAuthorizeUrl({ clientId: CLIENT_ID, redirectUri: "http://app.example.com/cx/callback", state: STATE }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("redirectUri");
  });
});

describe("buildAuthorizeUrl and CX's https rule", () => {
  it.each(["http://localhost:3000/cx/callback", "http://127.0.0.1:8765/cx/callback", "HTTP://[::1]/cb"])("refuses %j: CX takes no http redirect URI, loopback included", async (redirectUri) => {
    const error = await caught(() => buildAuthorizeUrl({ clientId: CLIENT_ID, redirectUri, state: STATE }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("redirectUri");
    expect((error as Error).message).toBe("redirectUri must be https: CX refuses http, even on localhost");
  });
});

describe("readAuthorizationCallback", () => {
  it.each(["auth_code", "code", "authorization_code"])("reads the code from %s", (param) => {
    expect(readAuthorizationCallback(`${REDIRECT}?${param}=${AUTH_CODE}&state=s-1`, { expectedState: "s-1" })).toEqual({ code: AUTH_CODE, state: "s-1" });
  });

  it("prefers auth_code, which the doc's example and omniauth-cx use", () => {
    expect(readAuthorizationCallback(`/cx/callback?code=other&auth_code=${AUTH_CODE}`, { expectedState: null }).code).toBe(AUTH_CODE);
  });

  it("reads a query string given without its ? (a framework's query string)", () => {
    expect(readAuthorizationCallback(`auth_code=${AUTH_CODE}&state=s-1`, { expectedState: "s-1" })).toEqual({ code: AUTH_CODE, state: "s-1" });
  });

  // Left out, the state check would be off without a word, and a forged callback (login CSRF) taken.
  it.each<[string, unknown, string]>([
    ["no options", undefined, "options"],
    ["null options", null, "options"],
    ["options without expectedState", {}, "expectedState"],
  ])("refuses %s with an InputError naming the field, and reads the code with expectedState: null", (_, options, field) => {
    const error = (() => {
      try {
        return readAuthorizationCallback(`${REDIRECT}?auth_code=${AUTH_CODE}&state=forged`, bad<{ expectedState: string }>(options));
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(readAuthorizationCallback(`${REDIRECT}?auth_code=${AUTH_CODE}`, { expectedState: null })).toEqual({ code: AUTH_CODE });
  });

  it("throws AuthorizationDeniedError when the user denied access", async () => {
    const error = await caught(() => readAuthorizationCallback(`${REDIRECT}?deny=true`, { expectedState: null }));
    expect(error).toBeInstanceOf(AuthorizationDeniedError);
    expect((error as AuthorizationDeniedError).error).toBe("access_denied");
  });

  it("refuses a callback whose state is not the one sent, without quoting the code", async () => {
    const error = await caught(() => readAuthorizationCallback(`${REDIRECT}?auth_code=${AUTH_CODE}&state=forged`, { expectedState: "s-1" }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("state");
  });

  it("checks an expectedState the options inherit (a class getter), as it did before, instead of skipping the check", async () => {
    // Its state out of the instance: an own field (TypeScript's `private session`) is refused as an option
    // readAuthorizationCallback does not take, as every helper refuses one.
    const session = { cxState: "s-1" };
    class CallbackOptions {
      get expectedState(): string {
        return session.cxState;
      }
    }
    for (const options of [new CallbackOptions(), Object.create({ expectedState: "s-1" }) as { expectedState: string }]) {
      const error = await caught(() => readAuthorizationCallback(`${REDIRECT}?auth_code=${AUTH_CODE}&state=forged`, options));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("state");
      expect(readAuthorizationCallback(`${REDIRECT}?auth_code=${AUTH_CODE}&state=s-1`, options)).toEqual({ code: AUTH_CODE, state: "s-1" });
    }
  });

  it("refuses a callback when the session lost its state (expectedState given as undefined), a login CSRF", async () => {
    const session: { cxState?: string } = {};
    const error = await caught(() => readAuthorizationCallback(`${REDIRECT}?auth_code=${AUTH_CODE}`, { expectedState: session.cxState! }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("state");
  });

  it("refuses the state passed by itself instead of options, and still checks a state given in options", async () => {
    const error = await caught(() => readAuthorizationCallback(`${REDIRECT}?auth_code=${AUTH_CODE}&state=s-1`, "s-1" as never));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("options");
    expect(readAuthorizationCallback(`${REDIRECT}?auth_code=${AUTH_CODE}&state=s-1`, { expectedState: "s-1" })).toEqual({ code: AUTH_CODE, state: "s-1" });
  });

  it("says which parameters it looked for when there is no code", async () => {
    const error = await caught(() => readAuthorizationCallback(`${REDIRECT}?state=s-1`, { expectedState: "s-1" }));
    expect((error as InputError).message).toMatch(/no auth_code or code or authorization_code parameter/);
  });
});

describe("exchangeAuthorizationCode", () => {
  it("posts the grant urlencoded with HTTP Basic client authentication, as the doc's curl and Python examples send it", async () => {
    const observed = observedFetch(() => json({ return_type: "json", access_token: "issued-token", token_type: "bearer" }));
    const token = await exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, fetch: observed.fetch });
    expect(token).toEqual({ return_type: "json", access_token: "issued-token", token_type: "bearer" });
    const [request] = observed.requests;
    expect(`${request?.method} ${request?.url}`).toBe("POST https://api.cx.com/1/oauth/token");
    expect(request?.headers.get("authorization")).toBe(basicAuthorization(CLIENT_ID, CLIENT_SECRET));
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(observed.bodies[0]).toBe(`grant_type=authorization_code&code=${AUTH_CODE}&redirect_uri=${encodeURIComponent(REDIRECT)}`);
  });

  it("can send the grant as multipart, as one sentence of the doc says the endpoint requires", async () => {
    const observed = observedFetch(() => json({ access_token: "issued-token", token_type: "bearer" }));
    await exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, fetch: observed.fetch, bodyEncoding: "multipart" });
    const type = observed.requests[0]!.headers.get("content-type")!;
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(observed.bodies[0], { headers: { "content-type": type } }).formData();
    expect(Object.fromEntries(form)).toEqual({ grant_type: "authorization_code", code: AUTH_CODE, redirect_uri: REDIRECT });
  });

  it("throws an AuthenticationError with CX's reason, but neither the code nor the secret", async () => {
    const observed = observedFetch(() => json({ errorType: "BadAuthCode", message: `Code ${AUTH_CODE} expired` }, 400));
    const error = await caught(exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, fetch: observed.fetch }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(400);
    expect((error as AuthenticationError).body).toEqual({ errorType: "BadAuthCode", message: "Code [redacted] expired" });
  });

  it.each(["http://app.example.com/cb", "http://localhost:3000/cx/callback", "http://127.0.0.1:8765/cx/callback", "HTTP://[::1]/cb"])(
    "refuses the http redirect URI %j before sending anything, as buildAuthorizeUrl refuses it (loopback included)",
    async (redirectUri) => {
      const observed = observedFetch(() => json({}));
      const error = await caught(exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri, fetch: observed.fetch }));
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe("redirectUri must be https: CX refuses http, even on localhost");
      expect(observed.requests).toHaveLength(0);
    },
  );

  // A value read from a file or an environment variable may come with its newline; the URL parser drops white space
  // at a URL's ends, so the https check alone took such a redirect URI, and CX would have got %0A.
  const untrimmed: [string, Record<string, string>][] = [
    ["redirectUri", { redirectUri: `${REDIRECT}\n` }],
    ["redirectUri", { redirectUri: ` ${REDIRECT}` }],
    ["clientId", { clientId: `${CLIENT_ID}\n` }],
    ["clientId", { clientId: `${CLIENT_ID}\t` }],
    // A C1 control, a zero-width space and a no-break space: the URL parser keeps them, and CX would get them.
    ["clientId", { clientId: `${CLIENT_ID}\u0085` }],
    ["clientId", { clientId: `\u200b${CLIENT_ID}` }],
    ["redirectUri", { redirectUri: `${REDIRECT}\u0085` }],
    ["redirectUri", { redirectUri: `${REDIRECT}\u00a0` }],
  ];
  it.each(untrimmed)("refuses a %s with a space or control character, before anything is sent and without quoting it", async (field, given) => {
    const observed = observedFetch(() => json({ access_token: "issued-token" }));
    const error = await caught(exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, fetch: observed.fetch, ...given }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((error as Error).message).toBe(`${field} holds a space or control character (a stray newline?): CX would not recognise it`);
    expect(observed.requests).toHaveLength(0);
  });

  it.each(untrimmed)("buildAuthorizeUrl refuses a %s with a space or control character too", async (field, given) => {
    const error = await caught(() => buildAuthorizeUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: STATE, ...given }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
  });

  // Read as text first, an object or a Date was told it held a space (its text does), and a Symbol or a null-prototype
  // object threw a TypeError from the platform.
  it.each([{}, new Date(0), Symbol("id"), Object.create(null)])("refuses a clientId of %s as no string, with the runtime's message", async (clientId) => {
    for (const call of [
      () => buildAuthorizeUrl(bad<{ clientId: string; redirectUri: string; state: string }>({ clientId, redirectUri: REDIRECT, state: STATE })),
      () => exchangeAuthorizationCode(bad<Parameters<typeof exchangeAuthorizationCode>[0]>({ clientId, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, fetch: observedFetch(() => json({})).fetch })),
    ]) {
      const error = await caught(call);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("clientId");
      expect((error as Error).message).not.toMatch(/space or control character/);
    }
  });

  it("refuses a signal that is no AbortSignal (the options passed again) with an InputError that quotes neither the code nor the secret", async () => {
    const observed = observedFetch(() => json({ access_token: "at-1", token_type: "bearer" }));
    const options = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, fetch: observed.fetch };
    const error = await caught(exchangeAuthorizationCode({ ...options, signal: options as unknown as AbortSignal }));
    expect(error).toEqual(new InputError("signal", "signal must be an AbortSignal"));
    expect(observed.requests).toHaveLength(0);
  });

  it("leaves a redirect URI no URL parser reads to the runtime's own refusal", async () => {
    const observed = observedFetch(() => json({}));
    const error = await caught(exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: "/cx/callback", fetch: observed.fetch }));
    expect((error as InputError).field).toBe("redirectUri");
    expect((error as Error).message).not.toMatch(/CX refuses http/);
    expect(observed.requests).toHaveLength(0);
  });
});

describe("the names before 0.2", () => {
  it("authorizeUrl, readCallback and exchangeCode still work, as deprecated aliases of the one set of verbs", async () => {
    const cx = await import("../../src/index.js");
    expect(cx.authorizeUrl).toBe(cx.buildAuthorizeUrl);
    expect(cx.readCallback).toBe(cx.readAuthorizationCallback);
    expect(cx.exchangeCode).toBe(cx.exchangeAuthorizationCode);
    expect(cx.readCallback(`${REDIRECT}?auth_code=${AUTH_CODE}&state=${STATE}`, { expectedState: STATE }).code).toBe(AUTH_CODE);
    expect(new URL(cx.authorizeUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: STATE })).searchParams.get("client_id")).toBe(CLIENT_ID);
  });

  it("still reads dataUrl, the deprecated name of dataBaseUrl", async () => {
    const { createClient, DEFAULT_DATA_URL, DEFAULT_DATA_BASE_URL, uploadFile, filePath } = await import("../../src/index.js");
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      seen.push(new URL(request.url).origin);
      return Response.json({ id: "x" });
    };
    const cx = createClient({ auth: { type: "token", accessToken: "token-1234" }, dataUrl: "https://data.mock.test/1", fetch });
    await uploadFile(cx, filePath("self", "/a.txt"), "a", { contentType: "text/plain" });
    expect(seen).toEqual(["https://data.mock.test"]);
    expect(DEFAULT_DATA_URL).toBe(DEFAULT_DATA_BASE_URL);
  });

  // With two URLs, the data host that uploads went to was the new name's, the old one ignored without a word.
  it("refuses dataUrl beside dataBaseUrl with another URL, before sending anything, and takes the two with the same", async () => {
    const { createClient, uploadFile, filePath } = await import("../../src/index.js");
    const seen: string[] = [];
    const fetch = async (request: Request) => (seen.push(new URL(request.url).origin), Response.json({ id: "x" }));
    const options = { auth: { type: "token", accessToken: "token-1234" }, dataBaseUrl: "https://data.mock.test/1", fetch } as const;
    expect(() => createClient({ ...options, dataUrl: "https://old-data.mock.test/1" })).toThrow(
      expect.objectContaining({ name: "InputError", field: "dataUrl", message: "dataUrl is renamed dataBaseUrl: pass only that" }),
    );
    await uploadFile(createClient({ ...options, dataUrl: "https://data.mock.test/1" }), filePath("self", "/a.txt"), "a", { contentType: "text/plain" });
    expect(seen).toEqual(["https://data.mock.test"]);
  });
});
