// Every credential a client holds or builds, echoed back by a hostile server in every encoding it is sent in, in
// every place a client copies into errors: none may show in any error's message, String, JSON, inspect output, body
// or cause chain, in openapi-fetch's `error`, in an error built with ApiError.fromResponse, or in any logger line.
import { echoIn, encodingsOf, encodingsShown, startFaultServer, tokenEchoIn, type Fault, type FaultServer } from "@apis/faults";
import { showsSecret } from "@apis/faults/leak-watch";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, createApiClient, createOAuth2TokenSource, exchangeAuthorizationCode, type Auth, type OAuth2Grant } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";

/** A credential with every character that encodes differently: `+&/`, a space, `é` and `%`. */
const secretFor = (kind: string) => `${kind}+&/ é%42-Zq`;

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const lines: string[] = [];
const logger = { debug: (message: string, fields?: Record<string, unknown>) => void lines.push(`${message} ${JSON.stringify(fields)}`) };

/** Everything a caller might log about an outcome: each rendering of each error, the cause chain, `error`, `body`. */
function renderings(value: unknown): string[] {
  const texts = [String(value), JSON.stringify(value) ?? "", inspect(value, { depth: Infinity, showHidden: true, getters: true })];
  for (let error = value, depth = 0; error instanceof Error && depth < 10; error = error.cause, depth++) {
    texts.push(error.message, error.stack ?? "", JSON.stringify((error as { body?: unknown }).body) ?? "");
  }
  return texts;
}

/** Makes the call, and returns every text its outcome can be rendered as, the logger's lines included. */
async function outcomeTexts(call: () => Promise<{ error?: unknown; response: Response }>): Promise<string[]> {
  lines.length = 0;
  let texts: string[];
  try {
    const { error, response } = await call();
    texts = [...renderings(error), ...renderings(ApiError.fromResponse(response, error, "GET"))];
  } catch (error) {
    texts = renderings(error);
  }
  return [...texts, ...lines];
}

function expectNoEcho(texts: readonly string[], secret: string, user: string): void {
  for (const text of texts) {
    expect(encodingsShown(text, secret, user), text.slice(0, 300)).toEqual([]);
    expect(showsSecret(text, secret), text.slice(0, 300)).toBe(false);
  }
}

function client(auth: Auth) {
  return createApiClient<paths>({ baseUrl: server.url, operations, auth, maxRetries: 0, logger });
}

function tokens(grant: OAuth2Grant) {
  return createOAuth2TokenSource({ tokenUrl: `${server.url}/oauth/token`, grant, maxRetries: 0, logger });
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
        server.script("POST /oauth/token", [tokenEndpoint(secret)]);
        server.script("GET /items", [answer(text)]);
        const api = connect(secret);
        expectNoEcho(await outcomeTexts(() => api.GET("/items")), secret, user);
        expect(server.count("GET /items")).toBe(1);
      });
    }
  }
});

describe("a credential echoed by the token endpoint, in every encoding, reaches no error and no log line", () => {
  for (const { kind, user, connect } of kinds.filter(({ kind }) => ["clientsecret", "password", "refresh"].includes(kind))) {
    const secret = secretFor(kind);
    for (const [place, answer] of Object.entries(tokenEchoIn)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`${kind}: in ${place}, %s`, async (_, text) => {
        server.script("POST /oauth/token", [answer(text)]);
        const api = connect(secret);
        expectNoEcho(await outcomeTexts(() => api.GET("/items")), secret, user);
        expect(server.count("GET /items")).toBe(0);
      });
    }
  }

  for (const clientAuthentication of ["basic", "body"] as const) {
    const code = secretFor(`code-${clientAuthentication}`);
    const clientSecret = secretFor(`exchange-${clientAuthentication}`);
    for (const [place, answer] of Object.entries(tokenEchoIn)) {
      for (const [name, secret] of [["the code", code], ["the client secret", clientSecret]] as const) {
        it.each(Object.entries(encodingsOf(secret, "app-7")))(`exchangeAuthorizationCode (${clientAuthentication}): ${name} in ${place}, %s`, async (_, text) => {
          server.script("POST /oauth/token", [answer(text)]);
          lines.length = 0;
          const exchange = exchangeAuthorizationCode({ tokenUrl: `${server.url}/oauth/token`, clientId: "app-7", clientSecret, code, redirectUri: "https://app.example.com/cb", clientAuthentication, maxRetries: 0, logger });
          const error = await exchange.then(() => new Error("expected the exchange to fail"), (error: unknown) => error);
          expectNoEcho([...renderings(error), ...lines], secret, "app-7");
        });
      }
    }
  }
});
