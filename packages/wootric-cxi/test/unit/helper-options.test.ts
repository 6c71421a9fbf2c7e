// Every option each helper's type declares is taken: each object below must name them all (Required<> makes it
// whole), and the call must go through with them, none refused as an option the helper does not take.
import { everyTokenRequestOption, fetchSpy } from "@apis/faults/bad-input";
import { expect, it } from "vitest";
import { createClient, createWootricTokenSource, importCsv, listAll, type WootricTokenSourceOptions } from "../../src/index.js";

it("createWootricTokenSource takes every option WootricTokenSourceOptions declares", async () => {
  const fetch = fetchSpy({ access_token: "at-issued", expires_in: 7200 });
  const lines: string[] = [];
  const every: Required<WootricTokenSourceOptions> = {
    auth: { type: "clientCredentials", clientId: "app", clientSecret: "cs-every" },
    tokenUrl: "https://api.mock.test/oauth/token",
    ...everyTokenRequestOption(fetch, lines),
  };
  expect(await createWootricTokenSource(every).getToken()).toBe("at-issued");
  expect(lines).toHaveLength(1);
});

it("importCsv takes every option its type declares", async () => {
  const fetch = fetchSpy({ id: 7 });
  const cxi = createClient({ auth: { type: "token", accessToken: "at-every" }, fetch, maxRetries: 0 });
  const every: Required<NonNullable<Parameters<typeof importCsv>[2]>> = { filename: "import.csv", signal: new AbortController().signal };
  expect(await importCsv(cxi, "feedback_date,feedback,score\n2020-07-16,Great,9\n", every)).toEqual({ id: 7 });
  expect(fetch).toHaveBeenCalledTimes(1);
});

it("listAll takes every option its type declares", async () => {
  const fetch = fetchSpy([]);
  const cxi = createClient({ auth: { type: "token", accessToken: "at-every" }, fetch, maxRetries: 0 });
  const every: Required<NonNullable<Parameters<typeof listAll<"/v1/tags">>[2]>> = { query: { per_page: 5 }, signal: new AbortController().signal };
  expect(await listAll(cxi, "/v1/tags", every).next()).toEqual({ done: true, value: undefined });
  expect(fetch).toHaveBeenCalledTimes(1);
});
