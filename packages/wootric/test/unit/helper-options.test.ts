// Every option each helper's type declares is taken: each object below must name them all (Required<> makes it
// whole), and the call must go through with them, none refused as an option the helper does not take.
import { fetchSpy } from "@apis/faults/bad-input";
import { expect, it } from "vitest";
import { createClient, getEndUserByEmail, getEndUserByExternalId, listAll, sendEmailSurvey, type ListAllOptions } from "../../src/index.js";

it("getEndUserByEmail, getEndUserByExternalId and sendEmailSurvey take every option their type declares", async () => {
  const user = { id: 1, email: "a@example.com", external_id: "ext-1" };
  const fetch = fetchSpy(user);
  const wootric = createClient({ auth: { type: "token", accessToken: "at-every" }, fetch, maxRetries: 0 });
  const signal = new AbortController().signal;
  const byEmail: Required<NonNullable<Parameters<typeof getEndUserByEmail>[2]>> = { signal };
  const byExternalId: Required<NonNullable<Parameters<typeof getEndUserByExternalId>[2]>> = { signal };
  const send: Required<NonNullable<Parameters<typeof sendEmailSurvey>[2]>> = { signal };
  expect(await getEndUserByEmail(wootric, "a@example.com", byEmail)).toEqual(user);
  expect(await getEndUserByExternalId(wootric, "ext-1", byExternalId)).toEqual(user);
  await sendEmailSurvey(wootric, { emails: ["a@example.com"] }, send);
  expect(fetch).toHaveBeenCalledTimes(3);
});

it("listAll takes every option ListAllOptions declares", async () => {
  const fetch = fetchSpy([]);
  const wootric = createClient({ auth: { type: "token", accessToken: "at-every" }, fetch, maxRetries: 0 });
  const every: Required<ListAllOptions<"/v1/end_users/{end_user_id}/responses">> = { query: { per_page: 5 }, path: { end_user_id: 2 }, signal: new AbortController().signal };
  expect(await listAll(wootric, "/v1/end_users/{end_user_id}/responses", every).next()).toEqual({ done: true, value: undefined });
  expect(fetch).toHaveBeenCalledTimes(1);
});
