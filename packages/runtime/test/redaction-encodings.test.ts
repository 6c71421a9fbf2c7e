// Every credential a client holds or builds, echoed back by a hostile server in every encoding it is sent in, in
// every place a client copies into errors: none may show in any error's message, String, JSON, inspect output, body
// or cause chain, in openapi-fetch's `error`, in an error built with ApiError.fromResponse, or in any logger line.
import { assertNoEcho, echoIn, encodingsOf, outcomeRenderings, tokenEchoIn, useFaultServer, type Fault } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, createOAuth2TokenSource, exchangeAuthorizationCode, type Auth, type OAuth2Grant } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";

/**
 * A credential with every character that encodes differently: `+&/`, a space, `é`, `%`, and `*~!`, which each
 * language's percent-encoding treats its own way. A token that travels in an Authorization header cannot hold a space
 * or `é` (the client refuses one before sending), so those kinds get the visible-ASCII characters only.
 */
const secretFor = (kind: string) => (HEADER_KINDS.has(kind) ? `${kind}+&/%42-Zq*~!=` : `${kind}+&/ é%42-Zq*~!`);
const HEADER_KINDS = new Set(["bearer", "issued"]);

const served = useFaultServer();

let lines: string[] = [];
const logger = { debug: (message: string, fields?: Record<string, unknown>) => void lines.push(`${message} ${JSON.stringify(fields)}`) };
const log = {
  takeLines: () => {
    const taken = lines;
    lines = [];
    return taken;
  },
};

const texts = (call: () => Promise<{ error?: unknown; response: Response }>) =>
  outcomeRenderings(call, (response, error) => ApiError.fromResponse(response, error, "GET"), log);

function client(auth: Auth) {
  return createApiClient<paths>({ baseUrl: served().url, operations, auth, maxRetries: 0, logger });
}

function tokens(grant: OAuth2Grant) {
  return createOAuth2TokenSource({ tokenUrl: `${served().url}/oauth/token`, grant, maxRetries: 0, logger });
}

const issue = (accessToken: string): Fault => ({ status: 200, body: { access_token: accessToken, refresh_token: "rt-secret-1", expires_in: 3600 } });

/** Each credential kind of the runtime: the value, the user in its `user:secret` pair, and a client that holds it. */
const kinds: { kind: string; user: string; connect: (secret: string) => ReturnType<typeof client>; tokenEndpoint: (secret: string) => Fault }[] = [
  { kind: "bearer", user: "user", connect: (secret) => client({ type: "bearer", token: secret }), tokenEndpoint: issue },
  { kind: "basic", user: "ana", connect: (secret) => client({ type: "basic", username: "ana", password: secret }), tokenEndpoint: issue },
  { kind: "query", user: "user", connect: (secret) => client({ type: "query", name: "access_token", value: secret }), tokenEndpoint: issue },
  { kind: "issued", user: "user", connect: () => client({ type: "oauth2", tokens: tokens({ type: "client_credentials", clientId: "app", clientSecret: "s3cr3t-client-secret" }) }), tokenEndpoint: issue },
  { kind: "clientsecret", user: "app", connect: (secret) => client({ type: "oauth2", tokens: tokens({ type: "client_credentials", clientId: "app", clientSecret: secret }) }), tokenEndpoint: () => issue("at-secret-1") },
  { kind: "password", user: "ana", connect: (secret) => client({ type: "oauth2", tokens: tokens({ type: "password", username: "ana", password: secret }) }), tokenEndpoint: () => issue("at-secret-1") },
  { kind: "refresh", user: "user", connect: (secret) => client({ type: "oauth2", tokens: tokens({ type: "refresh_token", refreshToken: secret }) }), tokenEndpoint: () => issue("at-secret-1") },
];

describe("a credential echoed by the API server, in every encoding, reaches no error and no log line", () => {
  for (const { kind, user, connect, tokenEndpoint } of kinds) {
    const secret = secretFor(kind);
    for (const [place, answer] of Object.entries(echoIn)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`${kind}: in ${place}, %s`, async (_, text) => {
        served().script("POST /oauth/token", [tokenEndpoint(secret)]);
        served().script("GET /items", [answer(text)]);
        const api = connect(secret);
        assertNoEcho(await texts(() => api.GET("/items")), secret, user);
        expect(served().count("GET /items")).toBe(1);
      });
    }
  }
});

describe("a credential echoed HTML-escaped, as a proxy's or a login form's error page quotes it, reaches no error and no log line", () => {
  const htmlEscaped = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  for (const { kind, connect, tokenEndpoint } of kinds) {
    const secret = secretFor(kind);
    it.each(["a 4xx body", "a non-JSON 200"])(`${kind}: in %s`, async (place) => {
      served().script("POST /oauth/token", [tokenEndpoint(secret)]);
      served().script("GET /items", [echoIn[place]!(htmlEscaped(secret))]);
      const shown = await texts(() => connect(secret).GET("/items"));
      expect(shown.filter((text) => text.includes(htmlEscaped(secret)))).toEqual([]);
      expect(served().count("GET /items")).toBe(1);
    });
  }
});

describe("a credential with an apostrophe, a quote and a plus, echoed HTML-escaped as each language writes them, reaches no error and no log line", () => {
  // Each escaper writes & < > as named entities, and a quote, an apostrophe and a plus its own way.
  const escapers: [name: string, quote: string, apostrophe: string, plus: string][] = [
    ["Ruby's and Spring's", "&quot;", "&#39;", "+"],
    ["Python's html.escape", "&quot;", "&#x27;", "+"],
    ["PHP's htmlspecialchars", "&quot;", "&#039;", "+"],
    ["XML's", "&quot;", "&apos;", "+"],
    // Java's commons-text escapeHtml4 and PHP's ENT_COMPAT leave the apostrophe as it is.
    ["Java's escapeHtml4", "&quot;", "'", "+"],
    ["Go's html.EscapeString", "&#34;", "&#39;", "+"],
    // html/template's escaper also writes a + (a base64 token's) as &#43;.
    ["Go's html/template", "&#34;", "&#39;", "&#43;"],
  ];
  const cases = escapers.flatMap((escaper) => ["a 4xx body", "a non-JSON 200"].map((place) => [...escaper, place] as const));
  for (const { kind, connect, tokenEndpoint } of kinds) {
    const secret = `${kind}+'s-&-"Tok3n"+/9==`;
    it.each(cases)(`${kind}: by %s, in %s`, async (_, quote, apostrophe, plus, place) => {
      const escaped = secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, quote).replace(/'/g, apostrophe).replace(/\+/g, plus);
      served().script("POST /oauth/token", [tokenEndpoint(secret)]);
      served().script("GET /items", [echoIn[place]!(`<p>Invalid credential: ${escaped}</p>`)]);
      const shown = await texts(() => connect(secret).GET("/items"));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.filter((text) => text.includes(escaped) || text.includes(secret))).toEqual([]);
      expect(served().count("GET /items")).toBe(1);
    });
  }
});

describe("a credential echoed by the token endpoint, in every encoding, reaches no error and no log line", () => {
  for (const { kind, user, connect } of kinds.filter(({ kind }) => ["clientsecret", "password", "refresh"].includes(kind))) {
    const secret = secretFor(kind);
    for (const [place, answer] of Object.entries(tokenEchoIn)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`${kind}: in ${place}, %s`, async (_, text) => {
        served().script("POST /oauth/token", [answer(text)]);
        const api = connect(secret);
        assertNoEcho(await texts(() => api.GET("/items")), secret, user);
        expect(served().count("GET /items")).toBe(0);
      });
    }
  }

  for (const clientAuthentication of ["basic", "body"] as const) {
    const code = secretFor(`code-${clientAuthentication}`);
    const clientSecret = secretFor(`exchange-${clientAuthentication}`);
    for (const [place, answer] of Object.entries(tokenEchoIn)) {
      for (const [name, secret] of [["the code", code], ["the client secret", clientSecret]] as const) {
        it.each(Object.entries(encodingsOf(secret, "app-7")))(`exchangeAuthorizationCode (${clientAuthentication}): ${name} in ${place}, %s`, async (_, text) => {
          served().script("POST /oauth/token", [answer(text)]);
          const exchange = async () => {
            await exchangeAuthorizationCode({ tokenUrl: `${served().url}/oauth/token`, clientId: "app-7", clientSecret, code, redirectUri: "https://app.example.com/cb", clientAuthentication, maxRetries: 0, logger });
            throw new Error("expected the exchange to fail");
          };
          assertNoEcho(await texts(exchange), secret, "app-7");
        });
      }
    }
  }
});
