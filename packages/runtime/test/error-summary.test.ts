import { describe, expect, it } from "vitest";
import { ApiError, summarizeBody } from "../src/index.js";

describe("summarizeBody", () => {
  it.each([
    [undefined, ""],
    [null, ""],
    ["", ""],
    ["  Service\n  Unavailable ", "Service Unavailable"],
    [0, "0"],
    [503, "503"],
    [false, "false"],
    [true, "true"],
    [12n, "12"],
    [[], "[]"],
    [{}, "{}"],
    [{ errors: [""] }, ""],
    [{ errors: ["first", "second"] }, "first"],
    [{ errors: [{ message: "from a list" }] }, "from a list"],
    [{ errors: [{ id: 7 }] }, '{"errors":[{"id":7}]}'],
    [{ error: "invalid_grant", error_description: "Bad password", message: "ignored" }, "invalid_grant (Bad password)"],
    [{ error: "", error_description: "described", message: "said" }, "said"],
    [{ detail: "a detail", title: "a title" }, "a detail"],
  ])("sums %o up as %j", (body, summary) => {
    expect(summarizeBody(body)).toBe(summary);
  });

  it("is what an error status's message quotes, or nothing when it sums up to nothing", () => {
    expect(ApiError.generate(500, null).message).toBe("The request failed with 500. The vendor failed: retry later.");
    expect(ApiError.generate(500, 0).message).toBe("The request failed with 500: 0. The vendor failed: retry later.");
  });
});
