import { describe, expect, it } from "vitest";
import { ApiUserAbortError, createTransport } from "../src/index.js";
import { fakeFetch } from "./helpers.js";

describe("the caller's abort reason as the ApiUserAbortError's cause", () => {
  it("is the very reason, held as every error's cause is: not an enumerable field that loggers and spreads copy", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    controller.abort(reason);
    const { fetch } = fakeFetch(() => new Response("ok"));
    const error = (await createTransport({ maxRetries: 0, fetch })(new Request("https://api.example.com/a", { signal: controller.signal })).catch((thrown: unknown) => thrown)) as Error;
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expect(error.cause).toBe(reason);
    expect(Object.getOwnPropertyDescriptor(error, "cause")).toEqual(Object.getOwnPropertyDescriptor(new Error("x", { cause: reason }), "cause"));
    expect({ ...error }).not.toHaveProperty("cause");
  });

  it("is kept by a subclass too, without being redacted", () => {
    class Aborted extends ApiUserAbortError {}
    const reason = { note: "client_secret=s3cr3t-client-secret" };
    expect(new Aborted("aborted", { cause: reason }).cause).toBe(reason);
  });
});
