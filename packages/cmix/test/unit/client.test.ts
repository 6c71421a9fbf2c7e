import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, CMIX_HOSTS, createClient, InputError, type ClientOptions } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { isTokenRequest, PASSWORD_AUTH, TOKEN } from "./fixtures.js";

const XML = '<?xml version="1.0"?><survey id="138651"/>';

/** Answers like the four CMIX services would: a token on the auth host, JSON (or XML) elsewhere. */
function vendor(token = TOKEN) {
  return observedFetch((request) => {
    if (isTokenRequest(request)) return json(token);
    if (request.url.includes("file-processing") && request.method === "GET") return new Response(XML, { headers: { "content-type": "application/xml" } });
    return json(request.url.includes("fielding-summary") ? { starts: 1, completes: 1, terminates: 0, inProcess: 0, abandons: 0 } : []);
  });
}

async function callEveryService(cmix: ReturnType<typeof createClient>) {
  return Promise.all([
    cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } }),
    cmix.reporting.GET("/surveys/{surveyId}/fielding-summary", { params: { path: { surveyId: 138651 }, query: { respondentType: "LIVE" } } }),
    cmix.fileProcessing.GET("/surveys/{surveyId}", { params: { path: { surveyId: 138651 } } }),
  ]);
}

describe("createClient", () => {
  it("reaches the survey, reporting and file-processing services with exactly one token request", async () => {
    const observed = vendor();
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    await callEveryService(cmix);
    await cmix.survey.GET("/surveys", { params: { query: { status: "LIVE" } } });
    const tokenRequests = observed.requests.filter(isTokenRequest);
    expect(tokenRequests).toHaveLength(1);
    const apiCalls = observed.requests.filter((request) => !isTokenRequest(request));
    expect(apiCalls).toHaveLength(4);
    expect(apiCalls.map((request) => request.headers.get("authorization"))).toEqual(Array(4).fill("Bearer access-123"));
  });

  it("posts the password grant to the auth service as JSON, with both credential pairs in the body", async () => {
    const observed = vendor();
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    await cmix.survey.GET("/clients/{clientId}/groups", { params: { path: { clientId: 36585 } } });
    const token = observed.requests[0]!;
    expect(`${token.method} ${token.url}`).toBe("POST https://auth.cmix.com/access-token");
    expect(token.headers.get("content-type")).toBe("application/json");
    expect(token.headers.get("authorization")).toBeNull();
    expect(JSON.parse(observed.bodies[0]!)).toEqual({
      grant_type: "password",
      client_id: "client-9",
      client_secret: "client-secret-value",
      username: "jane@example.com",
      password: "hunter2-password",
    });
  });

  it.each([
    ["production", "https://auth.cmix.com", "https://survey-api.cmix.com", "https://reporting-api.cmix.com", "https://file-processing.cmix.com"],
    [
      "sandbox",
      "https://kaleidoscope-auth.cmix.com",
      "https://kaleidoscope-survey-api.cmix.com",
      "https://kaleidoscope-reporting-api.cmix.com",
      "https://kaleidoscope-file-processing.cmix.com",
    ],
  ] as const)("sends every %s call to that environment's exact hosts", async (environment, auth, survey, reporting, fileProcessing) => {
    const observed = vendor();
    const cmix = createClient({ environment, fetch: observed.fetch, auth: PASSWORD_AUTH });
    await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });
    await cmix.reporting.GET("/surveys/{surveyId}/fielding-summary", { params: { path: { surveyId: 138651 }, query: { respondentType: "LIVE" } } });
    await cmix.fileProcessing.GET("/surveys/{surveyId}", { params: { path: { surveyId: 138651 } } });
    expect(observed.calls()).toEqual([
      `POST ${auth}/access-token`,
      `GET ${survey}/projects/109820`,
      `GET ${reporting}/surveys/138651/fielding-summary?respondentType=LIVE`,
      `GET ${fileProcessing}/surveys/138651`,
    ]);
    expect(cmix.baseUrls).toEqual({ auth, survey, reporting, fileProcessing });
    expect(CMIX_HOSTS[environment]).toEqual({ auth, survey, reporting, fileProcessing });
  });

  // Every client reads its default hosts from CMIX_HOSTS: one written into by mistake (an environment taken for a
  // copy) would send every later client's password grant there.
  it("keeps its hosts whatever another module writes into the exported CMIX_HOSTS", async () => {
    const hosts = CMIX_HOSTS as unknown as Record<string, Record<string, string>>;
    expect(() => (hosts["production"]!["auth"] = "https://collector.example")).toThrow(TypeError);
    expect(() => (hosts["sandbox"] = { auth: "https://collector.example" })).toThrow(TypeError);
    expect(() => delete hosts["production"]!["survey"]).toThrow(TypeError);
    const observed = vendor();
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });
    expect(observed.calls()).toEqual(["POST https://auth.cmix.com/access-token", "GET https://survey-api.cmix.com/projects/109820"]);
  });

  it.each([
    ["its own base URL option", { surveyBaseUrl: "http://localhost:4010/", authBaseUrl: "http://localhost:4011" }],
    ["its own base URL override in baseUrls (deprecated)", { baseUrls: { survey: "http://localhost:4010/", auth: "http://localhost:4011" } }],
  ])("sends each service to %s, keeping the environment's host for the others", async (_, urls) => {
    const observed = vendor();
    const cmix = createClient({ environment: "sandbox", ...urls, fetch: observed.fetch, auth: PASSWORD_AUTH });
    await callEveryService(cmix);
    expect(observed.calls().sort()).toEqual([
      "GET http://localhost:4010/projects/109820",
      "GET https://kaleidoscope-file-processing.cmix.com/surveys/138651",
      "GET https://kaleidoscope-reporting-api.cmix.com/surveys/138651/fielding-summary?respondentType=LIVE",
      "POST http://localhost:4011/access-token",
    ]);
  });

  it("still reads the deprecated baseUrls object beside the named options", async () => {
    const observed = vendor();
    const cmix = createClient({
      environment: "sandbox",
      reportingBaseUrl: "http://localhost:4012",
      baseUrls: { reporting: "http://localhost:4012", fileProcessing: "http://localhost:4013" },
      fetch: observed.fetch,
      auth: PASSWORD_AUTH,
    });
    await callEveryService(cmix);
    expect(cmix.baseUrls.reporting).toBe("http://localhost:4012");
    expect(cmix.baseUrls.fileProcessing).toBe("http://localhost:4013");
  });

  // One of the two URLs for the reporting service was ignored without a word (the named option won).
  it("refuses a baseUrls entry that names another URL than the named option for the same service", () => {
    const options = { environment: "sandbox", reportingBaseUrl: "http://localhost:4012", auth: PASSWORD_AUTH } as const;
    expect(() => createClient({ ...options, baseUrls: { reporting: "http://localhost:4099" } })).toThrow(
      expect.objectContaining({ name: "InputError", field: "baseUrls.reporting", message: "baseUrls.reporting is renamed reportingBaseUrl: pass only that" }),
    );
  });

  it("fetches a new token once after a 401 and resends the call with it", async () => {
    let issued = 0;
    const observed = observedFetch((request) => {
      if (isTokenRequest(request)) return json({ token_type: "Bearer", access_token: `token-${++issued}` });
      return request.headers.get("authorization") === "Bearer token-1" ? json({ error: { message: "Unauthorized" } }, 401) : json([]);
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    const { response } = await cmix.survey.GET("/projects");
    expect(response.status).toBe(200);
    expect(observed.calls()).toEqual([
      "POST https://auth.cmix.com/access-token",
      "GET https://survey-api.cmix.com/projects",
      "POST https://auth.cmix.com/access-token",
      "GET https://survey-api.cmix.com/projects",
    ]);
    await cmix.reporting.GET("/surveys/{surveyId}/respondents", { params: { path: { surveyId: 1 } } });
    expect(observed.requests.at(-1)?.headers.get("authorization")).toBe("Bearer token-2");
    expect(observed.requests.filter(isTokenRequest)).toHaveLength(2);
  });

  it("makes 401s from three services at once share one new token request", async () => {
    let issued = 0;
    const observed = observedFetch(async (request) => {
      if (isTokenRequest(request)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return json({ token_type: "Bearer", access_token: `token-${++issued}` });
      }
      if (request.headers.get("authorization") === "Bearer token-1") return json({ error: { message: "Unauthorized" } }, 401);
      return request.url.includes("file-processing") ? new Response(XML, { headers: { "content-type": "application/xml" } }) : json({ starts: 0, completes: 0, terminates: 0, inProcess: 0, abandons: 0 });
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    const results = await callEveryService(cmix);
    expect(results.map(({ response }) => response.status)).toEqual([200, 200, 200]);
    expect(observed.requests.filter(isTokenRequest)).toHaveLength(2);
  });

  it("returns a second 401 instead of fetching tokens in a loop", async () => {
    const observed = observedFetch((request) => (isTokenRequest(request) ? json(TOKEN) : json({ error: { message: "Unauthorized" } }, 401)));
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    const { error, response } = await cmix.survey.GET("/projects");
    expect(response.status).toBe(401);
    expect(error).toEqual({ error: { message: "Unauthorized" } });
    expect(observed.requests.filter(isTokenRequest)).toHaveLength(2);
    expect(observed.requests).toHaveLength(4);
  });

  it("fetches a new token when the one it holds is about to expire, if the vendor says when", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      let issued = 0;
      const observed = observedFetch((request) =>
        isTokenRequest(request) ? json({ token_type: "Bearer", access_token: `token-${++issued}`, expires_in: 3600 }) : json([]),
      );
      const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
      await cmix.survey.GET("/projects");
      vi.setSystemTime(Date.now() + 3_599_000);
      await cmix.survey.GET("/projects");
      expect(observed.requests.filter(isTokenRequest)).toHaveLength(2);
      expect(observed.requests.at(-1)?.headers.get("authorization")).toBe("Bearer token-2");
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends a token it was given as it is, without asking the auth service", async () => {
    const observed = vendor();
    const cmix = createClient({ environment: "sandbox", fetch: observed.fetch, auth: { type: "token", accessToken: "mine" } });
    await callEveryService(cmix);
    expect(observed.requests.filter(isTokenRequest)).toHaveLength(0);
    expect(observed.requests.map((request) => request.headers.get("authorization"))).toEqual(Array(3).fill("Bearer mine"));
  });

  it("throws an AuthenticationError with the vendor's body and no credential when the token request is refused", async () => {
    const refusal = { error: "invalid_grant", error_description: "Bad password hunter2-password for client-secret-value" };
    const observed = observedFetch(() => json(refusal, 401));
    const cmix = createClient({ environment: "sandbox", fetch: observed.fetch, maxRetries: 0, auth: PASSWORD_AUTH });
    const error = await cmix.survey.GET("/projects").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthenticationError);
    const failure = error as AuthenticationError;
    expect(failure.status).toBe(401);
    expect(failure.url).toBe("https://kaleidoscope-auth.cmix.com/access-token");
    expect(failure.body).toEqual({ error: "invalid_grant", error_description: "Bad password [redacted] for [redacted]" });
    expect(failure.message).toContain("sandbox and production have separate credentials");
    for (const rendering of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(rendering).not.toContain("hunter2-password");
      expect(rendering).not.toContain("client-secret-value");
    }
    expect(observed.requests).toHaveLength(1);
  });

  it("names the auth base URL when the token endpoint answers without a token", async () => {
    const observed = observedFetch(() => json({ ok: true }));
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    await expect(cmix.survey.GET("/projects")).rejects.toThrow(/without an access_token: check authBaseUrl/);
  });

  it("refuses a token type it cannot send rather than failing every call with 401", async () => {
    const observed = observedFetch(() => json({ token_type: "MAC", access_token: "mac-token" }));
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    const error = await cmix.survey.GET("/projects").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('token_type "MAC"');
    expect(observed.requests).toHaveLength(1);
  });

  it("reads the survey XML from the file-processing service as text", async () => {
    const observed = vendor();
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    const { data } = await cmix.fileProcessing.GET("/surveys/{surveyId}", { params: { path: { surveyId: 138651 } } });
    expect(data).toBe(XML);
  });

  it("uploads survey XML as the form field data", async () => {
    const observed = observedFetch((request) => (isTokenRequest(request) ? json(TOKEN) : json({ projectId: 109834 })));
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: PASSWORD_AUTH });
    const { data } = await cmix.fileProcessing.POST("/surveys/data", { body: { data: XML } });
    expect(data?.projectId).toBe(109834);
    const upload = observed.requests[1]!;
    expect(`${upload.method} ${upload.url}`).toBe("POST https://file-processing.cmix.com/surveys/data");
    expect(upload.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(observed.bodies[1]).get("data")).toBe(XML);
  });

  it("sends the caller's headers to the services", async () => {
    const observed = vendor();
    const cmix = createClient({ environment: "production", fetch: observed.fetch, headers: { "X-Request-Source": "etl" }, auth: PASSWORD_AUTH });
    await cmix.survey.GET("/projects");
    expect(observed.requests[1]?.headers.get("x-request-source")).toBe("etl");
  });

  it("rejects missing options with an InputError that shows the shape to pass", () => {
    expect(() => createClient(undefined as never)).toThrow(InputError);
    expect(() => createClient(undefined as never)).toThrow(/environment: "sandbox" \| "production"/);
  });

  it.each<[string, Partial<ClientOptions>, string]>([
    ["no environment", { environment: undefined }, "environment"],
    ["an unknown environment", { environment: "staging" as never }, "environment"],
    ["a base URL for a service CMIX does not have", { baseUrls: { launchpad: "https://x.test" } as never }, "baseUrls.launchpad"],
    ["a base URL that is not http(s)", { baseUrls: { survey: "survey-api.cmix.com" } }, "baseUrls.survey"],
    ["a base URL with credentials in it", { baseUrls: { auth: "https://user:pw@auth.cmix.com" } }, "baseUrls.auth"],
    ["no auth", { auth: undefined as never }, "auth"],
    ["an unknown auth type", { auth: { type: "apiKey" } as never }, "auth.type"],
    ["a password grant without a client secret", { auth: { ...PASSWORD_AUTH, clientSecret: "" } }, "auth.clientSecret"],
    ["a password grant without a username", { auth: { ...PASSWORD_AUTH, username: undefined as never } }, "auth.username"],
    ["a token auth without a token", { auth: { type: "token", accessToken: "" } }, "auth.accessToken"],
  ])("rejects %s before any request, naming the option", (_case, override, field) => {
    const observed = vendor();
    let thrown: unknown;
    try {
      createClient({ environment: "sandbox", auth: PASSWORD_AUTH, fetch: observed.fetch, ...override } as ClientOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).field).toBe(field);
    expect((thrown as InputError).message).not.toContain("pw@");
    expect(observed.requests).toHaveLength(0);
  });
});
