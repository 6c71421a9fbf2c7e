// Every option each helper's type declares is taken: each object below must name them all (Required<> makes it
// whole), and the call must go through with them, none refused as an option the helper does not take.
import { everyTokenRequestOption, fetchSpy } from "@apis/faults/bad-input";
import { expect, it } from "vitest";
import {
  buildAuthorizeUrl,
  createClient,
  createInteraction,
  exchangeAuthorizationCode,
  listAll,
  readAuthorizationCallback,
  updateInteraction,
  type AuthorizeUrlOptions,
  type ExchangeAuthorizationCodeOptions,
  type ListAllOptions,
  type UpdateInteractionInput,
} from "../../src/index.js";

const REDIRECT = "https://app.example.com/sdx/callback";
const STATE = "b7f3c9a1-state";
const signal = new AbortController().signal;
const answering = (body: unknown) => {
  const fetch = fetchSpy(body);
  return { fetch, sdx: createClient({ auth: { type: "token", accessToken: "at-every" }, fetch, maxRetries: 0 }) };
};

it("buildAuthorizeUrl takes every option AuthorizeUrlOptions declares", () => {
  const every: Required<AuthorizeUrlOptions> = {
    clientId: "3",
    redirectUri: REDIRECT,
    state: STATE,
    scope: ["read"],
    oauthBaseUrl: "https://oauth.mock.test",
    region: "eu1",
    // The deprecated name with the same URL: with another, the two would be refused together.
    oauthUrl: "https://oauth.mock.test",
  };
  expect(buildAuthorizeUrl(every)).toMatch(/^https:\/\/oauth\.mock\.test\/oauth\/authorize\?.*scope=read/);
});

it("exchangeAuthorizationCode takes every option ExchangeAuthorizationCodeOptions declares", async () => {
  const { fetch } = answering({ access_token: "at-issued" });
  const lines: string[] = [];
  const every: Required<ExchangeAuthorizationCodeOptions> = {
    clientId: "3",
    clientSecret: "cs-every",
    code: "code-every",
    redirectUri: REDIRECT,
    ...everyTokenRequestOption(fetch, lines),
    signal,
    oauthBaseUrl: "https://oauth.mock.test",
    region: "eu1",
    // The deprecated name with the same URL: with another, the two would be refused together.
    oauthUrl: "https://oauth.mock.test",
    tokenUrl: "https://oauth.mock.test/oauth/token",
  };
  expect(await exchangeAuthorizationCode(every)).toEqual({ access_token: "at-issued" });
  expect(lines).toHaveLength(1);
});

it("readAuthorizationCallback takes every option its type declares", () => {
  const every: Required<NonNullable<Parameters<typeof readAuthorizationCallback>[1]>> = { codeParams: ["code"], expectedState: STATE };
  expect(readAuthorizationCallback(`${REDIRECT}?code=c-1&state=${STATE}`, every)).toEqual({ code: "c-1", state: STATE });
});

it("listAll takes every option ListAllOptions declares", async () => {
  const { fetch, sdx } = answering([]);
  const every: Required<ListAllOptions<"/surveys/{survey_id}/responses">> = { query: { _limit: 5 }, path: { survey_id: 52 }, signal };
  expect(await listAll(sdx, "/surveys/{survey_id}/responses", every).next()).toEqual({ done: true, value: undefined });
  expect(fetch).toHaveBeenCalledTimes(1);
});

it("createInteraction and updateInteraction take every option their type declares", async () => {
  const { fetch, sdx } = answering({ id: 891234, survey_id: 52 });
  const create: Required<NonNullable<Parameters<typeof createInteraction>[2]>> = { signal };
  const update: Required<NonNullable<Parameters<typeof updateInteraction>[3]>> = { signal };
  await createInteraction(sdx, { survey_id: 52 }, create);
  await updateInteraction(sdx, 891234, { survey_id: 52 } as UpdateInteractionInput, update);
  expect(fetch).toHaveBeenCalledTimes(2);
});
