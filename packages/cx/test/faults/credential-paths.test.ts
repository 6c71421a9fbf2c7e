// CX's credential paths against a hostile server: the code exchange (code and client secret in the body) and every
// API call (access_token in the query), on either host, must not follow a redirect to another origin; the exchange must be bounded
// headers and body and end with its caller's signal (@apis/faults).
import { ApiTimeoutError, ApiUserAbortError, RedirectError } from "@apis/runtime";
import { codeExchangePath, describeCredentialPaths } from "@apis/faults";
import { createClient, downloadFile, exchangeAuthorizationCode, filePath, uploadFile } from "../../src/index.js";
import { ACCESS_TOKEN, AUTH_CODE, CLIENT_SECRET } from "../support/secrets.js";

const PATH = filePath("self", "/Fotos/a.jpg");

describeCredentialPaths("CX credential paths against a hostile server", {
  secrets: [ACCESS_TOKEN, CLIENT_SECRET, AUTH_CODE],
  errors: { redirect: RedirectError, timeout: ApiTimeoutError, userAbort: ApiUserAbortError },
  paths: (kit) => [
    codeExchangePath(kit, (bounds) =>
      exchangeAuthorizationCode({ tokenUrl: `${kit.server.url}/oauth/token`, clientId: "cx-app-1", clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: "https://app.example.com/cx/callback", ...bounds }),
    ),
    {
      name: "GET /users/self with ?access_token=",
      route: "GET /users/self",
      ok: { status: 200, body: { id: 7 } },
      cached: false,
      cases: ["redirect"],
      connect: (timeoutMs) => {
        const url = kit.server.url;
        const cx = createClient({ baseUrl: url, dataBaseUrl: url, auth: { type: "token", accessToken: ACCESS_TOKEN }, timeoutMs, logger: kit.collected.logger });
        return async (signal) => {
          const { error } = await cx.GET("/users/self", signal ? { signal } : {});
          if (error !== undefined) throw new Error("GET /users/self failed");
        };
      },
    },
    // The data host's helpers carry the same query token, each through its own call: a download (streamed, GET) and an
    // upload (a multipart POST, whose body the transport holds for a same-origin 307).
    ...(["downloadFile", "uploadFile"] as const).map((helper) => ({
      name: `${helper} on the data host with ?access_token=`,
      route: `${helper == "downloadFile" ? "GET" : "POST"} /data/${PATH}`,
      ok: { status: 200, body: { id: "ZdvTGn0mEeG34xIFOBql1A" } },
      cached: false,
      cases: ["redirect", "abort"] as const,
      connect: (timeoutMs: number) => {
        const url = kit.server.url;
        const cx = createClient({ baseUrl: url, dataBaseUrl: url, auth: { type: "token", accessToken: ACCESS_TOKEN }, timeoutMs, logger: kit.collected.logger });
        return async (signal?: AbortSignal) => {
          if (helper == "uploadFile") await uploadFile(cx, PATH, "bytes", { signal });
          else await (await downloadFile(cx, PATH, { signal })).body.cancel();
        };
      },
    })),
  ],
});
