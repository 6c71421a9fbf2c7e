// Every option each helper's type declares is taken: each object below must name them all (Required<> makes it
// whole), and the call must go through with them, none refused as an option the helper does not take.
import { everyTokenRequestOption, fetchSpy } from "@apis/faults/bad-input";
import { expect, it } from "vitest";
import {
  buildAuthorizeUrl,
  createClient,
  downloadFile,
  exchangeAuthorizationCode,
  readAuthorizationCallback,
  uploadFile,
  type ExchangeAuthorizationCodeOptions,
  type UploadOptions,
} from "../../src/index.js";

const REDIRECT = "https://app.example.com/cx/callback";
const PHOTO = "self:%2Fphotos%2F2353.jpg";
const signal = new AbortController().signal;
const answering = (body: unknown) => {
  const fetch = fetchSpy(body);
  return { fetch, cx: createClient({ auth: { type: "token", accessToken: "at-every" }, fetch, maxRetries: 0 }) };
};

it("buildAuthorizeUrl takes every option its type declares", () => {
  const every: Required<Parameters<typeof buildAuthorizeUrl>[0]> = { clientId: "app", redirectUri: REDIRECT, state: "st-0123456789", authorizeUrl: "https://auth.mock.test/authorize" };
  expect(buildAuthorizeUrl(every)).toMatch(/^https:\/\/auth\.mock\.test\/authorize\?client_id=app&/);
});

it("readAuthorizationCallback takes every option its type declares", () => {
  const every: Required<NonNullable<Parameters<typeof readAuthorizationCallback>[1]>> = { expectedState: "s-1" };
  expect(readAuthorizationCallback(`${REDIRECT}?auth_code=c-1&state=s-1`, every)).toEqual({ code: "c-1", state: "s-1" });
});

it("exchangeAuthorizationCode takes every option ExchangeAuthorizationCodeOptions declares", async () => {
  const { fetch } = answering({ access_token: "at-issued" });
  const lines: string[] = [];
  const every: Required<ExchangeAuthorizationCodeOptions> = {
    clientId: "app",
    clientSecret: "cs-every",
    code: "code-every",
    redirectUri: REDIRECT,
    ...everyTokenRequestOption(fetch, lines),
    signal,
    bodyEncoding: "form",
    tokenUrl: "https://api.mock.test/1/oauth/token",
  };
  expect(await exchangeAuthorizationCode(every)).toEqual({ access_token: "at-issued" });
  expect(lines).toHaveLength(1);
});

it("uploadFile and downloadFile take every option their type declares", async () => {
  const { fetch, cx } = answering({ id: "ZdvTGn0mEeG34xIFOBql1A" });
  const upload: Required<UploadOptions> = { contentType: "text/plain", filename: "note.txt", signal };
  const download: Required<NonNullable<Parameters<typeof downloadFile>[2]>> = { signal };
  expect(await uploadFile(cx, PHOTO, "hello", upload)).toEqual({ id: "ZdvTGn0mEeG34xIFOBql1A" });
  await downloadFile(cx, PHOTO, download);
  expect(fetch).toHaveBeenCalledTimes(2);
});
