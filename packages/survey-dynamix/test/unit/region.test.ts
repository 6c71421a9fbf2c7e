import { describe, expect, it } from "vitest";
import { buildAuthorizeUrl, createClient, exchangeAuthorizationCode, InputError, regionHosts, REGIONS } from "../../src/index.js";
import { json, observedFetch, thrownBy } from "@apis/faults/observed-fetch";
import { bad } from "@apis/faults/bad-input";

const auth = { type: "token", accessToken: "t" } as const;

async function hostOf(options: Partial<Parameters<typeof createClient>[0]>): Promise<string> {
  const observed = observedFetch(() => json({ id: 52, name: "NPS" }));
  await createClient({ auth, fetch: observed.fetch, ...options }).GET("/surveys/{survey_id}", { params: { path: { survey_id: 52 } } });
  return observed.requests[0]!.url;
}

describe("region", () => {
  it("sends to the bare host for us1, the default", async () => {
    expect(await hostOf({})).toBe("https://surveydynamix.com/api/surveys/52");
    expect(await hostOf({ region: "us1" })).toBe("https://surveydynamix.com/api/surveys/52");
  });

  it.each(REGIONS.filter((region) => region !== "us1"))("sends to %s's own host", async (region) => {
    expect(await hostOf({ region })).toBe(`https://${region}.surveydynamix.com/api/surveys/52`);
  });

  it("lets an explicit baseUrl win over the region", async () => {
    expect(await hostOf({ region: "eu1", baseUrl: "https://sdx.test/api" })).toBe("https://sdx.test/api/surveys/52");
  });

  // The region fills oauthBaseUrl in beside the old name: a null oauthUrl read as a second URL, and the error told the
  // caller to pass only an oauthBaseUrl it never gave. Without a region the same null is refused as a null.
  it.each([undefined, "eu1" as const])("refuses a null oauthUrl as a null, with region %s", (region) => {
    const options = { clientId: "3", redirectUri: "https://app.example.com/cb", state: "an-unguessable-state", region, oauthUrl: null };
    const error = thrownBy(() => buildAuthorizeUrl(bad(options)));
    expect(error).toMatchObject({ name: "InputError", field: "oauthUrl", message: expect.stringMatching(/^oauthUrl must be a URL string .*, got null$/) });
    expect(thrownBy(() => createClient(bad({ auth, region, oauthUrl: null })))).toMatchObject({ field: "oauthUrl", message: (error as Error).message });
  });

  it("refuses an unknown region with an InputError naming the option and the regions, before sending", async () => {
    const observed = observedFetch(() => json({}));
    const error = thrownBy(() => createClient({ auth, fetch: observed.fetch, region: "eu2" as never }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^region must be one of us1, us2, us3, ca1, eu1, au1, demo .* got "eu2"/);
    expect(observed.requests).toHaveLength(0);
  });

  it.each<[string, unknown, string]>([
    ["a number as written", 1, "1"],
    ["an object described, not written out", { region: "eu1" }, "an object"],
    ["a BigInt described", 1n, "a bigint"],
  ])("quotes a region that is %s, as every Survey Dynamix message quotes a value", (_name, region, got) => {
    const error = thrownBy(() => regionHosts(region));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(new RegExp(`^region must be one of .*, got ${got}$`));
  });

  it("reads a null region as none, in the client and the OAuth helpers alike", async () => {
    expect(await hostOf({ region: bad(null) })).toBe("https://surveydynamix.com/api/surveys/52");
    expect(buildAuthorizeUrl({ clientId: "3", redirectUri: "https://app.example.com/cb", state: crypto.randomUUID(), region: bad(null) })).toMatch(/^https:\/\/surveydynamix\.com\/oauth\/authorize\?/);
  });

  it("takes the OAuth endpoints to the region's host too (a guess the spec marks)", async () => {
    expect(buildAuthorizeUrl({ clientId: "3", redirectUri: "https://app.example.com/cb", state: crypto.randomUUID(), region: "au1" })).toMatch(/^https:\/\/au1\.surveydynamix\.com\/oauth\/authorize\?/);
    const observed = observedFetch(() => json({ token_type: "Bearer", expires_in: 60, access_token: "at-1" }));
    await exchangeAuthorizationCode({ clientId: "3", clientSecret: "s3cret-value", code: "c0de-value", redirectUri: "https://app.example.com/cb", region: "ca1", fetch: observed.fetch });
    expect(observed.requests[0]!.url).toBe("https://ca1.surveydynamix.com/oauth/token");
  });
});
