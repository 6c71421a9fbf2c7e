import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Node 24's fetch (undici) makes a FormData body into a stream that throws ERR_INVALID_STATE from a microtask when it
// is cancelled before it was read to its end: an uncaught exception, which ends the process. A multipart call that
// stops before its body was sent (an abort, a refusal) must not cancel such a body; it holds nothing but memory.
// Each case runs in a process of its own, on the built package, since what is looked for is the process dying (and the
// test runner would catch the exception before any listener of a test could).
const RUNTIME = fileURLToPath(new URL("../dist/index.js", import.meta.url));

function run(call: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
import { createApiClient } from ${JSON.stringify(RUNTIME)};
// A fetch that answers nothing, and fails only when the request's signal aborts, as the platform's does.
const hang = (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
const soon = () => { const controller = new AbortController(); setTimeout(() => controller.abort(), 20); return controller.signal; };
const operations = { "/uploads": { post: { operationId: "upload", requestBody: "multipart", auth: true, response: "json" } } };
const client = createApiClient({ baseUrl: "https://api.example.com", operations, auth: { type: "bearer", token: "t0ken-value" }, fetch: hang });
const form = () => { const form = new FormData(); form.append("title", "t"); form.append("file", new Blob(["a,b\\n1,2\\n"]), "r.csv"); return form; };
const outcome = await ${call}.then(() => "resolved", (error) => error.name);
// Long enough for every microtask and stream callback a cancel sets off to have run.
await new Promise((resolve) => setTimeout(resolve, 100));
console.log(outcome);
`;
  return new Promise((resolve) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout: stdout.trim(), stderr });
    });
  });
}

describe("a multipart call that stops before its body was sent leaves the process running", () => {
  it.each([
    ["an object the client makes a form of, aborted", `client.POST("/uploads", { body: { file: new Blob(["x"]), meta: { title: "t" } }, signal: AbortSignal.abort() })`, "ApiUserAbortError"],
    ["a FormData of the caller's, aborted while it is sent", `client.POST("/uploads", { body: form(), signal: soon() })`, "ApiUserAbortError"],
    ["a FormData of the caller's, aborted", `client.POST("/uploads", { body: form(), signal: AbortSignal.abort() })`, "ApiUserAbortError"],
    ["a FormData refused as plain http", `client.POST("/uploads", { baseUrl: "http://api.example.com", body: form() })`, "InputError"],
  ])("%s", async (_, call, error) => {
    const outcome = await run(call);
    expect(outcome.stderr).not.toMatch(/ERR_INVALID_STATE/);
    expect(outcome).toMatchObject({ code: 0, stdout: error });
  });
});
