// Every operation of specs/cx/openapi.yaml, called through the public client and helpers against a Prism mock of the
// spec. Prism validates each request (path, query, auth, body); any violation, any call to a path the spec lacks,
// and any operation left unexercised fails the suite. `pnpm contract:live cx` runs it against the live vendor through
// Prism proxies (CX_ACCESS_TOKEN, CX_CLIENT_ID), read-only unless APIS_CONTRACT_LIVE_WRITES=1, reporting drift.
import { basicAuthorization } from "@apis/runtime";
import { useContract } from "@apis/prism";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiError, createClient, downloadFile, exchangeAuthorizationCode, filePath, uploadFile, type CxClient } from "../../src/index.js";
import { ACCESS_TOKEN, AUTH_CODE, CLIENT_ID, CLIENT_SECRET } from "../support/secrets.js";
import { watch } from "@apis/faults/leak-watch";
import { API_HOST, DATA_HOST, hostUrls, recorderForHosts } from "./prism-hosts.js";

const REDIRECT = "https://app.example.com/cx/callback";

const contract = useContract("cx", { recorder: recorderForHosts });
/** write: a test that changes the account's files; mockOnly: one that needs what only the mock has (a code to exchange). */
const { live, write, mockOnly } = contract;

let cx: CxClient;
let tokenUrl: string;

beforeAll(() => {
  const { baseUrl, dataBaseUrl } = hostUrls(contract.target);
  tokenUrl = `${baseUrl}/oauth/token`;
  cx = createClient({
    baseUrl,
    dataBaseUrl,
    fetch: contract.recorder.fetch,
    maxRetries: 0,
    clientId: live ? (process.env.CX_CLIENT_ID ?? "") : CLIENT_ID,
    auth: { type: "token", accessToken: live ? (process.env.CX_ACCESS_TOKEN ?? "") : ACCESS_TOKEN },
  });
});

/** The host the last recorded call went to. */
function lastHost(): string {
  return new URL(contract.recorder.exchanges.at(-1)!.url).hostname;
}

describe("Authentication", () => {
  mockOnly.each(["multipart", "form"] as const)("exchanges a code for a token with a %s body and HTTP Basic client authentication", async (bodyEncoding) => {
    const token = await exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, tokenUrl, fetch: contract.recorder.fetch, bodyEncoding });
    expect(token.access_token).toEqual(expect.any(String));
    expect(lastHost()).toBe(API_HOST);
  });

  mockOnly("accepts the token request sent through the typed client with the application's Basic credentials", async () => {
    const { data, response } = await cx.POST("/oauth/token", {
      body: { grant_type: "authorization_code", code: AUTH_CODE, redirect_uri: REDIRECT },
      headers: { Authorization: basicAuthorization(CLIENT_ID, CLIENT_SECRET) },
    });
    expect(response.status).toBe(200);
    expect(data?.access_token).toEqual(expect.any(String));
  });
});

describe("Users", () => {
  it("gets the signed-in user's profile from the API host", async () => {
    const { data, error } = await cx.GET("/users/self");
    expect(error).toBeUndefined();
    expect(data?.profile.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(data?.profile.quota?.consumedByGroupFiles).toBeDefined();
    expect(lastHost()).toBe(API_HOST);
  });
});

describe("Files", () => {
  write("creates a folder", async () => {
    const { data, response } = await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/Photos/2012") } } });
    expect(response.status).toBe(200);
    expect(data).toEqual(expect.any(Object));
    expect(lastHost()).toBe(API_HOST);
  });

  write("deletes a file in a group's tree, its path holding spaces and non-ASCII names", async () => {
    const { data } = await cx.POST("/files/delete/{filePath}", { params: { path: { filePath: filePath("gMd4zgZ2EeKGhRICOASQIQ", "/Fotos 2012/Müller & Söhne.jpg") } } });
    expect(data?.status).toBe("ok");
    expect(contract.recorder.exchanges.at(-1)?.url).toMatch(/\/files\/delete\/gMd4zgZ2EeKGhRICOASQIQ:%2FFotos%202012%2FM%C3%BCller%20%26%20S%C3%B6hne\.jpg$/);
  });
});

describe("Transport", () => {
  write("uploads a Blob to the data host", async () => {
    // uploadFile resolves only on a 2xx: a refusal would throw.
    const data = await uploadFile(cx, filePath("self", "/Photos/2012/foobar.jpg"), new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" }));
    expect(data.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(lastHost()).toBe(DATA_HOST);
  });

  write("uploads a ReadableStream as a streamed multipart body", async () => {
    const content = new Blob(["line 1\n", "line 2\n"]).stream();
    const data = await uploadFile(cx, filePath("self", "/logs/app.log"), content, { contentType: "text/plain" });
    expect(data.name).toEqual(expect.any(String));
    expect(lastHost()).toBe(DATA_HOST);
  });

  write("downloads a file from the data host as a stream", async () => {
    const data = await downloadFile(cx, filePath("self", "/Photos/2012/foobar.jpg"));
    expect(data.contentType).toBe("application/octet-stream");
    expect(await new Response(data.body).text()).toBe("<the file's bytes>");
    expect(lastHost()).toBe(DATA_HOST);
  });
});

describe("the token in contract errors", () => {
  mockOnly("does not appear in an error built from a response Prism sent", async () => {
    const { response } = await cx.GET("/users/self");
    const error = watch(ApiError.fromResponse(response, { errorType: "BadAuthToken", message: "The access token is invalid" }, "GET"));
    expect(error.message).toContain("access_token=[redacted]");
    expect(error.message).not.toContain(ACCESS_TOKEN);
  });
});

describe("coverage", () => {
  mockOnly("has exercised every operation in the spec without a violation", () => {
    expect(contract.recorder.operations.map((operation) => operation.operationId).sort()).toEqual(
      ["createFolder", "deleteFile", "downloadFile", "getCurrentUser", "requestAccessToken", "uploadFile"],
    );
    expect(contract.recorder.uncovered().map((operation) => operation.key)).toEqual([]);
  });
});
