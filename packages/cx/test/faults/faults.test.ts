import { describe, expect, it } from "vitest";
import { itLeaksNothing, itLogsEachAttempt, tokenEndpointFaultCases, useFaultSuite } from "@apis/faults";
import {
  ApiConnectionError,
  ApiTimeoutError,
  AuthenticationError,
  createClient,
  exchangeAuthorizationCode,
  type ClientOptions,
  type CxClient,
} from "../../src/index.js";
import { ACCESS_TOKEN, AUTH_CODE, CLIENT_SECRET, SECRETS } from "../support/secrets.js";

const USER = { id: 7, name: "Ana" };
const GET_SELF = "GET /users/self";
const TOKEN = "POST /oauth/token";

let cx: CxClient;
const suite = useFaultSuite(Object.values(SECRETS), (url, defaults, options: Partial<ClientOptions> = {}) =>
  (cx = createClient({ baseUrl: url, dataBaseUrl: url, auth: { type: "token", accessToken: ACCESS_TOKEN }, ...defaults, ...options })));
const { server, collected, connect } = suite;

describe("CX tokens under faults", () => {
  it("returns a 401 on a revoked token once, without resending: CX has no refresh grant", async () => {
    connect();
    server().script(GET_SELF, [{ status: 401, body: { error: { type: "BadAuthToken", message: "Token revoked" } } }, { status: 200, body: USER }]);
    const { error, response } = await cx.GET("/users/self");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ error: { type: "BadAuthToken" } });
    expect(server().count(GET_SELF)).toBe(1);
  });

  const exchange = (options: { timeoutMs?: number } = {}) =>
    exchangeAuthorizationCode({ tokenUrl: `${server().url}/oauth/token`, clientId: "app", clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: "https://app.example.com/cb", logger: collected.logger, ...options });
  const flow = { route: TOKEN, quoted: `code ${AUTH_CODE}`, error: AuthenticationError, logsOneLine: true, call: () => exchange() };
  for (const { name, run } of tokenEndpointFaultCases(suite, flow)) it(`exchangeAuthorizationCode ${name}`, run);

  // A 200 means the code is spent (RFC 6749 §4.1.2): sent again, it is refused as invalid_grant, and the server
  // should revoke the token the first answer carried. The caller must hear that the answer broke, not that the code was bad.
  it.each([
    ["breaks off after its headers", { reset: "after-headers", status: 200, body: { access_token: "issued-token" } }, ApiConnectionError],
    ["stalls after its headers past timeoutMs", { stall: "after-headers", status: 200, body: { access_token: "issued-token" } }, ApiTimeoutError],
  ] as const)("does not send a code again once the token endpoint answered 200 whose body %s", async (_, fault, ErrorClass) => {
    connect();
    server().script(TOKEN, [fault, { status: 400, body: { error: "invalid_grant", error_description: "code already used" } }]);
    const error = collected.error(await exchange({ timeoutMs: 500 }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as Error).message).toMatch(/returned 200 but .*\(1 attempt\)/);
    expect(server().count(TOKEN)).toBe(1);
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
  itLogsEachAttempt(suite, { route: GET_SELF, ok: USER, call: () => connect().GET("/users/self"), shown: "/users/self?access_token=[redacted]" });
});

describe("CX fault suite leaks", () => itLeaksNothing(collected, { logs: 50, errors: 3 }));
