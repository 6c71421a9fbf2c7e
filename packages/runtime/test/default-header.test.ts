import { describe, expect, it } from "vitest";
import { hasHeader, withDefaultHeader } from "../src/index.js";

describe("hasHeader", () => {
  it("reads a header set in any case, in a record, a Headers or a list, and null as set (it removes a client-wide one)", () => {
    for (const headers of [{ accept: "text/csv" }, { ACCEPT: "text/csv" }, new Headers({ Accept: "text/csv" }), [["Accept", "text/csv"]] as [string, string][], { Accept: null }]) {
      expect(hasHeader(headers, "Accept")).toBe(true);
    }
  });

  // openapi-fetch leaves a header of undefined out: `headers: { Accept: process.env.ACCEPT }` sets none.
  it("reads a header left undefined, or none at all, as not set", () => {
    for (const headers of [{ Accept: undefined }, { accept: undefined, "x-other": "1" }, {}, new Headers(), [], undefined, null]) {
      expect(hasHeader(headers, "Accept")).toBe(false);
    }
  });

  it("agrees with withDefaultHeader on whether the caller set the header", () => {
    for (const headers of [{ Accept: undefined }, { accept: "text/csv" }, new Headers({ accept: "text/csv" }), undefined]) {
      const kept = withDefaultHeader(headers, "Accept", "application/json");
      expect(hasHeader(headers, "Accept")).toBe(!Object.values(kept).includes("application/json"));
    }
  });
});
