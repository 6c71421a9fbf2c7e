import { json, observedFetch } from "@apis/faults/observed-fetch";
import { describe, expect, it } from "vitest";
import { createClient, InputError } from "../../src/index.js";
import { ACCESS_TOKEN } from "../support/secrets.js";

describe("createClient", () => {
  it("sends the access token as a bearer token to the base URL", async () => {
    const observed = observedFetch(() => json({ status: "ok" }));
    const __CAMEL__ = createClient({ baseUrl: "https://__NAME__.test", fetch: observed.fetch, auth: { type: "token", accessToken: ACCESS_TOKEN } });
    const { data } = await __CAMEL__.GET("/v1/status");
    expect(data).toEqual({ status: "ok" });
    expect(observed.calls()).toEqual(["GET https://__NAME__.test/v1/status"]);
    expect(observed.requests[0]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it("rejects a missing access token before any request", () => {
    expect(() => createClient({ auth: { type: "token", accessToken: "" } })).toThrow(InputError);
  });
});
