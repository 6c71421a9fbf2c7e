// What is Wootric's own under faults, against the scripted server (@apis/faults): its token endpoint, 423 and 429 with
// the X-Rate-Limit-* budget, the shapes its undocumented error bodies take, and the helpers. The transport's generic
// fault matrix runs once, against the runtime. Pacing is timed with fake timers, never the wall clock.
import { afterEach, describe, expect, it, vi } from "vitest";
import { collectLeaks, rejection, useFaultServer, type Fault } from "@apis/faults";
import { ApiConnectionError, ApiError, AuthenticationError, BadRequestError, createClient, getEndUserByEmail, InternalServerError, listAll, NotFoundError, RateLimitError, sendEmailSurvey, sendEmailSurveyCsv, UnauthorizedError, UnprocessableEntityError, type ClientOptions, type WootricClient } from "../../src/index.js";

const PASSWORD = "wootric-main-pass-1";
const BEARER = "wootric-main-bearer-1";
const ISSUED = "wootric-main-at-1";
const TOKEN_ROUTE = "POST /oauth/token";
const LOOKUP = "GET /v1/end_users/nps2%40example.com";
const EMAIL_SURVEY = "POST /v1/email_survey";
const RESPONSES = "GET /v1/responses";
const USER = { id: 2, email: "nps2@example.com" };

const server = useFaultServer({ hangMs: 3000 });
const collected = collectLeaks([PASSWORD, BEARER, ISSUED]);

/** A client on the scripted server: the password grant unless `auth` says otherwise. */
function connect(options: Partial<ClientOptions> = {}): WootricClient {
  const url = server().url;
  return createClient({
    baseUrl: url,
    tokenUrl: `${url}/oauth/token`,
    auth: { type: "password", username: "ana@example.com", password: PASSWORD, accountToken: "NPS-1234" },
    retryDelay: { baseMs: 1, maxMs: 2 },
    logger: collected.logger,
    ...options,
  });
}

const bearerClient = (options: Partial<ClientOptions> = {}) => connect({ auth: { type: "token", accessToken: BEARER }, ...options });
/** The budget headers of a response that spends it, refilling `seconds` from the (possibly fake) clock. */
const spent = (seconds: number) => ({ "X-Rate-Limit-Limit": "100", "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": String(Math.floor(Date.now() / 1000) + seconds) });

/** Fake time, so that waiting for a reset takes no real time; setImmediate stays real, for the sockets' turns. */
const fakeClock = () => vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });

/** Lets `promise` settle, moving the fake clock 100 ms per real turn of the event loop meanwhile. */
async function advancing<T>(promise: Promise<T>, limitMs = 120_000): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let elapsed = 0; !settled && elapsed < limitMs; elapsed += 100) {
    await new Promise((turn) => setImmediate(turn));
    await vi.advanceTimersByTimeAsync(100);
  }
  return promise;
}

/** Fake milliseconds between the requests a route received. */
const gaps = (route: string) => {
  const times = server().requests.filter((request) => `${request.method} ${request.pathname}` === route).map((request) => request.at);
  return times.slice(1).map((at, index) => at - times[index]!);
};

afterEach(() => {
  vi.useRealTimers();
});

describe("Wootric's token endpoint under faults", () => {
  // A password grant sent twice issues a second token at worst, so a 500 is sent again while retries are left (two).
  it.each<[string, Fault, number, number]>([
    ["invalid_grant, echoing the password", { status: 400, body: { error: "invalid_grant", error_description: `Invalid password ${PASSWORD}` } }, 400, 1],
    ["invalid_client", { status: 401, body: { error: "invalid_client" } }, 401, 1],
    ["a 500", { status: 500, body: { error: "server_error" } }, 500, 3],
    ["a maintenance page with 200", { status: 200, headers: { "Content-Type": "text/html" }, body: "<html>maintenance</html>" }, 200, 1],
    ["a 200 without an access_token", { status: 200, body: { token_type: "bearer", expires_in: 7200 } }, 200, 1],
  ])("turns %s into an AuthenticationError from the helper, without calling the API", async (_, fault, status, sent) => {
    server().script(TOKEN_ROUTE, [fault]);
    server().script(LOOKUP, [{ status: 200, body: USER }]);
    const error = collected.error(await rejection(getEndUserByEmail(connect(), "nps2@example.com")));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(status);
    expect([server().count(TOKEN_ROUTE), server().count(LOOKUP)]).toEqual([sent, 0]);
  });

  // The README's convention: a raw call returns an error status as { error }, but a refused token request is no
  // answer of the API, and throws (a careless caller reading only { data, error } would miss it).
  it("throws a refused token request's AuthenticationError from a raw call, not resolving it as its error", async () => {
    server().script(TOKEN_ROUTE, [{ status: 401, body: { error: "invalid_client" } }]);
    const error = collected.error(await rejection(connect().GET("/v1/nps_summary")));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(server().count("GET /v1/nps_summary")).toBe(0);
  });

  it("sends the password grant again after a 503 and calls the API with the token it then gets", async () => {
    server().script(TOKEN_ROUTE, [{ status: 503, body: { error: "temporarily_unavailable" } }, { status: 200, body: { access_token: ISSUED, token_type: "bearer", expires_in: 7200 } }]);
    server().script(LOOKUP, [{ status: 200, body: USER }]);
    expect(await getEndUserByEmail(connect(), "nps2@example.com")).toEqual(USER);
    expect([server().count(TOKEN_ROUTE), server().count(LOOKUP)]).toEqual([2, 1]);
    expect(server().requests[2]!.headers.authorization).toBe(`Bearer ${ISSUED}`);
  });

  it("sends the account token in the token request's query and the password only in its body", async () => {
    server().script(TOKEN_ROUTE, [{ status: 200, body: { access_token: ISSUED, token_type: "bearer", expires_in: 7200 } }]);
    server().script(LOOKUP, [{ status: 200, body: USER }]);
    await getEndUserByEmail(connect(), "nps2@example.com");
    const [token, lookup] = server().requests;
    expect(token!.url).toBe("/oauth/token?account_token=NPS-1234");
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({ grant_type: "password", username: "ana@example.com", password: PASSWORD });
    expect(lookup!.headers.authorization).toBe(`Bearer ${ISSUED}`);
    expect(lookup!.url).toBe("/v1/end_users/nps2%40example.com?lookup_by_email=true");
  });
});

describe("423 and 429 with Wootric's X-Rate-Limit-* budget", () => {
  it("returns 423 Locked (historical properties not enabled) as it is, and does not resend the update", async () => {
    server().script("PUT /v1/responses/7", [{ status: 423, body: { error: "Editing historical end user properties is not enabled for this account" } }]);
    const { error, response } = await bearerClient().PUT("/v1/responses/{id}", { params: { path: { id: 7 } }, body: { end_user: { properties: { plan: "Pro" } } } });
    expect(response.status).toBe(423);
    expect(error).toEqual({ error: "Editing historical end user properties is not enabled for this account" });
    expect(server().count("PUT /v1/responses/7")).toBe(1);
  });

  it("holds the next request until X-Rate-Limit-Reset once a response has spent the budget", async () => {
    fakeClock();
    server().script(LOOKUP, [{ status: 200, headers: spent(20), body: USER }, { status: 200, body: USER }]);
    const wootric = bearerClient();
    await advancing(getEndUserByEmail(wootric, "nps2@example.com"));
    expect(await advancing(getEndUserByEmail(wootric, "nps2@example.com"))).toEqual(USER);
    expect(gaps(LOOKUP)).toEqual([expect.toSatisfy((gap: number) => gap >= 19_000)]);
  });

  it("resends a 429 without Retry-After once its X-Rate-Limit-Reset has passed, and returns the data", async () => {
    fakeClock();
    server().script(LOOKUP, [{ status: 429, headers: spent(10), body: { error: "Rate limit exceeded" } }, { status: 200, body: USER }]);
    expect(await advancing(getEndUserByEmail(bearerClient(), "nps2@example.com"))).toEqual(USER);
    expect(gaps(LOOKUP)).toEqual([expect.toSatisfy((gap: number) => gap >= 9_000)]);
  });

  it("throws a RateLimitError with Wootric's body when the reset is beyond rateLimit.maxWaitMs and the retries are spent", async () => {
    server().script(LOOKUP, [{ status: 429, headers: spent(3600), body: { error: "Rate limit exceeded" } }]);
    const error = collected.error(await rejection(getEndUserByEmail(bearerClient({ rateLimit: { maxWaitMs: 1000 }, maxRetries: 0 }), "nps2@example.com")));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, body: { error: "Rate limit exceeded" } });
  });
});

describe("Wootric's error bodies, whose shape is undocumented, reach the caller as sent", () => {
  it.each<[string, Fault, Function]>([
    ["a JSON error", { status: 404, body: { error: "Not Found" } }, NotFoundError],
    ["a list of errors", { status: 400, body: { errors: ["Email is invalid"] } }, BadRequestError],
    ["a message", { status: 422, body: { message: "Validation failed" } }, UnprocessableEntityError],
    ["a rejected token", { status: 401, body: { error: "invalid_token" } }, UnauthorizedError],
    ["an HTML page", { status: 500, headers: { "Content-Type": "text/html" }, body: "<html><h1>We're sorry</h1></html>" }, InternalServerError],
    ["no body at all", { status: 404 }, NotFoundError],
  ])("throws the status-keyed ApiError for %s, with the body as Wootric sent it", async (_, fault, errorClass) => {
    server().script(LOOKUP, [fault]);
    const error = collected.error(await rejection(getEndUserByEmail(bearerClient({ maxRetries: 0 }), "nps2@example.com")));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(ApiError);
    const { status } = fault as { status: number };
    expect((error as ApiError).status).toBe(status);
    const body = (fault as { body?: unknown }).body;
    expect((error as ApiError).body).toEqual(body === undefined ? undefined : body);
  });
});

describe("the helpers under faults", () => {
  it.each<[string, Fault, Function]>([
    ["a 503", { status: 503, body: { error: "unavailable" } }, InternalServerError],
    ["a connection reset", { reset: "before-headers" }, ApiConnectionError],
  ])("sends an e-mail survey once after %s, so that nobody is surveyed twice", async (_, fault, errorClass) => {
    server().script(EMAIL_SURVEY, [fault, { status: 200, body: {} }]);
    const error = collected.error(await rejection(sendEmailSurvey(bearerClient(), { emails: ["nps2@example.com"] })));
    expect(error).toBeInstanceOf(errorClass);
    expect(server().count(EMAIL_SURVEY)).toBe(1);
  });

  it("resends an e-mail survey refused with 429, once the budget refills", async () => {
    fakeClock();
    server().script(EMAIL_SURVEY, [{ status: 429, headers: spent(5), body: { error: "Rate limit exceeded" } }, { status: 200, body: { queued: 1 } }]);
    expect(await advancing(sendEmailSurvey(bearerClient(), { emails: ["nps2@example.com"] }))).toEqual({ queued: 1 });
    expect(gaps(EMAIL_SURVEY)).toEqual([expect.toSatisfy((gap: number) => gap >= 4_000)]);
  });

  it("uploads a CSV once after a 502 and throws, with Wootric's body", async () => {
    server().script("POST /v1/email_survey_csv", [{ status: 502, body: { error: "bad gateway" } }]);
    const error = collected.error(await rejection(sendEmailSurveyCsv(bearerClient(), "email\nnps2@example.com\n")));
    expect(error).toMatchObject({ status: 502, body: { error: "bad gateway" } });
    expect(server().count("POST /v1/email_survey_csv")).toBe(1);
  });

  // fetch turns a POST answered 301, 302 or 303 into a GET without its body: the GET's 200 (a login or maintenance
  // page) resolved as the accepted send, though no survey went out, and a 307's resend could survey twice.
  it.each([301, 302, 303, 307])("throws on a %i to the e-mail survey POSTs instead of resolving what a GET of its Location answers", async (status) => {
    for (const [route, send] of [
      [EMAIL_SURVEY, () => sendEmailSurvey(bearerClient(), { emails: ["nps2@example.com"] })],
      ["POST /v1/email_survey_csv", () => sendEmailSurveyCsv(bearerClient(), "email\nnps2@example.com\n")],
    ] as const) {
      server().script(route, [{ status, headers: { Location: `${server().url}/users/sign_in` } }]);
      server().script("GET /users/sign_in", [{ status: 200, body: { page: "sign in" } }]);
      server().script("POST /users/sign_in", [{ status: 200, body: { page: "sign in" } }]);
      const error = collected.error(await rejection(send()));
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(status);
      expect([server().count(route), server().count("GET /users/sign_in"), server().count("POST /users/sign_in")]).toEqual([1, 0, 0]);
    }
  });

  // Cloudflare's workerd refuses redirect: "error" when a Request is made (before anything is sent): a helper that
  // asked for it failed every send there. The Request of a Worker, in so far as it refuses that mode.
  it("sends the e-mail surveys where a Request refuses redirect: 'error' (Cloudflare Workers)", async () => {
    const Platform = globalThis.Request;
    vi.stubGlobal("Request", class extends Platform {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        if ((init?.redirect ?? (input as Partial<Request>).redirect) === "error") throw new TypeError('Invalid redirect value, must be one of "follow" or "manual"');
        super(input, init);
      }
    });
    try {
      server().script(EMAIL_SURVEY, [{ status: 200, body: { result: "ok" } }]);
      server().script("POST /v1/email_survey_csv", [{ status: 200, body: { result: "ok" } }]);
      expect(await sendEmailSurvey(bearerClient(), { emails: ["nps2@example.com"] })).toEqual({ result: "ok" });
      expect(await sendEmailSurveyCsv(bearerClient(), "email\nnps2@example.com\n")).toEqual({ result: "ok" });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("goes on paging after a 503 on page 2 and after page 3 spends the budget", async () => {
    fakeClock();
    const page = (ids: number[]) => ids.map((id) => ({ id, score: 9 }));
    server().script(RESPONSES, [
      { status: 200, body: page([1, 2]) },
      { status: 503 },
      { status: 200, body: page([3, 4]) },
      () => ({ status: 200, headers: spent(30), body: page([5, 6]) }),
      { status: 200, body: page([7]) },
    ]);
    const ids: number[] = [];
    await advancing(
      (async () => {
        for await (const response of listAll(bearerClient(), "/v1/responses", { query: { per_page: 2 } })) ids.push(response.id);
      })(),
    );
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(gaps(RESPONSES).at(-1)).toBeGreaterThanOrEqual(29_000);
    expect(server().requests.map((request) => new URL(request.url, server().url).searchParams.get("page"))).toEqual(["1", "2", "2", "3", "4"]);
  });

  it("keeps every credential out of what the suite logged and threw", () => {
    expect(collected.all().filter((item) => item.kind === "error").length).toBeGreaterThan(10);
    expect(collected.leaks()).toEqual([]);
  });
});
