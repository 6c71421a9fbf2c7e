// Which credentials a live run can go with: x-contract-live.env, or envOr in its place (the run refuses to start, and
// claims no pass, when neither set is complete).
import type { RegisteredApi } from "@apis/spec";
import { describe, expect, it } from "vitest";
import { liveCredentialNames, liveCredentialSets, missingCredentials } from "../src/live.ts";
import { vendorApis } from "../src/mock.ts";

const api = (live: unknown): RegisteredApi => ({ name: "x", root: "/x.yaml", extensions: live === undefined ? {} : { "x-contract-live": live } });

describe("the credentials of a live run", () => {
  it("are every API's env, or an API's envOr in its place beside the env of the others, each name once", () => {
    // One API's envOr stands in for its own env alone: the vendor's other APIs still need theirs.
    const apis = [api({ env: ["A", "B"], envOr: ["C"] }), api({ env: ["B", "D"] })];
    expect(liveCredentialSets(apis)).toEqual([["A", "B", "D"], ["C", "B", "D"]]);
    expect(liveCredentialNames(apis)).toEqual(["A", "B", "D", "C"]);
    expect(liveCredentialSets([api({ env: ["A"] }), api({ env: ["B"] })])).toEqual([["A", "B"]]);
    expect(liveCredentialSets([api(undefined)])).toEqual([]);
  });

  it("go with either set complete, and otherwise name what the first lacks and the other set", () => {
    const sets = [["A", "B"], ["C"]];
    expect(missingCredentials(sets, { A: "1", B: "2" })).toBeUndefined();
    expect(missingCredentials(sets, { C: "3" })).toBeUndefined();
    expect(missingCredentials(sets, { A: "1" })).toBe("no credentials: set B (or instead C)");
    // An empty value is no credential.
    expect(missingCredentials(sets, { A: "1", B: "", C: "" })).toBe("no credentials: set B (or instead C)");
    // Nor is one of white space alone.
    expect(missingCredentials(sets, { A: "1", B: " \t", C: "\n" })).toBe("no credentials: set B (or instead C)");
    expect(missingCredentials([["A"]], {})).toBe("no credentials: set A");
    expect(missingCredentials([], {})).toBe("redocly.yaml documents no credentials (x-contract-live.env) for it");
  });

  it("of Survey Dynamix take a personal access token in place of Basic auth's two", () => {
    expect(liveCredentialSets(vendorApis("survey-dynamix"))).toEqual([["SDX_CUSTOMER_UUID", "SDX_AUTH_TOKEN"], ["SDX_ACCESS_TOKEN"]]);
  });
});
