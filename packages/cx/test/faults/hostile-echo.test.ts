// CX's credentials (the query access token, and the code and client secret exchangeAuthorizationCode sends with HTTP Basic)
// echoed back by a hostile server in every encoding they are sent in: none may reach an error or a log line. The
// generic cases (every runtime credential kind, bodies bounded in time and size) run once in packages/runtime.
import { assertNoEcho, collectLeaks, echoIn, encodingsOf, outcomeRenderings, tokenEchoIn, useFaultServer } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { ApiError, createClient, downloadFile, exchangeAuthorizationCode, filePath, ResponseTooLargeError, uploadFile, type ClientOptions } from "../../src/index.js";

const ACCESS_TOKEN = "cx+&/ é%-access-token";
const CLIENT_SECRET = "cx+&/ é%-client-secret";
const CODE = "cx+&/ é%-auth-code";
const CLIENT_ID = "cx-app-9";
const collected = collectLeaks([ACCESS_TOKEN, CLIENT_SECRET, CODE]);

const served = useFaultServer();

function connect(options: Partial<ClientOptions> = {}) {
  return createClient({ baseUrl: served().url, dataBaseUrl: served().url, auth: { type: "token", accessToken: ACCESS_TOKEN }, maxRetries: 0, logger: collected.logger, ...options });
}

const texts = (call: () => Promise<{ error?: unknown; response: Response }>) =>
  outcomeRenderings(call, (response, error) => ApiError.fromResponse(response, error, "GET"), collected);

describe("CX credentials echoed by a hostile server", () => {
  for (const [place, answer] of Object.entries(echoIn)) {
    it.each(Object.entries(encodingsOf(ACCESS_TOKEN)))(`the query access token in ${place} of the API, %s, reaches no error or log line`, async (_, text) => {
      served().script("GET /users/self", [answer(text)]);
      assertNoEcho(await texts(() => connect().GET("/users/self")), ACCESS_TOKEN);
      expect(served().count("GET /users/self")).toBe(1);
    });
  }

  // The data host (dataBaseUrl) answers the helpers, each with its own reading of the answer: a download's body is
  // streamed, not parsed, and an upload's answer must carry the file's id.
  const PATH = filePath("self", "/Fotos/a.jpg");
  const helpers = {
    downloadFile: ["GET", () => downloadFile(connect(), PATH).then((file) => file.body.cancel())],
    uploadFile: ["POST", () => uploadFile(connect(), PATH, "bytes")],
  } as const;
  for (const [helper, [method, run]] of Object.entries(helpers)) {
    for (const [place, answer] of Object.entries(echoIn)) {
      it.each(Object.entries(encodingsOf(ACCESS_TOKEN)))(`the query access token in ${place} of the data host, answering ${helper}, %s, reaches no error or log line`, async (_, text) => {
        served().script(`${method} /data/${PATH}`, [answer(text)]);
        // What the helper resolves is the caller's (a download's Content-Type as the server sent it); what it throws and logs is looked at.
        assertNoEcho(await outcomeRenderings(async () => (await run(), { response: new Response() }), () => undefined, collected), ACCESS_TOKEN);
        expect(served().count(`${method} /data/${PATH}`)).toBe(1);
      });
    }
  }

  for (const [name, secret] of [["code", CODE], ["client secret", CLIENT_SECRET]] as const) {
    for (const [place, answer] of Object.entries(tokenEchoIn)) {
      it.each(Object.entries(encodingsOf(secret, CLIENT_ID)))(`the ${name} exchangeAuthorizationCode sends, in ${place}, %s, reaches no error or log line`, async (_, text) => {
        served().script("POST /oauth/token", [answer(text)]);
        const exchange = async () => {
          await exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: CODE, redirectUri: "https://app.example.com/cx/callback", tokenUrl: `${served().url}/oauth/token`, maxRetries: 0, logger: collected.logger });
          throw new Error("expected exchangeAuthorizationCode to fail");
        };
        assertNoEcho(await texts(exchange), secret, CLIENT_ID);
        expect(served().count("POST /oauth/token")).toBe(1);
      });
    }
  }
});

describe("CX bodies bounded by maxResponseBytes", () => {
  it("refuses a JSON body and a token response over maxResponseBytes, naming the option", async () => {
    served().script("GET /users/self", [{ status: 200, body: { name: "x".repeat(4096) } }]);
    const error = collected.error(await connect({ maxResponseBytes: 1024 }).GET("/users/self").catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toContain("maxResponseBytes (1024 bytes)");
    served().script("POST /oauth/token", [{ endless: '"padding",' }]);
    const exchange = exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: CODE, redirectUri: "https://app.example.com/cx/callback", tokenUrl: `${served().url}/oauth/token`, maxResponseBytes: 1024 });
    expect(collected.error(await exchange.catch((e: unknown) => e))).toBeInstanceOf(ResponseTooLargeError);
  });

  it("streams a download larger than maxResponseBytes, whose body the caller reads", async () => {
    served().script("GET /data/self:%2Fbig.bin", [{ status: 200, headers: { "Content-Type": "application/octet-stream" }, body: "x".repeat(4096) }]);
    const data = await downloadFile(connect({ maxResponseBytes: 1024 }), filePath("self", "/big.bin"));
    expect(await new Response(data.body).text()).toHaveLength(4096);
  });
});
