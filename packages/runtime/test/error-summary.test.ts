import { describe, expect, it } from "vitest";
import { ApiError, dataOrThrow, isRecord, summarizeBody } from "../src/index.js";

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

// A 5xx to a POST may come after the server acted (the survey went out, the row was written): "retry later" would have
// the caller send it twice. The transport does not resend such a request; the message says so and what to do.
describe("the hint of a server error", () => {
  const NOT_RETRIED = "The vendor failed. Not retried: the server may have acted on it; check before resending.";

  it.each(["POST", "PATCH"])("to a %s says it may have been carried out and to check before resending", (method) => {
    for (const status of [500, 502, 503, 504]) {
      const error = ApiError.generate(status, { message: "boom" }, { method, url: "https://api.example.com/v1/email_survey" });
      expect(error.message).toBe(`${method} https://api.example.com/v1/email_survey failed with ${status}: boom. ${NOT_RETRIED}`);
    }
  });

  it.each(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"])("to a %s, which may be resent, says to retry later", (method) => {
    expect(ApiError.generate(503, null, { method }).message).toBe(`${method} failed with 503. The vendor failed: retry later.`);
  });

  it("without a method, as a caller of generate may build it, says to retry later", () => {
    expect(ApiError.generate(500, null).message).toMatch(/The vendor failed: retry later\.$/);
  });

  it("from fromResponse names the helper's method", () => {
    const error = ApiError.fromResponse(new Response("{}", { status: 500 }), { error: "down" }, "POST");
    expect(error.message).toMatch(/failed with 500: down\. The vendor failed\. Not retried: .*check before resending\.$/);
  });

  // A read sent as POST (an operation marked x-idempotent) was retried like a GET before its 5xx reached the helper.
  it("from fromResponse or dataOrThrow of a safe call to a POST says to retry later, the method still named, and keeps no safe field", () => {
    const response = () => new Response('{"error":"down"}', { status: 503, headers: { "content-type": "application/json" } });
    const thrown = (() => {
      try {
        dataOrThrow({ error: { error: "down" }, response: response() }, "POST", true);
      } catch (error) {
        return error as ApiError;
      }
    })();
    for (const error of [ApiError.fromResponse(response(), { error: "down" }, "POST", true), thrown]) {
      expect(error?.message).toBe("POST failed with 503: down. The vendor failed: retry later.");
      expect([error?.method, "safe" in error!, Object.keys(error!.toJSON())]).toEqual(["POST", false, ["name", "message", "status", "method", "url", "body"]]);
    }
  });
});

describe("isRecord", () => {
  it("is true for an object of fields, as parsed JSON holds them, with or without a prototype", () => {
    expect(isRecord({ plan: "Pro" })).toBe(true);
    expect(isRecord(JSON.parse('{"constructor": 1}'))).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
  });

  it("is false for null, an array, a primitive and an instance of a class, whose fields are no data", () => {
    for (const value of [null, undefined, ["Pro"], "Pro", 1, new Date(0), new Map([["plan", "Pro"]]), new URLSearchParams("plan=Pro")]) {
      expect(isRecord(value)).toBe(false);
    }
  });
});
