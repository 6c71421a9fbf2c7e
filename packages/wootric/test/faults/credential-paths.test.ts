// The credential paths that are the main API's own, against a hostile server (@apis/faults): the shared token source's
// requests, and an e-mail survey carrying `access_token` as a form field, as every one of the vendor's curls sends it.
// Neither may follow a redirect to another origin; both are bounded and end with the caller.
import { ApiTimeoutError, ApiUserAbortError, RedirectError } from "@apis/runtime";
import { describeCredentialPaths, type CredentialPathKit } from "@apis/faults";
import { createClient, createWootricTokenSource, sendEmailSurvey } from "../../src/index.js";

const CLIENT_SECRET = "wootric-main-hostile-secret-1";
const BODY_TOKEN = "wootric-main-body-token-1";
const TOKEN = { status: 200, body: { access_token: "wootric-main-at-hostile-1", token_type: "bearer", expires_in: 7200 } };

/** Two clients on one shared token source; the call throws unless the main API answered. */
function sharedSourceCall(kit: CredentialPathKit) {
  return (timeoutMs: number) => {
    const url = kit.server.url;
    const tokens = createWootricTokenSource({ auth: { type: "clientCredentials", clientId: "app-1", clientSecret: CLIENT_SECRET }, tokenUrl: `${url}/oauth/token`, timeoutMs, logger: kit.collected.logger });
    const wootric = createClient({ baseUrl: url, auth: { type: "tokenSource", tokens }, timeoutMs, logger: kit.collected.logger, retryDelay: { baseMs: 1, maxMs: 2 } });
    return async (signal?: AbortSignal) => {
      const { error } = await wootric.GET("/v1/segments", signal ? { signal } : {});
      if (error !== undefined) throw new Error("the segments call failed");
    };
  };
}

/** An e-mail survey with the token in its body, as the docs' curls send it. */
function bodyTokenCall(kit: CredentialPathKit) {
  return (timeoutMs: number) => {
    const wootric = createClient({ baseUrl: kit.server.url, auth: { type: "token", accessToken: "wootric-main-header-token-1" }, timeoutMs, logger: kit.collected.logger });
    return (signal?: AbortSignal) => sendEmailSurvey(wootric, { emails: ["nps2@example.com"], access_token: BODY_TOKEN }, signal ? { signal } : {});
  };
}

describeCredentialPaths("Wootric main-API credential paths against a hostile server", {
  secrets: [CLIENT_SECRET, BODY_TOKEN, "wootric-main-at-hostile-1", "wootric-main-header-token-1"],
  errors: { redirect: RedirectError, timeout: ApiTimeoutError, userAbort: ApiUserAbortError },
  script: (server) => server.script("GET /v1/segments", [{ status: 200, body: [] }]),
  paths: (kit) => [
    { name: "the shared token source's token request", route: "POST /oauth/token", ok: TOKEN, cached: true, repeated: true, connect: sharedSourceCall(kit) },
    { name: "an e-mail survey with access_token in its form body", route: "POST /v1/email_survey", ok: { status: 200, body: {} }, cached: false, connect: bodyTokenCall(kit) },
  ],
});
