// Survey Dynamix's credential path against a hostile server: the code exchange (code and client secret in the
// body) must not follow a redirect to another origin, must be bounded headers and body, and must end with its
// caller's signal (@apis/faults). API calls carry only an Authorization header, which fetch drops across origins.
import { ApiTimeoutError, ApiUserAbortError, RedirectError } from "@apis/runtime";
import { codeExchangePath, describeCredentialPaths } from "@apis/faults";
import { exchangeAuthorizationCode } from "../../src/index.js";
import { ACCESS_TOKEN, AUTH_CODE, CLIENT_SECRET } from "../support/secrets.js";

describeCredentialPaths("Survey Dynamix code exchange against a hostile server", {
  secrets: [CLIENT_SECRET, AUTH_CODE, ACCESS_TOKEN],
  errors: { redirect: RedirectError, timeout: ApiTimeoutError, userAbort: ApiUserAbortError },
  paths: (kit) => [
    codeExchangePath(
      kit,
      (bounds) => exchangeAuthorizationCode({ oauthBaseUrl: kit.server.url, clientId: "3", clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: "https://app.example.com/sdx/callback", ...bounds }),
      { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 3600 },
    ),
  ],
});
