// CMIX's credential path against a hostile server: the password grant's token request (client secret and password
// in a JSON body) must not follow a redirect to another origin, must be bounded headers and body, and must end with
// its caller (@apis/faults).
import { ApiTimeoutError, ApiUserAbortError, RedirectError } from "@apis/runtime";
import { describeCredentialPaths } from "@apis/faults";
import { createClient } from "../../src/index.js";

const CLIENT_SECRET = "cmix-client-hostile-1";
const PASSWORD = "cmix-pass-hostile-1";
const ACCESS_TOKEN = "cmix-at-hostile-1";

describeCredentialPaths("CMIX token requests against a hostile server", {
  secrets: [CLIENT_SECRET, PASSWORD, ACCESS_TOKEN],
  errors: { redirect: RedirectError, timeout: ApiTimeoutError, userAbort: ApiUserAbortError },
  script: (server) => server.script("GET /projects/109820", [{ status: 200, body: { id: 109820, name: "Brand tracker" } }]),
  paths: (kit) => [
    {
      name: "the password grant's token request",
      route: "POST /access-token",
      ok: { status: 200, body: { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 3600 } },
      cached: true,
      repeated: true,
      connect: (timeoutMs) => {
        const url = kit.server.url;
        const cmix = createClient({
          environment: "sandbox",
          authBaseUrl: url, surveyBaseUrl: url, reportingBaseUrl: url, fileProcessingBaseUrl: url,
          auth: { type: "password", clientId: "client-1", clientSecret: CLIENT_SECRET, username: "ana", password: PASSWORD },
          timeoutMs,
          logger: kit.collected.logger,
        });
        return async (signal) => {
          const { error } = await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } }, ...(signal ? { signal } : {}) });
          if (error !== undefined) throw new Error("GET /projects/109820 failed");
        };
      },
    },
  ],
});
