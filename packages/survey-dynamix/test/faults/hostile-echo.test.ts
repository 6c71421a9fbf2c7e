// Survey Dynamix's credentials (the Basic customer UUID and auth token, a personal access token, and the code and
// client secret of the OAuth exchange) echoed back by a hostile server in every encoding they are sent in: none may
// reach an error or a log line. The generic cases (every runtime credential kind, bodies bounded in time and size)
// run once in packages/runtime.
import { assertNoEcho, collectLeaks, echoIn, encodingsOf, outcomeRenderings, tokenEchoIn, useFaultServer } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { ApiError, createClient, createInteraction, DuplicateInteractionError, exchangeAuthorizationCode, ResponseTooLargeError, type ClientOptions, type SurveyDynamixAuth } from "../../src/index.js";

const AUTH_TOKEN = "sdx+&/ é%-basic-auth-token";
// Sent as a Bearer header, which cannot hold a space or "é" (the client refuses such a token before sending).
const ACCESS_TOKEN = "sdx+&/%-personal-access-token=";
const CLIENT_SECRET = "sdx+&/ é%-client-secret";
const CODE = "sdx+&/ é%-auth-code";
const CUSTOMER_UUID = "4f7c2a9e-1b3d-4e5f-8a6b-0c9d8e7f6a5b";
// A caller's own, sent in an Authorization header of its own in place of the client's credential.
const OWN_TOKEN = "sdx-caller-own-token-7";
const collected = collectLeaks([AUTH_TOKEN, ACCESS_TOKEN, CLIENT_SECRET, CODE, OWN_TOKEN]);
const GET_QUESTION = "GET /questions/5";

const served = useFaultServer();

function connect(auth: SurveyDynamixAuth, options: Partial<ClientOptions> = {}) {
  return createClient({ baseUrl: served().url, oauthBaseUrl: served().url, auth, maxRetries: 0, logger: collected.logger, ...options });
}
const getQuestion = (auth: SurveyDynamixAuth) => connect(auth).GET("/questions/{question_id}", { params: { path: { question_id: 5 } } });

const texts = (call: () => Promise<{ error?: unknown; response: Response }>) =>
  outcomeRenderings(call, (response, error) => ApiError.fromResponse(response, error, "GET"), collected);

const kinds: { kind: string; secret: string; user: string; auth: SurveyDynamixAuth }[] = [
  { kind: "Basic auth token", secret: AUTH_TOKEN, user: CUSTOMER_UUID, auth: { type: "basic", customerUuid: CUSTOMER_UUID, authToken: AUTH_TOKEN } },
  { kind: "personal access token", secret: ACCESS_TOKEN, user: "user", auth: { type: "token", accessToken: ACCESS_TOKEN } },
];

describe("Survey Dynamix credentials echoed by a hostile server", () => {
  for (const { kind, secret, user, auth } of kinds) {
    for (const [place, answer] of Object.entries(echoIn)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`the ${kind} in ${place} of the API, %s, reaches no error or log line`, async (_, text) => {
        served().script(GET_QUESTION, [answer(text)]);
        assertNoEcho(await texts(() => getQuestion(auth)), secret, user);
        expect(served().count(GET_QUESTION)).toBe(1);
      });
    }
  }

  // DuplicateInteractionError quotes the vendor's reason from the 409's body in its message, as every ApiError does.
  for (const { kind, secret, user, auth } of kinds) {
    it.each(Object.entries(encodingsOf(secret, user)))(`the ${kind} in a 409 body to POST /interactions, %s, reaches no error or log line`, async (_, text) => {
      served().script("POST /interactions", [{ status: 409, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: `Survey 52 is closed to ${text}` }) }]);
      const error = await createInteraction(connect(auth), { survey_id: 52 }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(DuplicateInteractionError);
      expect((error as Error).message).toContain("Survey 52 is closed to ");
      assertNoEcho(await outcomeRenderings(() => Promise.reject(error), () => undefined, collected), secret, user);
    });
  }

  for (const [name, secret] of [["code", CODE], ["client secret", CLIENT_SECRET]] as const) {
    for (const [place, answer] of Object.entries(tokenEchoIn)) {
      it.each(Object.entries(encodingsOf(secret, "3")))(`the ${name} of the OAuth exchange, in ${place}, %s, reaches no error or log line`, async (_, text) => {
        served().script("POST /oauth/token", [answer(text)]);
        const exchange = async () => {
          await exchangeAuthorizationCode({ oauthBaseUrl: served().url, clientId: "3", clientSecret: CLIENT_SECRET, code: CODE, redirectUri: "https://app.example.com/cb", maxRetries: 0, logger: collected.logger });
          throw new Error("expected the exchange to fail");
        };
        assertNoEcho(await texts(exchange), secret, "3");
        expect(served().count("POST /oauth/token")).toBe(1);
      });
    }
  }
});

// A caller's own Authorization header, client-wide or one call's, goes in place of the client's credential: what follows
// its scheme is redacted like the client's own, whether a space or a tab sets it off (fetch sends either).
describe("a caller's own Authorization header echoed by a hostile server", () => {
  const auth: SurveyDynamixAuth = { type: "token", accessToken: ACCESS_TOKEN };
  for (const [apart, header] of [["a space", `Bearer ${OWN_TOKEN}`], ["a tab", `Bearer\t${OWN_TOKEN}`]] as const) {
    for (const [place, answer] of Object.entries(echoIn)) {
      it(`set apart by ${apart}, in ${place}, reaches no error or log line, client-wide or on one call`, async () => {
        served().script(GET_QUESTION, [answer(OWN_TOKEN)]);
        const params = { path: { question_id: 5 } };
        assertNoEcho(await texts(() => connect(auth, { headers: { Authorization: header } }).GET("/questions/{question_id}", { params })), OWN_TOKEN);
        assertNoEcho(await texts(() => connect(auth).GET("/questions/{question_id}", { params, headers: { Authorization: header } })), OWN_TOKEN);
        expect(served().requests.filter((request) => request.pathname === "/questions/5").map((request) => request.headers.authorization)).toEqual([header, header]);
      });
    }
  }

  // `Bearer ${token}` of a token left unset (null from a browser's storage): a word that short is no credential, and
  // redacted from the raw body it made the JSON of a null, true or false unreadable ("detail":[redacted]).
  it.each(["null", "true", "false"])("too short to be a credential (Bearer %s), leaves the JSON of the 401 body readable", async (word) => {
    const body = { message: "Unauthenticated.", detail: null, retry: true, expired: false };
    served().script(GET_QUESTION, [{ status: 401, body }]);
    const { error } = await connect(auth).GET("/questions/{question_id}", { params: { path: { question_id: 5 } }, headers: { Authorization: `Bearer ${word}` } });
    expect(error).toEqual(body);
  });
});

describe("Survey Dynamix bodies bounded by maxResponseBytes", () => {
  it("refuses an error body and a token response over maxResponseBytes, naming the option", async () => {
    served().script(GET_QUESTION, [{ status: 404, body: { message: "x".repeat(4096) } }]);
    const client = connect(kinds[0]!.auth, { maxResponseBytes: 1024 });
    const error = collected.error(await client.GET("/questions/{question_id}", { params: { path: { question_id: 5 } } }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toContain("maxResponseBytes (1024 bytes)");
    served().script("POST /oauth/token", [{ endless: '"padding",' }]);
    const exchange = exchangeAuthorizationCode({ oauthBaseUrl: served().url, clientId: "3", clientSecret: CLIENT_SECRET, code: CODE, redirectUri: "https://app.example.com/cb", maxResponseBytes: 1024 });
    expect(collected.error(await exchange.catch((e: unknown) => e))).toBeInstanceOf(ResponseTooLargeError);
  });
});
