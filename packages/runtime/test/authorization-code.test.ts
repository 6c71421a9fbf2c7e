import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  AuthenticationError,
  AuthorizationDeniedError,
  buildAuthorizeUrl,
  buildAuthorizeUrlWithoutParams,
  exchangeAuthorizationCode,
  exchangeAuthorizationCodeInForm,
  InputError,
  readAuthorizationCallback,
  redactSecrets,
  rememberSecret,
  type AuthorizationCallbackOptions,
  type ExchangeAuthorizationCodeOptions,
} from "../src/index.js";
import { caught, expectNoSecrets, fakeFetch, json, networkError, type Handler } from "./helpers.js";

const AUTHORIZE_URL = "https://auth.example.com/oauth/authorize";
const TOKEN_URL = "https://auth.example.com/oauth/token";
const REDIRECT_URI = "https://app.example.com/oauth/callback";
const CODE = "authcode-secret-1";
const CLIENT_SECRET = "s3cr3t-client-secret";
const STATE = "st-0123456789";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expectNoSecrets(error, [CODE]);
    return error;
  }
  throw new Error("expected it to throw");
}

describe("buildAuthorizeUrl", () => {
  it("adds client_id, redirect_uri, response_type, state, scope and extra params to the endpoint's own query", () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizeUrl: `${AUTHORIZE_URL}?tenant=eu`,
        clientId: "app-1",
        redirectUri: REDIRECT_URI,
        state: STATE,
        scope: ["read", "write"],
        params: { prompt: "consent" },
      }),
    );
    expect(url.origin + url.pathname).toBe(AUTHORIZE_URL);
    expect([...url.searchParams]).toEqual([
      ["tenant", "eu"],
      ["client_id", "app-1"],
      ["redirect_uri", REDIRECT_URI],
      ["response_type", "code"],
      ["state", STATE],
      ["scope", "read write"],
      ["prompt", "consent"],
    ]);
  });

  it("leaves out scope when not given and takes another response_type", () => {
    const url = new URL(buildAuthorizeUrl({ authorizeUrl: AUTHORIZE_URL, clientId: "app-1", redirectUri: REDIRECT_URI, state: STATE, responseType: "code id_token" }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: "app-1", redirect_uri: REDIRECT_URI, response_type: "code id_token", state: STATE });
  });

  // An empty value is no value: `scope=` would ask for no scope at all, where leaving it out asks for the client's default.
  it("leaves out an empty scope, an empty scope list and an empty extra param", () => {
    for (const scope of ["", []]) {
      const url = new URL(buildAuthorizeUrl({ authorizeUrl: AUTHORIZE_URL, clientId: "app-1", redirectUri: REDIRECT_URI, state: STATE, scope, params: { prompt: "", login_hint: "ana" } }));
      expect([...url.searchParams.keys()]).toEqual(["client_id", "redirect_uri", "response_type", "state", "login_hint"]);
    }
  });

  it("takes an extra param named like a member every object inherits (constructor), which is no option of its own", () => {
    const url = new URL(buildAuthorizeUrl({ authorizeUrl: AUTHORIZE_URL, clientId: "app-1", redirectUri: REDIRECT_URI, state: STATE, params: { constructor: "x" } as Record<string, string> }));
    expect(url.searchParams.get("constructor")).toBe("x");
  });

  // The callback's check needs a state to compare: without one a forged callback (login CSRF) cannot be told apart.
  it.each<[string, unknown]>([
    ["left out", undefined],
    ["empty", ""],
    ["shorter than 8 characters", "st-1234"],
    ["a number", 12345678],
  ])("refuses a state %s with an InputError naming state", (_, state) => {
    const error = thrown(() => buildAuthorizeUrl({ authorizeUrl: AUTHORIZE_URL, clientId: "app-1", redirectUri: REDIRECT_URI, state: state as string }));
    expect(error).toEqual(new InputError("state", "state must be an unguessable string of 8 or more characters kept in the user's session, e.g. crypto.randomUUID()"));
  });

  it.each(["http://127.0.0.1:8765/callback", "http://localhost:3000/oauth/callback", "http://[::1]:8080/cb"])(
    "takes an http redirectUri on loopback, %j, as a local or native app registers it (RFC 8252 §7.3)",
    (redirectUri) => {
      const url = new URL(buildAuthorizeUrl({ authorizeUrl: AUTHORIZE_URL, clientId: "app-1", redirectUri, state: STATE }));
      expect(url.searchParams.get("redirect_uri")).toBe(redirectUri);
    },
  );

  it.each([
    "http://app.example.com/callback",
    "http://localhost.example.com/callback",
    "/callback",
    "app.example.com/callback",
    "",
    "https://app.example.com/callback#done",
    "https://app.example.com/callback#",
  ])("refuses the redirectUri %j with an InputError", (redirectUri) => {
    const error = thrown(() => buildAuthorizeUrl({ authorizeUrl: AUTHORIZE_URL, clientId: "app-1", redirectUri, state: STATE }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("redirectUri");
    expect((error as Error).message).toMatch(/absolute https URL/);
  });

  it("refuses a relative authorizeUrl, a missing clientId and extra params that shadow an option", () => {
    expect(() => buildAuthorizeUrl({ authorizeUrl: "/oauth/authorize", clientId: "app-1", redirectUri: REDIRECT_URI, state: STATE })).toThrow(/authorizeUrl must be a full URL/);
    expect(() => buildAuthorizeUrl({ authorizeUrl: AUTHORIZE_URL, clientId: "", redirectUri: REDIRECT_URI, state: STATE })).toThrow(/clientId must be a non-empty string/);
    expect(() => buildAuthorizeUrl({ authorizeUrl: AUTHORIZE_URL, clientId: "app-1", redirectUri: REDIRECT_URI, state: STATE, params: { state: "x" } })).toThrow(
      /params.state is set from its own option: use state instead/,
    );
  });
});

describe("buildAuthorizeUrlWithoutParams", () => {
  it("builds the URL buildAuthorizeUrl builds without extra params, after the same checks", () => {
    const options = { authorizeUrl: `${AUTHORIZE_URL}?tenant=eu`, clientId: "app-1", redirectUri: REDIRECT_URI, state: STATE, scope: "read" };
    expect(buildAuthorizeUrlWithoutParams(options)).toBe(buildAuthorizeUrl(options));
    expect(() => buildAuthorizeUrlWithoutParams({ ...options, state: "short" })).toThrow(expect.objectContaining({ field: "state" }));
  });
});

describe("readAuthorizationCallback", () => {
  it("reads the code and state from a callback URL, as a string or a URL", () => {
    const callback = `${REDIRECT_URI}?code=${CODE}&state=st-123`;
    expect(readAuthorizationCallback(callback, { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
    expect(readAuthorizationCallback(new URL(callback), { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
  });

  it("reads a bare path and query, as a web framework's req.url gives it", () => {
    expect(readAuthorizationCallback(`/oauth/callback?code=${CODE}`, { expectedState: null })).toEqual({ code: CODE });
  });

  // As a path, `code=...&state=...` was a callback without a state: "it may be forged or stale", a wrong lead.
  it("reads a query string without its ?, as a framework's query string or url.search.slice(1) gives it", () => {
    expect(readAuthorizationCallback(`code=${CODE}&state=st-123`, { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
    expect(readAuthorizationCallback(`state=st-123&code=${CODE}`, { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
    expect(() => readAuthorizationCallback("error=access_denied&state=st-123", { expectedState: "st-123" })).toThrow(AuthorizationDeniedError);
    expect(readAuthorizationCallback(`x-app=1&code=${CODE}&state=st-123`, { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
    // A text with a "?" is still a path and its query, whatever its first segment holds.
    expect(readAuthorizationCallback(`callback?code=${CODE}`, { expectedState: null })).toEqual({ code: CODE });
    expect(readAuthorizationCallback(`cb=1/x?code=${CODE}&state=st-123`, { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
    expect(readAuthorizationCallback(`v=2/oauth/callback?state=st-123&code=${CODE}#c=1`, { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
  });

  it.each([
    ["nothing", undefined],
    ["null", null],
    ["an object", { url: "/oauth/callback?code=x" }],
  ])("refuses %s as the URL with an InputError naming url, not as a forged callback", (shown, url) => {
    expect(() => readAuthorizationCallback(url as never, { expectedState: "st-123" })).toThrow(
      new InputError("url", `url must be the callback URL the vendor redirected to, or its path and query, got ${shown}`),
    );
  });

  it("reads a URL-like object by its href, as a framework's request URL (Next.js request.nextUrl)", () => {
    const nextUrl = { href: `${REDIRECT_URI}?code=${CODE}&state=st-123`, toString: () => "not used" };
    expect(readAuthorizationCallback(nextUrl as unknown as URL, { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
  });

  it("takes the first present of codeParams", () => {
    expect(readAuthorizationCallback(`${REDIRECT_URI}?auth_code=${CODE}`, { codeParams: ["code", "auth_code"], expectedState: null })).toEqual({ code: CODE });
  });

  it("looks only for code by default, and names it when the callback has none", () => {
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?auth_code=${CODE}&state=st-123`, { expectedState: "st-123" }));
    expect(error).toEqual(new InputError("url", "The callback has no code parameter: pass the URL the vendor redirected to, with its query"));
  });

  // The vendor's code comes first: one appended to the callback after it (by whoever forwards the link) is not taken.
  it("takes the first of a code parameter given twice", () => {
    expect(readAuthorizationCallback(`${REDIRECT_URI}?code=${CODE}&code=appended&state=st-123`, { expectedState: "st-123" })).toEqual({ code: CODE, state: "st-123" });
  });

  it("refuses a state that differs from the expected one, or is missing, without quoting the code", () => {
    for (const [url, why] of [
      [`${REDIRECT_URI}?code=${CODE}&state=other`, "The callback's state is not the one sent"],
      [`${REDIRECT_URI}?code=${CODE}`, "The callback has no state"],
    ]) {
      const error = thrown(() => readAuthorizationCallback(url!, { expectedState: "st-123" }));
      expect(error).toEqual(new InputError("state", `${why}: it may be forged or stale; start the sign-in again`));
    }
  });

  it("refuses a forged callback when the session lost its state: expectedState present but undefined or empty", () => {
    // Login CSRF: the victim has no sign-in under way, so session.oauthState is undefined; the attacker's link
    // carries the attacker's own code and no state (or an empty one).
    const session: { oauthState?: string } = {};
    for (const [url, expectedState] of [
      [`${REDIRECT_URI}?code=${CODE}`, session.oauthState],
      [`${REDIRECT_URI}?code=${CODE}&state=`, ""],
      [`${REDIRECT_URI}?code=${CODE}&state=attacker`, undefined],
    ] as const) {
      const error = thrown(() => readAuthorizationCallback(url, { expectedState }));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("state");
    }
  });

  // Left out, the check would be off without a word: the forged callback above would be taken.
  it.each<[string, unknown]>([
    ["no options", undefined],
    ["null", null],
    ["options without expectedState", {}],
    ["options with codeParams alone", { codeParams: ["code"] }],
  ])("refuses %s with an InputError naming expectedState, before reading the URL", (_, options) => {
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?code=${CODE}&state=attacker`, options as AuthorizationCallbackOptions)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe(options === null || options === undefined ? "options" : "expectedState");
    expect(error.message).not.toContain(CODE);
  });

  it("says how to skip the check when expectedState is left out, and skips it for null", () => {
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?code=${CODE}`, {} as AuthorizationCallbackOptions)) as InputError;
    expect(error.message).toBe("expectedState is required: the state sent to the vendor (null skips the check)");
    expect(readAuthorizationCallback(`${REDIRECT_URI}?code=${CODE}&state=any`, { expectedState: null })).toEqual({ code: CODE, state: "any" });
  });

  it("refuses a callback without a code, naming the parameters it looked for", () => {
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?state=st-123`, { codeParams: ["code", "auth_code"], expectedState: "st-123" }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/The callback has no code or auth_code parameter/);
  });

  it("throws AuthorizationDeniedError with error and error_description when the user declined", () => {
    const error = thrown(() =>
      readAuthorizationCallback(`${REDIRECT_URI}?error=access_denied&error_description=The+user+said+no&state=st-123`, { expectedState: "st-123" }),
    ) as AuthorizationDeniedError;
    expect(error).toBeInstanceOf(AuthorizationDeniedError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe("AuthorizationDeniedError");
    expect(error.error).toBe("access_denied");
    expect(error.errorDescription).toBe("The user said no");
    expect(error.body).toEqual({ error: "access_denied", error_description: "The user said no", error_uri: undefined });
    expect(error.message).toBe("The authorization was refused (access_denied: The user said no): the user declined; ask them to sign in again and allow access.");
  });

  it("reads deny=true as access_denied", () => {
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?deny=true`, { expectedState: null })) as AuthorizationDeniedError;
    expect(error).toBeInstanceOf(AuthorizationDeniedError);
    expect(error.error).toBe("access_denied");
  });

  it("reads a deny of any other value than true as no refusal", () => {
    for (const deny of ["false", "0", ""]) {
      expect(readAuthorizationCallback(`${REDIRECT_URI}?deny=${deny}&code=${CODE}`, { expectedState: null })).toEqual({ code: CODE });
    }
  });

  it("keeps the error_uri of a refusal, where the vendor explains its error", () => {
    const error = thrown(() =>
      readAuthorizationCallback(`${REDIRECT_URI}?error=invalid_scope&error_uri=https%3A%2F%2Fauth.example.com%2Fdocs%2Fscopes`, { expectedState: null }),
    ) as AuthorizationDeniedError;
    expect(error.body).toEqual({ error: "invalid_scope", error_description: undefined, error_uri: "https://auth.example.com/docs/scopes" });
  });

  it("keeps a forged error's text on one bounded line of the message, and whole in errorDescription", () => {
    // No state is needed to be refused, so anyone can link a user here with text of their own.
    const forged = `line one\r\nERROR admin signed in${"x".repeat(5000)}`;
    const error = thrown(() =>
      readAuthorizationCallback(`${REDIRECT_URI}?error=${encodeURIComponent(`bad\nerror${"e".repeat(5000)}`)}&error_description=${encodeURIComponent(forged)}`, { expectedState: null }),
    ) as AuthorizationDeniedError;
    expect(error).toBeInstanceOf(AuthorizationDeniedError);
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).toContain("(bad error");
    expect(error.message).toContain(": line one ERROR admin signed in");
    expect(error.message.length).toBeLessThan(600);
    expect(error.errorDescription).toBe(forged);
  });

  it("keeps no credential a callback quotes in error and errorDescription, as in the body", () => {
    rememberSecret("known-secret-5544");
    const error = thrown(() =>
      readAuthorizationCallback(`${REDIRECT_URI}?error=code%3Dknown-secret-5544&error_description=${encodeURIComponent("retry with client_secret=cs-99887766")}`, { expectedState: null }),
    ) as AuthorizationDeniedError;
    expect(error.errorDescription).toBe("retry with client_secret=[redacted]");
    expect(error.error).toBe("code=[redacted]");
    expect(inspect(error)).not.toMatch(/cs-99887766|known-secret-5544/);
  });

  it("cleans a forged error's other line breaks and terminal controls too: NEL, C1 CSI, U+2028/U+2029, bidi overrides", () => {
    // U+0085 and U+2028/9 end a line for many log readers; U+009B is CSI, which a terminal runs like ESC [; U+202E
    // turns the rest of the line around, so the message would read otherwise than it says.
    const forged = "a\u0085b\u2028c\u2029d\u009b31me\u202ef\u2066g Zoë 😀";
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?error=x&error_description=${encodeURIComponent(forged)}`, { expectedState: null })) as AuthorizationDeniedError;
    expect(error).toBeInstanceOf(AuthorizationDeniedError);
    // Letters and emoji beyond ASCII are kept.
    expect(error.message).toContain("(x: a b c d 31me f g Zoë 😀)");
    expect(error.errorDescription).toBe(forged);
  });

  it("refuses options that are no object (the state passed by itself) with an InputError that does not quote it", () => {
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?code=${CODE}&state=st-123`, "st-123" as never)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe("options");
    expect(error.message).toBe("options must be { expectedState }, got a string");
  });

  it("refuses an option it does not take (state for expectedState), which would have checked no state", () => {
    const url = `${REDIRECT_URI}?code=${CODE}&state=forged`;
    const error = thrown(() => readAuthorizationCallback(url, { state: "s-1" } as unknown as AuthorizationCallbackOptions));
    expect(error).toEqual(new InputError("state", "state is not an option of readAuthorizationCallback: did you mean expectedState?"));
    expect(() => readAuthorizationCallback(url, { codeParam: ["code"], expectedState: null } as unknown as AuthorizationCallbackOptions)).toThrow(/^codeParam is not an option of readAuthorizationCallback: did you mean codeParams\?$/);
  });

  it("takes every option AuthorizationCallbackOptions declares", () => {
    const every: Required<AuthorizationCallbackOptions> = { codeParams: ["auth_code"], expectedState: "s-1" };
    expect(readAuthorizationCallback(`${REDIRECT_URI}?auth_code=c-1&state=s-1`, every)).toEqual({ code: "c-1", state: "s-1" });
  });

  it("says the session lost its state when expectedState is given empty", () => {
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?code=${CODE}`, { expectedState: undefined })) as InputError;
    expect(error.message).toMatch(/^expectedState is empty \(a lost session\?\): it may be forged or stale; start the sign-in again$/);
    expect(error.message).not.toContain(CODE);
  });

  it("reports other OAuth errors with the vendor's code, and never the code when one came along", () => {
    const error = thrown(() => readAuthorizationCallback(`${REDIRECT_URI}?error=invalid_scope&code=${CODE}`, { expectedState: null })) as AuthorizationDeniedError;
    expect(error.error).toBe("invalid_scope");
    expect(error.message).toContain("check the authorization request's client_id, redirect_uri and scope");
  });
});

describe("exchangeAuthorizationCode", () => {
  function exchange(handler: Handler, options: Partial<ExchangeAuthorizationCodeOptions> = {}) {
    const fake = fakeFetch(handler);
    const result = exchangeAuthorizationCode({
      tokenUrl: TOKEN_URL,
      clientId: "app-1",
      clientSecret: CLIENT_SECRET,
      code: CODE,
      redirectUri: REDIRECT_URI,
      fetch: fake.fetch,
      retryDelay: { baseMs: 1, maxMs: 2 },
      ...options,
    });
    return { result, calls: fake.calls };
  }
  const tokens = () => json({ access_token: "at-secret-1", token_type: "bearer", expires_in: 3600, refresh_token: "rt-secret-1", scope: "read" });

  it("POSTs the code as a urlencoded form with Basic client authentication by default, and returns the token JSON", async () => {
    const { result, calls } = exchange(tokens);
    expect(await result).toEqual({ access_token: "at-secret-1", token_type: "bearer", expires_in: 3600, refresh_token: "rt-secret-1", scope: "read" });
    const [call] = calls;
    expect(call?.method).toBe("POST");
    expect(call?.url.href).toBe(TOKEN_URL);
    expect(call?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(call?.headers.get("accept")).toBe("application/json");
    expect(call?.headers.get("authorization")).toBe(`Basic ${Buffer.from(`app-1:${CLIENT_SECRET}`).toString("base64")}`);
    expect(Object.fromEntries(new URLSearchParams(call?.body))).toEqual({ grant_type: "authorization_code", code: CODE, redirect_uri: REDIRECT_URI });
  });

  // The platform's TypeError ("Expected signal (...) to be an instance of AbortSignal") would quote the object whole: here
  // the options themselves, the client secret and the code in them.
  it.each([["the options object", "options"], ["a string", "yes"], ["the AbortController instead of its signal", new AbortController()], ["the options object with an addEventListener", "options+listener"]])("refuses %s as signal with an InputError that quotes nothing, before sending", async (_, given) => {
    const options = { tokenUrl: TOKEN_URL, clientId: "app-1", clientSecret: CLIENT_SECRET, code: CODE, redirectUri: REDIRECT_URI };
    const signal = given === "options" ? options : given === "options+listener" ? { ...options, addEventListener() {} } : given;
    const { result, calls } = exchange(tokens, { signal: signal as unknown as AbortSignal });
    const error = await result.catch((caught: unknown) => caught);
    expect(error).toEqual(new InputError("signal", "signal must be an AbortSignal"));
    expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toMatch(new RegExp(`${CLIENT_SECRET}|${CODE}`));
    expect(calls).toHaveLength(0);
  });

  // As the token request reads it, and the helpers' signals: `useTimeout && AbortSignal.timeout(5000)`.
  it.each([false, 0, "", null])("takes a falsy signal (%j) as none", async (signal) => {
    const { result } = exchange(tokens, { signal: signal as unknown as AbortSignal });
    expect(await result).toMatchObject({ access_token: "at-secret-1" });
  });

  // Only access_token is checked: a null in another field (a server without refresh tokens writing refresh_token: null)
  // is returned as sent, as TokenResponse types it (test/types/token-response.test-d.ts).
  it("returns a null refresh_token, expires_in, scope or token_type as the server sent it", async () => {
    const answer = { access_token: "at-secret-1", token_type: null, expires_in: null, refresh_token: null, scope: null };
    const { result } = exchange(() => json(answer));
    const token = await result;
    expect(token).toEqual(answer);
    expect(token.refresh_token ?? "none").toBe("none");
  });

  it("with clientAuthentication body sends client_id and client_secret in the body, after the grant's fields, and no Authorization header", async () => {
    const { result, calls } = exchange(tokens, { clientAuthentication: "body" });
    await result;
    expect(calls[0]?.headers.has("authorization")).toBe(false);
    expect([...new URLSearchParams(calls[0]?.body)]).toEqual([
      ["grant_type", "authorization_code"],
      ["code", CODE],
      ["redirect_uri", REDIRECT_URI],
      ["client_id", "app-1"],
      ["client_secret", CLIENT_SECRET],
    ]);
  });

  it("with bodyEncoding multipart sends the same fields as multipart/form-data", async () => {
    const { result, calls } = exchange(tokens, { bodyEncoding: "multipart", clientAuthentication: "body" });
    await result;
    const call = calls[0]!;
    expect(call.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const sent = await new Request(call.url, { method: "POST", headers: call.headers, body: call.body }).formData();
    expect(Object.fromEntries(sent)).toEqual({ grant_type: "authorization_code", code: CODE, redirect_uri: REDIRECT_URI, client_id: "app-1", client_secret: CLIENT_SECRET });
  });

  it("a refused code throws AuthenticationError with the status and parsed body, redacting the code, the secret and tokens", async () => {
    const { result } = exchange(() =>
      json(
        {
          error: "invalid_grant",
          error_description: `Code ${CODE} was already used by client ${CLIENT_SECRET}`,
          access_token: "at-secret-2",
          hint: "at-secret-2",
        },
        { status: 400 },
      ),
    );
    const error = (await caught(result)) as AuthenticationError;
    expectNoSecrets(error, [CODE, "at-secret-2"]);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(400);
    expect(error.method).toBe("POST");
    expect(error.url).toBe(TOKEN_URL);
    expect(error.body).toEqual({
      error: "invalid_grant",
      error_description: "Code [redacted] was already used by client [redacted]",
      access_token: "[redacted]",
      hint: "[redacted]",
    });
    // The hint (Laravel Passport's) is quoted before the description, redacted as the body is.
    expect(error.message).toBe(
      `Token request to ${TOKEN_URL} failed with 400 invalid_grant ([redacted]): ` +
        "the code is invalid, expired or already used, or redirectUri differs from the authorization request's; start the sign-in again",
    );
    // Without one, the description, redacted.
    const plain = (await caught(exchange(() => json({ error: "invalid_grant", error_description: `Code ${CODE} was already used by client ${CLIENT_SECRET}` }, { status: 400 })).result)) as AuthenticationError;
    expect(plain.message).toContain("failed with 400 invalid_grant (Code [redacted] was already used by client [redacted]): ");
  });

  it("a 401 without an OAuth error code blames the client ID and secret, not the code (RFC 6749 §5.2)", async () => {
    // CX's own error shape, with no `error` field: a wrong client secret under HTTP Basic.
    const { result } = exchange(() => json({ errorType: "AccessDenied", message: "Invalid client credentials" }, { status: 401 }));
    const error = (await caught(result)) as AuthenticationError;
    expect(error.status).toBe(401);
    expect(error.message).toBe(`Token request to ${TOKEN_URL} failed with 401 (Invalid client credentials): check the client ID and client secret`);
  });

  it("a 401 that names another OAuth error code keeps that code's advice, not the client ID and secret's", async () => {
    const advice = {
      unauthorized_client: "the server does not allow the authorization_code grant for this client; use other credentials",
      unsupported_grant_type: "the server does not allow the authorization_code grant for this client; use other credentials",
      invalid_scope: "the scope is not allowed for this client",
      invalid_request: "the code is invalid, expired or already used, or redirectUri differs from the authorization request's; start the sign-in again",
      invalid_grant: "the code is invalid, expired or already used, or redirectUri differs from the authorization request's; start the sign-in again",
    };
    for (const [code, hint] of Object.entries(advice)) {
      const error = (await caught(exchange(() => json({ error: code }, { status: 401 })).result)) as AuthenticationError;
      expect(error.message, code).toBe(`Token request to ${TOKEN_URL} failed with 401 ${code}: ${hint}`);
    }
  });

  // league/oauth2-server, which Laravel Passport runs, before its version 9: a spent code is invalid_request with a hint.
  it("an invalid_request, as Passport refuses a spent or expired code or another redirect URI, gets the code's advice, not the form's", async () => {
    const refused = "the code is invalid, expired or already used, or redirectUri differs from the authorization request's; start the sign-in again";
    for (const hint of ["Authorization code has been revoked", "Authorization code has expired", "Invalid redirect URI"]) {
      const error = (await caught(exchange(() => json({ error: "invalid_request", message: "The request is missing a required parameter.", hint }, { status: 400 })).result)) as AuthenticationError;
      expect(error.message).toBe(`Token request to ${TOKEN_URL} failed with 400 invalid_request (${hint}): ${refused}`);
    }
  });

  it("a 2xx without access_token throws AuthenticationError", async () => {
    const { result } = exchange(() => json({ token: "at-secret-3" }));
    const error = (await caught(result)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(200);
    expect(error.message).toContain("without an access_token");
  });

  it("makes the code and the client secret known to every later redaction, since another call's error may quote them", async () => {
    const { result } = exchange(tokens, { code: "authcode-secret-remembered", clientSecret: "client-secret-remembered" });
    await result;
    expect(redactSecrets("later: authcode-secret-remembered, client-secret-remembered")).toBe("later: [redacted], [redacted]");
  });

  it("makes every token of the answer known to every later redaction: the caller keeps them, the runtime holds none", async () => {
    const { result } = exchange(() => json({ access_token: "at-secret-exchanged", refresh_token: "rt-secret-exchanged", id_token: "id-secret-exchanged", token_type: "bearer" }));
    await result;
    expect(redactSecrets("at-secret-exchanged rt-secret-exchanged id-secret-exchanged")).toBe("[redacted] [redacted] [redacted]");
  });

  it("a 2xx whose access_token is empty or no string throws AuthenticationError, as TokenResponse promises a non-empty string", async () => {
    for (const accessToken of ["", 12_345_678]) {
      const { result } = exchange(() => json({ access_token: accessToken, token_type: "bearer" }));
      const error = (await caught(result)) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain("without an access_token");
    }
  });

  it("a non-JSON error page is kept as a redacted snippet", async () => {
    const { result } = exchange(() => new Response(`<html>code=${CODE} failed</html>`, { status: 502 }));
    const error = (await caught(result)) as AuthenticationError;
    expectNoSecrets(error, [CODE]);
    expect(error.body).toBe("<html>code=[redacted] failed</html>");
    expect(error.message).toContain("the authorization server failed; retry later");
  });

  // A token request is retried like a GET: a code the failed request spent is refused (invalid_grant) on the next, and
  // RFC 6749 §4.1.2's revocation then only takes tokens the caller never received; one a gateway never passed on goes through.
  it("is resent after a 429 and after a 503, as a token request, but not after a 400", async () => {
    const retried = exchange((_, __, index) => (index === 0 ? json({ error: "slow_down" }, { status: 429 }) : tokens()));
    expect((await retried.result).access_token).toBe("at-secret-1");
    expect(retried.calls).toHaveLength(2);
    const unavailable = exchange((_, __, index) => (index === 0 ? json({ error: "temporarily_unavailable" }, { status: 503 }) : tokens()));
    expect((await unavailable.result).access_token).toBe("at-secret-1");
    expect(unavailable.calls).toHaveLength(2);
    const refused = exchange(() => json({ error: "invalid_grant" }, { status: 400 }));
    expect(await caught(refused.result)).toBeInstanceOf(AuthenticationError);
    expect(refused.calls).toHaveLength(1);
  });

  it("an unreachable token endpoint throws ApiConnectionError after the safe retries", async () => {
    const { result, calls } = exchange(() => {
      throw networkError("ECONNREFUSED");
    });
    const error = await caught(result);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expectNoSecrets(error, [CODE]);
    expect(calls).toHaveLength(3);
  });

  it("sends nothing to a token endpoint with user info, which the platform's error would quote, nor without a client secret", async () => {
    for (const [options, field, message] of [
      [{ tokenUrl: "https://app-1:s3cr3t-client-secret@auth.example.com/oauth/token" }, "tokenUrl", "tokenUrl must not contain credentials"],
      [{ clientSecret: "" }, "clientSecret", "clientSecret must be a non-empty string"],
    ] as const) {
      const { result, calls } = exchange(tokens, options);
      expect(await caught(result)).toMatchObject({ name: "InputError", field, message });
      expect(calls).toHaveLength(0);
    }
  });

  it("builds no authorize URL on an endpoint with user info, quoting none of it", () => {
    const error = thrown(() => buildAuthorizeUrl({ authorizeUrl: "https://ana:hunter2-password@auth.example.com/oauth/authorize", clientId: "app-1", redirectUri: REDIRECT_URI, state: STATE }));
    expect(error).toMatchObject({ name: "InputError", field: "authorizeUrl", message: "authorizeUrl must not contain credentials" });
  });

  it("checks its options before sending anything", async () => {
    const { result: noCode, calls } = exchange(tokens, { code: "" });
    expect(await noCode.catch((error: unknown) => error)).toBeInstanceOf(InputError);
    const { result: plainHttp } = exchange(tokens, { redirectUri: "http://app.example.com/cb" });
    expect(((await plainHttp.catch((error: unknown) => error)) as InputError).field).toBe("redirectUri");
    const { result: badAuth } = exchange(tokens, { clientAuthentication: "header" as never });
    expect(((await badAuth.catch((error: unknown) => error)) as InputError).field).toBe("clientAuthentication");
    expect(calls).toHaveLength(0);
  });

  it("refuses an unknown bodyEncoding, and an empty clientId with the credentials in the body too, before sending", async () => {
    for (const [options, field] of [
      [{ bodyEncoding: "json" as never }, "bodyEncoding"],
      [{ clientId: "", clientAuthentication: "body" as const }, "clientId"],
    ] as const) {
      const { result, calls } = exchange(tokens, options);
      expect(await caught(result)).toMatchObject({ name: "InputError", field });
      expect(calls).toHaveLength(0);
    }
  });

  it("refuses a clientId with ':' for Basic client authentication, where the server would read another client and secret", async () => {
    const { result, calls } = exchange(tokens, { clientId: "app:1" });
    const error = (await result.catch((error: unknown) => error)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe("clientId");
    expect(calls).toHaveLength(0);
    const { result: inBody } = exchange(tokens, { clientId: "app:1", clientAuthentication: "body" });
    expect((await inBody).access_token).toBeTruthy();
    // After the transport's own options, as the Basic header is written once they have passed.
    const { result: both } = exchange(tokens, { clientId: "app:1", maxRetries: -1 });
    expect(((await both.catch((error: unknown) => error)) as InputError).field).toBe("maxRetries");
  });

  it("sends the Basic header beside a multipart body of the grant's own fields", async () => {
    const { result, calls } = exchange(tokens, { bodyEncoding: "multipart" });
    await result;
    const call = calls[0]!;
    expect(call.headers.get("authorization")).toBe(`Basic ${Buffer.from(`app-1:${CLIENT_SECRET}`).toString("base64")}`);
    const sent = await new Request(call.url, { method: "POST", headers: call.headers, body: call.body }).formData();
    expect([...sent]).toEqual([["grant_type", "authorization_code"], ["code", CODE], ["redirect_uri", REDIRECT_URI]]);
  });
});

describe("exchangeAuthorizationCodeInForm", () => {
  it("sends the grant and the client's credentials, in that order, in a urlencoded body with no Authorization header", async () => {
    const fake = fakeFetch(() => json({ access_token: "at-secret-1", token_type: "bearer" }));
    // A clientId with ':' is no problem in a body: only a Basic header cannot carry it.
    const options = { tokenUrl: TOKEN_URL, clientId: "app:1", clientSecret: CLIENT_SECRET, code: CODE, redirectUri: REDIRECT_URI, fetch: fake.fetch };
    expect(await exchangeAuthorizationCodeInForm(options)).toEqual({ access_token: "at-secret-1", token_type: "bearer" });
    const call = fake.calls[0]!;
    expect(call.headers.has("authorization")).toBe(false);
    expect(call.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(call.body)]).toEqual([
      ["grant_type", "authorization_code"],
      ["code", CODE],
      ["redirect_uri", REDIRECT_URI],
      ["client_id", "app:1"],
      ["client_secret", CLIENT_SECRET],
    ]);
  });
});
