import { describe, expect, it } from "vitest";
import { collectLeaks, itLeaksNothing, rejection, useFaultServer } from "@apis/faults";
import {
  AuthenticationError,
  createClient,
  exchangeAuthorizationCode,
  type ClientOptions,
  type CxClient,
} from "../../src/index.js";

const ACCESS_TOKEN = "cx-access-token-secret-1";
const CLIENT_SECRET = "cx-client-secret-1";
const AUTH_CODE = "cx-auth-code-secret-1";
const SECRETS = [ACCESS_TOKEN, CLIENT_SECRET, AUTH_CODE, "cx-new-token-secret-1"];
const USER = { id: 7, name: "Ana" };
const GET_SELF = "GET /users/self";
const TOKEN = "POST /oauth/token";

const server = useFaultServer({ hangMs: 3000 });
const collected = collectLeaks(SECRETS);
let cx: CxClient;

function connect(options: Partial<ClientOptions> = {}): CxClient {
  cx = createClient({
    baseUrl: server().url,
    dataBaseUrl: server().url,
    auth: { type: "token", accessToken: ACCESS_TOKEN },
    retryDelay: { baseMs: 5, maxMs: 20 },
    logger: collected.logger,
    ...options,
  });
  return cx;
}

describe("CX tokens under faults", () => {
  it("returns a 401 on a revoked token once, without resending: CX has no refresh grant", async () => {
    connect();
    server().script(GET_SELF, [{ status: 401, body: { error: { type: "BadAuthToken", message: "Token revoked" } } }, { status: 200, body: USER }]);
    const { error, response } = await cx.GET("/users/self");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ error: { type: "BadAuthToken" } });
    expect(server().count(GET_SELF)).toBe(1);
  });

  it.each([
    ["invalid_grant", { status: 400, body: { error: "invalid_grant", error_description: `code ${AUTH_CODE} is used` } }, 400],
    ["a 500", { status: 500, body: { error: "server_error" } }, 500],
    ["garbage", { status: 200, headers: { "Content-Type": "text/html" }, body: "<html>maintenance</html>" }, 200],
  ] as const)("exchangeAuthorizationCode throws AuthenticationError and sends the token POST once when the token endpoint answers %s", async (_, fault, status) => {
    server().script(TOKEN, [fault, { status: 200, body: { access_token: "cx-new-token-secret-1" } }]);
    collected.takeLines();
    const error = collected.error(
      await rejection(
        exchangeAuthorizationCode({ tokenUrl: `${server().url}/oauth/token`, clientId: "app", clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: "https://app.example.com/cb", logger: collected.logger }),
      ),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(status);
    expect(server().count(TOKEN)).toBe(1);
    expect(collected.takeLines()).toEqual([expect.stringMatching(new RegExp(`^token request POST http://127\\.0\\.0\\.1:\\d+/oauth/token -> ${status} \\(attempt 1, \\d+ ms\\)`))]);
  });

  it("answers fifty concurrent first requests, each with the token in its query", async () => {
    connect();
    server().script(GET_SELF, [{ status: 200, body: USER }]);
    const results = await Promise.all(Array.from({ length: 50 }, () => cx.GET("/users/self")));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(server().count(GET_SELF)).toBe(50);
    expect(server().requests.every((request) => new URLSearchParams(request.url.split("?")[1]).get("access_token") === ACCESS_TOKEN)).toBe(true);
  });
});

describe("CX logging", () => {
  it("logs one line per attempt with the access token redacted from the URL", async () => {
    connect();
    collected.takeLines();
    server().script(GET_SELF, [{ status: 502 }, { status: 200, body: USER }]);
    await cx.GET("/users/self");
    const lines = collected.takeLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/users\/self\?access_token=\[redacted\] -> 502 \(attempt 1, \d+ ms\)/);
    expect(lines[1]).toMatch(/-> 200 \(attempt 2, \d+ ms\)/);
  });
});

describe("CX fault suite leaks", () => itLeaksNothing(collected, { logs: 50, errors: 3 }));
