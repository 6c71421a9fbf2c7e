// Each of Wootric's credential paths against a hostile server: its token requests must not follow a redirect to
// another origin, must be bounded headers and body, and must end with the caller (@apis/faults).
import { ApiTimeoutError, ApiUserAbortError, RedirectError } from "@apis/runtime";
import { describeCredentialPaths, type CredentialPathKit } from "@apis/faults";
import { createClient, type ClientOptions } from "../../src/index.js";

const PASSWORD = "wootric-pass-hostile-1";
const CLIENT_SECRET = "wootric-client-hostile-1";
const TOKEN = { status: 200, body: { access_token: "wootric-at-hostile-1", token_type: "bearer", expires_in: 7200 } };

/** A client with `auth` whose every call first needs a token; the call throws unless it got its tags. */
function tagsCall(kit: CredentialPathKit, auth: ClientOptions["auth"]) {
  return (timeoutMs: number) => {
    const url = kit.server.url;
    const cxi = createClient({ baseUrl: url, tokenUrl: `${url}/oauth/token`, auth, timeoutMs, logger: kit.collected.logger, retryDelay: { baseMs: 1, maxMs: 2 } });
    return async (signal?: AbortSignal) => {
      const { error } = await cxi.GET("/v1/tags", signal ? { signal } : {});
      if (error !== undefined) throw new Error("the tags call failed");
    };
  };
}

describeCredentialPaths("Wootric CXI token requests against a hostile server", {
  secrets: [PASSWORD, CLIENT_SECRET, "wootric-at-hostile-1"],
  errors: { redirect: RedirectError, timeout: ApiTimeoutError, userAbort: ApiUserAbortError },
  script: (server) => server.script("GET /v1/tags", [{ status: 200, body: [] }]),
  paths: (kit) => [
    {
      name: "the password grant's token request",
      route: "POST /oauth/token",
      ok: TOKEN,
      cached: true,
      repeated: true,
      connect: tagsCall(kit, { type: "password", username: "ana@example.com", password: PASSWORD, accountToken: "NPS-1234" }),
    },
    {
      name: "the client-credentials token request",
      route: "POST /oauth/token",
      ok: TOKEN,
      cached: true,
      repeated: true,
      connect: tagsCall(kit, { type: "clientCredentials", clientId: "app-1", clientSecret: CLIENT_SECRET }),
    },
  ],
});
