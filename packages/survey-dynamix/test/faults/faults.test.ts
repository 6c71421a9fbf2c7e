import { describe, expect, it } from "vitest";
import { collectLeaks, itLeaksNothing, rejection, useFaultServer } from "@apis/faults";
import { AuthenticationError } from "@apis/runtime";
import { createClient, exchangeAuthorizationCode, type ClientOptions, type SurveyDynamixClient } from "../../src/index.js";

const CUSTOMER_UUID = "3f2a9c1e-0000-4000-8000-000000000001";
const AUTH_TOKEN = "sdx-auth-token-secret-1";
const CLIENT_SECRET = "sdx-client-secret-1";
const AUTH_CODE = "sdx-auth-code-secret-1";
const SECRETS = [AUTH_TOKEN, CLIENT_SECRET, AUTH_CODE, "sdx-new-token-secret-1"];
const QUESTION = { id: 5, question_text: "How likely...?" };
const GET_QUESTION = "GET /questions/5";
const TOKEN = "POST /oauth/token";

const server = useFaultServer({ hangMs: 3000 });
const collected = collectLeaks(SECRETS);
let sdx: SurveyDynamixClient;

function connect(options: Partial<ClientOptions> = {}): SurveyDynamixClient {
  sdx = createClient({
    baseUrl: server().url,
    oauthBaseUrl: server().url,
    auth: { type: "basic", customerUuid: CUSTOMER_UUID, authToken: AUTH_TOKEN },
    retryDelay: { baseMs: 5, maxMs: 20 },
    logger: collected.logger,
    ...options,
  });
  return sdx;
}

describe("Survey Dynamix credentials under faults", () => {
  it("returns a 401 on a revoked auth token once, without resending: Basic credentials cannot be refreshed", async () => {
    connect();
    server().script(GET_QUESTION, [{ status: 401, body: { message: "Unauthenticated." } }, { status: 200, body: QUESTION }]);
    const { error, response } = await sdx.GET("/questions/{question_id}", { params: { path: { question_id: 5 } } });
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: "Unauthenticated." });
    expect(server().count(GET_QUESTION)).toBe(1);
  });

  it.each([
    ["invalid_grant", { status: 400, body: { error: "invalid_grant", error_description: `code ${AUTH_CODE} was revoked` } }, 400],
    ["a 500", { status: 500, body: { error: "server_error" } }, 500],
    ["garbage", { status: 200, headers: { "Content-Type": "text/html" }, body: "<html>maintenance</html>" }, 200],
  ] as const)("exchangeAuthorizationCode throws AuthenticationError and sends the token POST once when the token endpoint answers %s", async (_, fault, status) => {
    server().script(TOKEN, [fault, { status: 200, body: { access_token: "sdx-new-token-secret-1" } }]);
    collected.takeLines();
    const error = collected.error(
      await rejection(
        exchangeAuthorizationCode({ oauthBaseUrl: server().url, clientId: "3", clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: "https://app.example.com/cb", logger: collected.logger }),
      ),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(status);
    expect(server().count(TOKEN)).toBe(1);
    expect(collected.takeLines()).toEqual([expect.stringMatching(new RegExp(`^token request POST http://127\\.0\\.0\\.1:\\d+/oauth/token -> ${status} \\(attempt 1, \\d+ ms\\)`))]);
  });

  it("answers fifty concurrent first requests with the same Basic credentials", async () => {
    connect();
    server().script(GET_QUESTION, [{ status: 200, body: QUESTION }]);
    const results = await Promise.all(Array.from({ length: 50 }, () => sdx.GET("/questions/{question_id}", { params: { path: { question_id: 5 } } })));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(server().count(GET_QUESTION)).toBe(50);
    expect(new Set(server().requests.map((request) => request.headers.authorization)).size).toBe(1);
  });
});

describe("Survey Dynamix logging", () => {
  it("logs one line per attempt, with no credential in it", async () => {
    connect();
    collected.takeLines();
    server().script(GET_QUESTION, [{ status: 504 }, { status: 200, body: QUESTION }]);
    await sdx.GET("/questions/{question_id}", { params: { path: { question_id: 5 } } });
    const lines = collected.takeLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/questions\/5 -> 504 \(attempt 1, \d+ ms\)/);
    expect(lines[1]).toMatch(/-> 200 \(attempt 2, \d+ ms\)/);
  });
});

describe("Survey Dynamix fault suite leaks", () => itLeaksNothing(collected, { logs: 50, errors: 3 }));
