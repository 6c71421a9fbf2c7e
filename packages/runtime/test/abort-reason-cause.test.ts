import { inspect } from "node:util";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ApiUserAbortError, createApiClient, createTransport } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";
import { fakeFetch } from "./helpers.js";

const TOKEN = "tok-abort-reason-0123456789";

// What an error shows a logger, in every rendering a credential could travel in.
function rendered(error: unknown): string {
  return [inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error), String(error)].join("\n");
}

describe("the caller's abort reason as the ApiUserAbortError's cause", () => {
  it("is a copy of what the reason says of itself (name, message, code), held as every error's cause is: not an enumerable field", async () => {
    const controller = new AbortController();
    const reason = Object.assign(new Error("stop"), { code: "E_STOP", ticket: 42 });
    controller.abort(reason);
    const { fetch } = fakeFetch(() => new Response("ok"));
    const error = (await createTransport({ maxRetries: 0, fetch })(new Request("https://api.example.com/a", { signal: controller.signal })).catch((thrown: unknown) => thrown)) as Error;
    expect(error).toBeInstanceOf(ApiUserAbortError);
    const cause = error.cause as Error & { code?: unknown };
    expect([cause.name, cause.message, cause.code]).toEqual(["Error", "stop", "E_STOP"]);
    expect(cause).not.toHaveProperty("ticket");
    expect(Object.getOwnPropertyDescriptor(error, "cause")?.enumerable).toBe(false);
    expect({ ...error }).not.toHaveProperty("cause");
  });

  it("keeps a bare abort()'s AbortError by its name", async () => {
    const controller = new AbortController();
    controller.abort();
    const { fetch } = fakeFetch(() => new Response("ok"));
    const error = (await createTransport({ maxRetries: 0, fetch })(new Request("https://api.example.com/a", { signal: controller.signal })).catch((thrown: unknown) => thrown)) as Error;
    expect((error.cause as Error).name).toBe("AbortError");
  });

  it.each<[string, (token: string) => unknown]>([
    ["an Error whose message quotes it", (token) => new Error(`gave up waiting with Bearer ${token}`)],
    ["an Error holding the request it gave up on", (token) => Object.assign(new Error("gave up"), { request: { headers: { authorization: `Bearer ${token}` } } })],
    ["a string quoting it", (token) => `cancelled: Authorization: Bearer ${token}`],
    ["a plain object holding it", (token) => ({ headers: { Authorization: `Bearer ${token}` } })],
    ["a Symbol whose description quotes it", (token) => Symbol(`cancelled Bearer ${token}`)],
  ])("shows no credential of the call when the reason is %s", async (_case, reasonFor) => {
    const controller = new AbortController();
    // The caller gives up while the request is out; the fetch rejects as the platform's does.
    const { fetch } = fakeFetch((request) => {
      controller.abort(reasonFor(TOKEN));
      return Promise.reject(request.signal.reason);
    });
    const client = createApiClient<paths>({ baseUrl: "https://api.example.com", operations, auth: { type: "bearer", token: TOKEN }, fetch, maxRetries: 0 });
    const error = await client.GET("/items", { signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expect(rendered(error)).not.toContain(TOKEN);
  });

  // Jest runs tests in a vm context, and an iframe is a realm of its own: their errors are no instance of this Error.
  it("copies an Error of another realm as an Error: its name, message and code, and no other field", () => {
    const foreign = runInNewContext('Object.assign(new TypeError("fetch failed"), { code: "ECONNRESET", request: { token: "x" } })') as unknown;
    expect(foreign instanceof Error).toBe(false);
    const cause = new ApiUserAbortError("aborted", { cause: foreign }).cause as Error & { code?: unknown };
    expect([cause.name, cause.message, cause.code, Object.keys(cause)]).toEqual(["TypeError", "fetch failed", "ECONNRESET", ["code"]]);
  });

  it("copies a DOMException of another realm (a bare abort()'s reason there) as an Error keeping its name and code", () => {
    const foreign = runInNewContext(
      'class DOMException extends Error { get [Symbol.toStringTag]() { return "DOMException"; } }; Object.assign(new DOMException("This operation was aborted"), { name: "AbortError", code: 20 })',
    ) as unknown;
    expect(Object.prototype.toString.call(foreign)).toBe("[object DOMException]");
    const cause = new ApiUserAbortError("aborted", { cause: foreign }).cause as Error & { code?: unknown };
    expect([cause.name, cause.message, cause.code]).toEqual(["AbortError", "This operation was aborted", 20]);
  });

  it("is a redacted copy for a subclass too", () => {
    class Aborted extends ApiUserAbortError {}
    const reason = { note: "client_secret=s3cr3t-client-secret" };
    const error = new Aborted("aborted", { cause: reason });
    expect(error.cause).not.toBe(reason);
    expect(rendered(error)).not.toContain("s3cr3t-client-secret");
  });
});
