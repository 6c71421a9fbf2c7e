import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runModule } from "./helpers.js";

// Node 24's fetch (undici) makes a FormData body into a stream that throws ERR_INVALID_STATE from a microtask when it
// is cancelled before it was read to its end: an uncaught exception, which ends the process. A multipart call that
// stops before its body was sent (an abort, a refusal) must not cancel such a body; it holds nothing but memory.
// Each case runs in a process of its own, on the built package, since what is looked for is the process dying (and the
// test runner would catch the exception before any listener of a test could).
const RUNTIME = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const UNDICI = fileURLToPath(new URL("../dist/node/undici-fetch.js", import.meta.url));

function run(call: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
import { createApiClient } from ${JSON.stringify(RUNTIME)};
import { undiciFetch } from ${JSON.stringify(UNDICI)};
// A fetch that answers nothing, and fails only when the request's signal aborts, as the platform's does.
const hang = (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
const soon = () => { const controller = new AbortController(); setTimeout(() => controller.abort(), 20); return controller.signal; };
const operations = { "/uploads": { post: { operationId: "upload", requestBody: "multipart", auth: true, response: "json" } } };
const client = createApiClient({ baseUrl: "https://api.example.com", operations, auth: { type: "bearer", token: "t0ken-value" }, fetch: hang });
// A form read whole before it is sent (a credential in it or in the query, or undiciFetch), aborted while it is read.
const big = (name) => { const form = new FormData(); if (name) form.append(name, "s3cret-value"); form.append("file", new Blob([new Uint8Array(2 ** 26)]), "r.bin"); return form; };
const other = (options) => createApiClient({ baseUrl: "https://api.example.com", operations, fetch: hang, maxRetries: 0, ...options });
const form = () => { const form = new FormData(); form.append("title", "t"); form.append("file", new Blob(["a,b\\n1,2\\n"]), "r.csv"); return form; };
const outcome = await ${call}.then(() => "resolved", (error) => error.name);
// Long enough for every microtask and stream callback a cancel sets off to have run.
await new Promise((resolve) => setTimeout(resolve, 100));
console.log(outcome);
`;
  return runModule(script);
}

describe("a multipart call that stops before its body was sent leaves the process running", () => {
  it.each([
    ["an object the client makes a form of, aborted", `client.POST("/uploads", { body: { file: new Blob(["x"]), meta: { title: "t" } }, signal: AbortSignal.abort() })`, "ApiUserAbortError"],
    ["a FormData of the caller's, aborted while it is sent", `client.POST("/uploads", { body: form(), signal: soon() })`, "ApiUserAbortError"],
    ["a FormData of the caller's, aborted", `client.POST("/uploads", { body: form(), signal: AbortSignal.abort() })`, "ApiUserAbortError"],
    ["a FormData with a password field, aborted while it is read", `other({ auth: { type: "none" } }).POST("/uploads", { body: big("password"), signal: soon() })`, "ApiUserAbortError"],
    ["a FormData sent with query auth, aborted while it is read", `other({ auth: { type: "query", name: "api_key", value: "k3y-value" } }).POST("/uploads", { body: big(), signal: soon() })`, "ApiUserAbortError"],
    ["a FormData sent by undiciFetch, aborted while it is read", `undiciFetch()("https://127.0.0.1:1/", { method: "POST", body: big(), signal: soon() })`, "AbortError"],
    ["a FormData whose copy fetch cancelled, answered", `other({ auth: { type: "none" }, maxRetries: 1, fetch: async (request) => { await request.body.cancel(); return new Response("{}", { status: 413 }); } }).POST("/uploads", { body: form() })`, "resolved"],
    ["a FormData refused as plain http", `client.POST("/uploads", { baseUrl: "http://api.example.com", body: form() })`, "InputError"],
  ])("%s", async (_, call, error) => {
    const outcome = await run(call);
    expect(outcome.stderr).not.toMatch(/ERR_INVALID_STATE/);
    expect(outcome).toMatchObject({ code: 0, stdout: error });
  });
});
