import { describe, expect, it } from "vitest";
import { itLeaksNothing, itLogsEachAttempt, tokenEndpointFaultCases, useFaultSuite } from "@apis/faults";
import { AuthenticationError } from "@apis/runtime";
import { createClient, exchangeAuthorizationCode, type ClientOptions, type SurveyDynamixClient } from "../../src/index.js";
import { AUTH_CODE, AUTH_TOKEN, CLIENT_SECRET, CUSTOMER_UUID, SECRETS } from "../support/secrets.js";

const QUESTION = { id: 5, question_text: "How likely...?" };
const GET_QUESTION = "GET /questions/5";
const TOKEN = "POST /oauth/token";

let sdx: SurveyDynamixClient;
const suite = useFaultSuite(SECRETS, (url, defaults, options: Partial<ClientOptions> = {}) =>
  (sdx = createClient({ baseUrl: url, oauthBaseUrl: url, auth: { type: "basic", customerUuid: CUSTOMER_UUID, authToken: AUTH_TOKEN }, ...defaults, ...options })));
const { server, collected, connect } = suite;

describe("Survey Dynamix credentials under faults", () => {
  it("returns a 401 on a revoked auth token once, without resending: Basic credentials cannot be refreshed", async () => {
    connect();
    server().script(GET_QUESTION, [{ status: 401, body: { message: "Unauthenticated." } }, { status: 200, body: QUESTION }]);
    const { error, response } = await sdx.GET("/questions/{question_id}", { params: { path: { question_id: 5 } } });
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: "Unauthenticated." });
    expect(server().count(GET_QUESTION)).toBe(1);
  });

  const exchange = () => exchangeAuthorizationCode({ oauthBaseUrl: server().url, clientId: "3", clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: "https://app.example.com/cb", logger: collected.logger });
  const flow = { route: TOKEN, quoted: `code ${AUTH_CODE}`, error: AuthenticationError, logsOneLine: true, call: exchange };
  for (const { name, run } of tokenEndpointFaultCases(suite, flow)) it(`exchangeAuthorizationCode ${name}`, run);

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
  itLogsEachAttempt(suite, { route: GET_QUESTION, ok: QUESTION, call: () => connect().GET("/questions/{question_id}", { params: { path: { question_id: 5 } } }), shown: "/questions/5" });
});

describe("Survey Dynamix fault suite leaks", () => itLeaksNothing(collected, { logs: 50, errors: 3 }));
