// CMIX's credentials (the client secret and password of the password grant, sent in a JSON body, and the access
// token the auth service issues) echoed back by a hostile server in every encoding they are sent in: none may reach
// an error or a log line. The generic cases (every runtime credential kind, bodies bounded in time and size) run
// once in packages/runtime.
import { assertNoEcho, collectLeaks, echoIn, encodingsOf, outcomeRenderings, tokenEchoIn, useFaultServer } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { ApiError, countResponses, createClient, exportArchive, getArchive, ResponseTooLargeError, type ClientOptions } from "../../src/index.js";

const CLIENT_SECRET = "cmix+&/ é%-client-secret";
const PASSWORD = 'cmix+&/ é%-"password"';
// Sent as a Bearer header, which cannot hold a space or "é" (the client refuses such a token before sending).
const ACCESS_TOKEN = "cmix+&/%-access-token=";
const collected = collectLeaks([CLIENT_SECRET, PASSWORD, ACCESS_TOKEN]);
const GET_PROJECT = "GET /projects/109820";
const TOKEN = "POST /access-token";

const served = useFaultServer();

function connect(options: Partial<ClientOptions> = {}) {
  return createClient({
    environment: "sandbox",
    authBaseUrl: served().url, surveyBaseUrl: served().url, reportingBaseUrl: served().url, fileProcessingBaseUrl: served().url,
    auth: { type: "password", clientId: "client-1", clientSecret: CLIENT_SECRET, username: "ana", password: PASSWORD },
    maxRetries: 0,
    logger: collected.logger,
    ...options,
  });
}
const getProject = (options: Partial<ClientOptions> = {}) => connect(options).survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });

const texts = (call: () => Promise<{ error?: unknown; response: Response }>) =>
  outcomeRenderings(call, (response, error) => ApiError.fromResponse(response, error, "GET"), collected);

const issue = { status: 200, body: { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 3600 } };
const kinds = [
  { kind: "client secret", secret: CLIENT_SECRET, user: "client-1" },
  { kind: "password", secret: PASSWORD, user: "ana" },
  { kind: "issued access token", secret: ACCESS_TOKEN, user: "user" },
];

describe("CMIX credentials echoed by a hostile server", () => {
  for (const { kind, secret, user } of kinds) {
    for (const [place, answer] of Object.entries(echoIn)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`the ${kind} in ${place} of the survey service, %s, reaches no error or log line`, async (_, text) => {
        served().script(TOKEN, [issue]);
        served().script(GET_PROJECT, [answer(text)]);
        assertNoEcho(await texts(() => getProject()), secret, user);
        expect(served().count(GET_PROJECT)).toBe(1);
      });
    }
    if (kind === "issued access token") continue;
    for (const [place, answer] of Object.entries(tokenEchoIn)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`the ${kind} in ${place}, %s, reaches no error or log line`, async (_, text) => {
        served().script(TOKEN, [answer(text)]);
        assertNoEcho(await texts(() => getProject()), secret, user);
        expect(served().count(TOKEN)).toBe(1);
        expect(served().count(GET_PROJECT)).toBe(0);
      });
    }
  }
});

describe("CMIX's access token echoed by the reporting and file-processing services", () => {
  // The token is the one credential these hosts receive; each answers through its own reading: the counts checked as a
  // list by countResponses, the survey XML read as text.
  const calls = {
    "the reporting service, answering countResponses": ["POST /surveys/138651/response-counts", () => countResponses(connect(), 138651, [{ questionId: 122931 }])],
    "the file-processing service, answering the survey XML read": ["GET /surveys/138651", () => connect().fileProcessing.GET("/surveys/{surveyId}", { params: { path: { surveyId: 138651 } } })],
  } as const;
  for (const [host, [route, run]] of Object.entries(calls)) {
    for (const [place, answer] of Object.entries(echoIn)) {
      it.each(Object.entries(encodingsOf(ACCESS_TOKEN)))(`in ${place} of ${host}, %s, it reaches no error or log line`, async (_, text) => {
        served().script(TOKEN, [issue]);
        served().script(route, [answer(text)]);
        assertNoEcho(await texts(async () => { const outcome = await run(); return "response" in outcome ? outcome : { response: new Response() }; }), ACCESS_TOKEN);
        expect(served().count(route)).toBe(1);
      });
    }
  }
});

describe("CMIX credentials echoed as the keys of a 2xx body", () => {
  // A 2xx body is no error body, which is redacted as bytes: a helper that keeps it as an error's body (an archive that
  // never completes, a create answer without an id) must clean its keys as well as its values.
  for (const { kind, secret, user } of kinds) {
    it.each(Object.entries(encodingsOf(secret, user)))(`the ${kind} as a key of an archive, %s, reaches no error`, async (_, text) => {
      served().script(TOKEN, [issue]);
      served().script(`POST /surveys/138651/archives`, [{ status: 200, body: { id: 9001, dataLayoutId: 5, status: "PENDING" } }]);
      served().script(`GET /surveys/138651/data-layouts/5/archives/9001`, [{ status: 200, body: { id: 9001, status: "PENDING", nested: { [text]: "x" } } }]);
      const error = await exportArchive(connect(), 138651, { type: "XLSX_READABLE", pollIntervalMs: 1, maxAttempts: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      assertNoEcho(await texts(() => Promise.reject(error)), secret, user);
    });
  }
});

describe("CMIX credentials echoed in an archive's status or a layout's name, which messages quote", () => {
  // Quoted as JSON after redaction: a credential echoed JSON-escaped (the password holds a quote) was escaped a second
  // time before it was redacted, past recognition, and showed once the backslashes were taken out.
  const answers = {
    "a failed status": (text: string) => [{ id: 9001, dataLayoutId: 5, status: "PENDING" }, { id: 9001, status: `${text} FAILED` }],
    "the last status of a wait": (text: string) => [{ id: 9001, dataLayoutId: 5, status: "PENDING" }, { id: 9001, status: `${text} PENDING` }],
    "a layout's name": (text: string) => [{ id: 9001, dataLayoutId: null, status: "PENDING" }, undefined, [{ id: 4, name: `${text} layout` }]],
  };
  for (const { kind, secret, user } of kinds) {
    for (const [place, answer] of Object.entries(answers)) {
      it.each(Object.entries(encodingsOf(secret, user)))(`the ${kind} in ${place}, %s, reaches no error, even unescaped`, async (_, text) => {
        const [created, polled, layouts] = answer(text);
        served().script(TOKEN, [issue]);
        served().script("POST /surveys/138651/archives", [{ status: 200, body: created }]);
        if (polled) served().script("GET /surveys/138651/data-layouts/5/archives/9001", [{ status: 200, body: polled }]);
        if (layouts) served().script("GET /surveys/138651/data-layouts", [{ status: 200, body: layouts }]);
        const error = await exportArchive(connect(), 138651, { type: "XLSX_READABLE", pollIntervalMs: 1, maxAttempts: 1 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        const shown = await texts(() => Promise.reject(error));
        assertNoEcho(shown, secret, user);
        for (const one of shown) expect(one.replace(/\\/g, "")).not.toContain(secret);
      });
    }
  }
});

describe("CMIX credentials echoed where a message is cut short", () => {
  // A message that quotes the vendor cuts its text at 200 characters; a credential the cut falls inside must not
  // leave its start behind, which no redaction of the cut text could still recognise.
  const padded = (width: number, secret: string) => `${"x".repeat(width - 10)}${secret}`;
  const pieceOf = (secret: string) => secret.slice(0, 10);
  const showsPiece = (texts: string[], secret: string) => texts.filter((text) => text.includes(pieceOf(secret)));

  it("the access token in a 2xx body's error key, cut inside it, shows no piece of it", async () => {
    served().script(TOKEN, [issue]);
    served().script("GET /surveys/138651/data-layouts/1/archives/9001", [{ status: 200, body: { error: padded(200, ACCESS_TOKEN) } }]);
    const error = collected.error(await getArchive(connect(), { surveyId: 138651, dataLayoutId: 1, archiveId: 9001 }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ApiError);
    expect(showsPiece([(error as Error).message, JSON.stringify(error)], ACCESS_TOKEN)).toEqual([]);
  });
});

describe("CMIX bodies bounded by maxResponseBytes", () => {
  it("refuses a token response and a JSON body over maxResponseBytes, naming the option", async () => {
    served().script(TOKEN, [{ endless: '"padding",' }]);
    const error = collected.error(await getProject({ maxResponseBytes: 1024 }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toMatch(/\/access-token returned 200 but its body is larger than maxResponseBytes \(1024 bytes\)/);
    served().script(TOKEN, [issue]);
    served().script(GET_PROJECT, [{ status: 200, body: { id: 109820, name: "x".repeat(4096) } }]);
    expect(collected.error(await getProject({ maxResponseBytes: 1024 }).catch((e: unknown) => e))).toBeInstanceOf(ResponseTooLargeError);
  });
});
