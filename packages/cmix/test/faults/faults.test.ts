import { beforeEach, describe, expect, it } from "vitest";
import { itLeaksNothing, itLogsEachAttempt, tokenEndpointFaultCases, type SeenRequest, useFaultSuite } from "@apis/faults";
import { AuthenticationError } from "@apis/runtime";
import { createClient, type ClientOptions, type CmixClient } from "../../src/index.js";

const CLIENT_SECRET = "cmix-client-secret-1";
const PASSWORD = "cmix-pass-secret-1";
const SECRETS = [CLIENT_SECRET, PASSWORD, "cmix-at-secret-1", "cmix-at-secret-2", "cmix-at-secret-3"];
const PROJECT = { id: 109820, name: "Brand tracker" };
const GET_PROJECT = "GET /projects/109820";
const GET_SUMMARY = "GET /surveys/138651/fielding-summary";
const TOKEN = "POST /access-token";

let cmix: CmixClient;
const suite = useFaultSuite(SECRETS, (url, defaults, options: Partial<ClientOptions> = {}) =>
  (cmix = createClient({
    environment: "sandbox",
    authBaseUrl: url, surveyBaseUrl: url, reportingBaseUrl: url, fileProcessingBaseUrl: url,
    auth: { type: "password", clientId: "client-1", clientSecret: CLIENT_SECRET, username: "ana", password: PASSWORD },
    ...defaults,
    ...options,
  })));
const { server, collected, connect } = suite;

const issueTokens = (_: SeenRequest, index: number) => ({ status: 200, body: { access_token: `cmix-at-secret-${index + 1}`, token_type: "Bearer", expires_in: 3600 } });
const getProject = () => cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });

beforeEach(() => {
  server().script(TOKEN, [issueTokens]);
});

describe("CMIX tokens under faults", () => {
  it("fetches a new token once after a 401 on a revoked token, then succeeds", async () => {
    connect();
    server().script(GET_PROJECT, [(request) => (request.headers.authorization === "Bearer cmix-at-secret-1" ? { status: 401, body: { error: { message: "revoked" } } } : { status: 200, body: PROJECT })]);
    const { data } = await getProject();
    expect(data).toEqual(PROJECT);
    expect(server().count(TOKEN)).toBe(2);
    expect(server().count(GET_PROJECT)).toBe(2);
  });

  it("returns the second 401 instead of looping when the new token is refused too", async () => {
    connect();
    server().script(GET_PROJECT, [{ status: 401, body: { error: { message: "revoked" } } }]);
    const { response } = await getProject();
    expect(response.status).toBe(401);
    expect(server().count(TOKEN)).toBe(2);
    expect(server().count(GET_PROJECT)).toBe(2);
  });

  // The runtime's OAuth 2 token source, as for every vendor: a token answer it cannot use is an AuthenticationError.
  for (const { name, run } of tokenEndpointFaultCases(suite, { route: TOKEN, quoted: `password ${PASSWORD}`, error: AuthenticationError, untouched: GET_PROJECT, call: () => (connect(), getProject()) })) it(name, run);

  it("makes exactly one token request for fifty concurrent first requests across services", async () => {
    connect();
    server().script(GET_PROJECT, [{ status: 200, body: PROJECT }]);
    server().script(GET_SUMMARY, [{ status: 200, body: { surveyId: 138651 } }]);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0 ? getProject() : cmix.reporting.GET("/surveys/{surveyId}/fielding-summary", { params: { path: { surveyId: 138651 }, query: { respondentType: "LIVE" } } }),
      ),
    );
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(server().count(TOKEN)).toBe(1);
    expect(server().count(GET_PROJECT) + server().count(GET_SUMMARY)).toBe(50);
  });
});

describe("CMIX logging", () => {
  itLogsEachAttempt(suite, { route: GET_PROJECT, ok: PROJECT, call: () => (connect(), getProject()), shown: "/projects/109820", tokenPath: "/access-token" });
});

describe("CMIX fault suite leaks", () => itLeaksNothing(collected, { logs: 50, errors: 3 }));
