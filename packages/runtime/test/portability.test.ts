import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as runtime from "../src/index.js";

const SRC = join(import.meta.dirname, "..", "src");
// Every source but src/node/, which holds what only Node runs (the `@apis/runtime/undici` subpath).
const sources = readdirSync(SRC, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts") && !file.startsWith("node/"))
  .map((file) => ({ file, code: stripComments(readFileSync(join(SRC, file), "utf8")) }));

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

describe("portability", () => {
  it.each(sources.map(({ file }) => file))("%s uses no Node-only API and nothing newer than Node 18 has", (file) => {
    const code = sources.find((source) => source.file === file)?.code ?? "";
    expect(code).not.toMatch(/from\s+["']node:/);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/\bprocess\./);
    expect(code).not.toMatch(/AbortSignal\.(any|timeout)\b/);
  });

  it("layers are checked too, and no portable source imports src/node/", () => {
    expect(sources.some(({ file }) => file.startsWith("layers/"))).toBe(true);
    for (const { file, code } of sources) expect(code, file).not.toMatch(/from\s+["'][./]+\/?node\//);
  });

  it("index.ts only re-exports", () => {
    const index = sources.find((source) => source.file === "index.ts")?.code ?? "";
    for (const line of index.split("\n").filter((text) => text.trim() !== "")) {
      expect(line).toMatch(/^(export\b|\s+\w|\}\s+from)/);
    }
  });

  it("exports the public API", () => {
    expect(Object.keys(runtime).sort()).toEqual(
      [
        "ApiConnectionError",
        "ApiError",
        "ApiTimeoutError",
        "ApiUserAbortError",
        "AuthenticationError",
        "DEFAULT_MAX_RESPONSE_BYTES",
        "AuthorizationDeniedError",
        "InputError",
        "InvalidResponseError",
        "MAX_RETRY_AFTER_MS",
        "PaginationLimitError",
        "RedirectError",
        "ResponseTooLargeError",
        "basicAuthorization",
        "basicAuthorizer",
        "bearerAuthorizer",
        "checkedBasicAuthorizer",
        "checkedBearerAuthorizer",
        "noneAuthorizer",
        "queryAuthorizer",
        "TOKEN_AUTHORIZERS",
        "queryNameHooks",
        "toBase64",
        "decodeQueryName",
        "checkSecureUrl",
        "checkHeadersOption",
        "isHeaderSafeToken",
        "UNSENDABLE",
        "isLoopbackHost",
        "nameErrorClasses",
        "buildAuthorizeUrl",
        "buildAuthorizeUrlWithoutParams",
        "exchangeAuthorizationCode",
        "exchangeAuthorizationCodeInForm",
        "readAuthorizationCallback",
        "createApiClient",
        "ownStream",
        "createOAuth2TokenSource",
        "tokenSourceForCheckedGrant",
        "createTokenSource",
        "createTransport",
        "defaultShouldRetry",
        "describeValue",
        "shown",
        "nameShown",
        "isFieldObject",
        "isAbortSignal",
        "paginate",
        "iteratePages",
        "joinsWhole",
        "multipart",
        "multipartBody",
        "multipartFormData",
        "paginateOffset",
        "iterateOffset",
        "normalizeName",
        "redactText",
        "redactUrl",
        "summarizeBody",
        "endSentence",
        "withDefaultHeader",
        "hasHeader",
        "redactSecrets",
        "rememberSecret",
        "cancelQuietly",
        "sleep",
        "AttemptSignal",
        "MAX_TIMER_MS",
        "isPlainObject",
        "toFormUrlEncoded",
        "toMultipartFormData",
        "urlOption",
        "BadRequestError",
        "UnauthorizedError",
        "ForbiddenError",
        "NotFoundError",
        "ConflictError",
        "UnprocessableEntityError",
        "RateLimitError",
        "InternalServerError",
        "dataOrThrow",
        "idOrThrow",
        "objectOrThrow",
        "defineVendorClient",
        "defineVendorServices",
        "forwardedOptions",
        "resolveHosts",
        "renamedHost",
        "checkOptionNames",
        "checkCallQuery",
        "checkQueryNames",
        "FORWARDED_OPTIONS",
        "BASE_TRANSPORT_OPTIONS",
        "EXCHANGE_OPTIONS",
        "hostOptionNames",
        "tokenRequestOptions",
        "withCallHooks",
        "sendsCredentials",
        "checkClient",
        "checkNumber",
        "checkRefreshTokenStore",
        "fieldError",
        "isRecord",
        "requireString",
      ].sort(),
    );
  });
});
