// Wootric's credentials (client secret, password, refresh token, access token) echoed back by a hostile API server
// or token endpoint, in every encoding they are sent in: none may reach an error or a log line. The generic cases
// (every runtime credential kind, bodies bounded in time and size) run once in packages/runtime.
import { ApiError, ResponseTooLargeError } from "@apis/runtime";
import { assertNoEcho, collectLeaks, echoIn, encodingsOf, outcomeRenderings, tokenEchoIn, useFaultServer } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { createClient, type ClientOptions, type WootricAuth } from "../../src/index.js";

const CLIENT_SECRET = "wootric+&/ é%-client-secret";
const PASSWORD = "wootric+&/ é%-password";
const REFRESH_TOKEN = "wootric+&/ é%-refresh-token";
// Sent as a Bearer header, which cannot hold a space or "é" (the client refuses such a token before sending).
const ACCESS_TOKEN = "wootric+&/%-access-token=";
const USER = "ana@example.com";
const collected = collectLeaks([CLIENT_SECRET, PASSWORD, REFRESH_TOKEN, ACCESS_TOKEN]);

const served = useFaultServer();

function connect(auth: WootricAuth, options: Partial<ClientOptions> = {}) {
  return createClient({ baseUrl: served().url, tokenUrl: `${served().url}/oauth/token`, auth, maxRetries: 0, logger: collected.logger, ...options });
}

const texts = (call: () => Promise<{ error?: unknown; response: Response }>) =>
  outcomeRenderings(call, (response, error) => ApiError.fromResponse(response, error, "GET"), collected);

const issued = { status: 200, body: { access_token: "wootric-at-echo-1", refresh_token: "wootric-rt-echo-1", expires_in: 7200 } };

// Each credential, the client that holds it, and whether the token endpoint is reached on the first call.
const kinds: { kind: string; secret: string; user: string; auth: WootricAuth; tokenFirst: boolean }[] = [
  { kind: "client secret", secret: CLIENT_SECRET, user: "app-1", auth: { type: "clientCredentials", clientId: "app-1", clientSecret: CLIENT_SECRET }, tokenFirst: true },
  { kind: "password", secret: PASSWORD, user: USER, auth: { type: "password", username: USER, password: PASSWORD }, tokenFirst: true },
  { kind: "refresh token", secret: REFRESH_TOKEN, user: "user", auth: { type: "token", accessToken: "wootric-at-old-1", refreshToken: REFRESH_TOKEN }, tokenFirst: false },
  { kind: "access token", secret: ACCESS_TOKEN, user: "user", auth: { type: "token", accessToken: ACCESS_TOKEN }, tokenFirst: false },
];

describe("Wootric credentials echoed by a hostile server", () => {
  for (const { kind, secret, user, auth, tokenFirst } of kinds) {
    for (const [place, answer] of Object.entries(echoIn)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`the ${kind} in ${place} of the API, %s, reaches no error or log line`, async (_, text) => {
        served().script("POST /oauth/token", [issued]);
        served().script("GET /v1/tags", [answer(text)]);
        assertNoEcho(await texts(() => connect(auth).GET("/v1/tags")), secret, user);
        expect(served().count("GET /v1/tags")).toBe(1);
      });
    }
    if (kind === "access token") continue;
    for (const [place, answer] of Object.entries(tokenEchoIn)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`the ${kind} in ${place}, %s, reaches no error or log line`, async (_, text) => {
        served().script("POST /oauth/token", [answer(text)]);
        // A held token is refreshed after a 401; the others ask the token endpoint first.
        served().script("GET /v1/tags", [{ status: 401, body: { error: "expired" } }]);
        assertNoEcho(await texts(() => connect(auth).GET("/v1/tags")), secret, user);
        expect(served().count("POST /oauth/token")).toBe(1);
        expect(served().count("GET /v1/tags")).toBe(tokenFirst ? 0 : 1);
      });
    }
  }
});

describe("Wootric bodies bounded by maxResponseBytes", () => {
  it("refuses a token response and an API body over maxResponseBytes, naming the option", async () => {
    served().script("POST /oauth/token", [{ endless: '"padding",' }]);
    const error = collected.error(await connect(kinds[0]!.auth, { maxResponseBytes: 2048 }).GET("/v1/tags").catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toMatch(/\/oauth\/token returned 200 but its body is larger than maxResponseBytes \(2048 bytes\)/);
    served().script("POST /oauth/token", [issued]);
    served().script("GET /v1/tags", [{ status: 200, body: [{ id: 1, name: "x".repeat(4096) }] }]);
    const tooLarge = collected.error(await connect(kinds[0]!.auth, { maxResponseBytes: 2048 }).GET("/v1/tags").catch((e: unknown) => e));
    expect(tooLarge).toBeInstanceOf(ResponseTooLargeError);
    expect((tooLarge as ResponseTooLargeError).limit).toBe(2048);
  });

  it("refuses maxResponseBytes: 0 with an InputError naming it", () => {
    expect(() => connect(kinds[0]!.auth, { maxResponseBytes: 0 })).toThrow(expect.objectContaining({ name: "InputError", field: "maxResponseBytes" }));
  });
});
