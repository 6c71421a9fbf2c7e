// The reporting and file-processing services answered by a hostile or broken server: what a caller of the raw clients
// and of countResponses gets. The generic transport cases run once in packages/runtime; these pin CMIX's own set-up
// (the survey XML read as text, the counts checked as a list, four services sharing one token).
import { startFaultServer, useFaultServer } from "@apis/faults";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ApiTimeoutError, countResponses, createClient, InvalidResponseError, ResponseTooLargeError, type ClientOptions } from "../../src/index.js";

const ACCESS_TOKEN = "cmix-hostile-access-token-1";
const served = useFaultServer({ hangMs: 3_000 });
const XML = "GET /surveys/138651";
const RESPONDENTS = "GET /surveys/138651/respondents";

function connect(options: Partial<ClientOptions> = {}) {
  const url = served().url;
  return createClient({ environment: "production", surveyBaseUrl: url, reportingBaseUrl: url, fileProcessingBaseUrl: url, auth: { type: "token", accessToken: ACCESS_TOKEN }, maxRetries: 0, ...options });
}
const getXml = (options: Partial<ClientOptions> = {}) => connect(options).fileProcessing.GET("/surveys/{surveyId}", { params: { path: { surveyId: 138651 } } });
const getRespondents = () => connect().reporting.GET("/surveys/{surveyId}/respondents", { params: { path: { surveyId: 138651 }, query: { respondentType: "LIVE" } } });

describe("the file-processing service's survey XML, read as text", () => {
  it("ends a download that never ends at timeoutMs, and lets its connection go", async () => {
    served().script(XML, [{ endless: "<question/>" }]);
    await expect(getXml({ timeoutMs: 300 })).rejects.toBeInstanceOf(ApiTimeoutError);
    await expect.poll(() => served().streaming).toBe(0);
  });

  it("ends a download that stalls after its first bytes at timeoutMs", async () => {
    served().script(XML, [{ stall: "after-headers", body: "<survey><question/></survey>" }]);
    await expect(getXml({ timeoutMs: 300 })).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it("refuses a body past maxResponseBytes, declared or compressed", async () => {
    served().script(XML, [
      { drip: "<survey>", everyMs: 1_000, headers: { "content-type": "application/xml", "content-length": String(2 ** 30) } },
      { status: 200, headers: { "content-type": "application/xml", "content-encoding": "gzip" }, body: gzipSync(Buffer.alloc(4 << 20, 32)) },
    ]);
    await expect(getXml({ maxResponseBytes: 1 << 20 })).rejects.toBeInstanceOf(ResponseTooLargeError);
    await expect(getXml({ maxResponseBytes: 1 << 20 })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("returns the token redacted from an error status's body that echoes it", async () => {
    served().script(XML, [(request) => ({ status: 404, headers: { "content-type": "text/plain" }, body: `no survey for ${request.headers.authorization}` })]);
    const { error, response } = await getXml();
    expect(response.status).toBe(404);
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
    expect(error).toContain("[redacted]");
  });
});

describe("the reporting service", () => {
  it("refuses an HTML page answered 200 to a JSON read (a proxy's sign-in page) as an InvalidResponseError", async () => {
    served().script(RESPONDENTS, [{ status: 200, headers: { "content-type": "text/html" }, body: "<html><body>Sign in</body></html>" }]);
    await expect(getRespondents()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("sends no token to the other host a redirect points to", async () => {
    const other = await startFaultServer();
    try {
      other.script(RESPONDENTS, [{ status: 200, body: [] }]);
      served().script(RESPONDENTS, [{ status: 302, headers: { location: `${other.url}/surveys/138651/respondents` } }]);
      await getRespondents();
      expect(served().requests[0]?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(other.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
    } finally {
      await other.close();
    }
  });

  it("refuses counts answered as an object of counts, not the list of data points, as an InvalidResponseError", async () => {
    served().script("POST /surveys/138651/response-counts", [{ status: 200, body: { 122931: { CNT: 3 } } }]);
    await expect(countResponses(connect(), 138651, [{ questionId: 122931 }])).rejects.toBeInstanceOf(InvalidResponseError);
  });
});
