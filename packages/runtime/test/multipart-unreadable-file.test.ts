import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runModule } from "./helpers.js";

// Node 24's FormData (undici 7.20 and later) lets a Blob part's read error escape as an unhandled rejection, which ends
// the process, and the request never settles. A Blob from fs.openAsBlob whose file changed after it was opened is such
// a Blob. Each case runs in a process of its own, on the built package, since what is looked for is the process dying.
const RUNTIME = fileURLToPath(new URL("../dist/index.js", import.meta.url));

function run(call: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
import { appendFileSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiClient } from ${JSON.stringify(RUNTIME)};
const dir = mkdtempSync(join(tmpdir(), "runtime-multipart-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, "r.csv");
writeFileSync(path, "a,b\\n1,2\\n");
const file = await openAsBlob(path, { type: "text/csv" });
// The file changed after it was opened: the Blob can no longer be read (NotReadableError).
appendFileSync(path, "3,4\\n");
// A fetch that reads the body it was given, as the platform's does while it sends it.
const fetch = async (request) => { await request.arrayBuffer(); return Response.json({ ok: true }); };
const operations = { "/uploads": { post: { requestBody: "multipart", response: "json" } } };
const client = createApiClient({ baseUrl: "https://api.example.com", operations, auth: { type: "bearer", token: "t0ken-value" }, fetch, maxRetries: 0 });
const outcome = await Promise.race([
  ${call}.then(() => "resolved", (error) => "rejected " + error.name + ": " + error.message),
  // Generous: only a call that never settles gets here. Unref'd, so that a settled call does not wait for it.
  new Promise((resolve) => setTimeout(() => resolve("still pending"), 20000).unref()),
]);
console.log(outcome);
`;
  return runModule(script);
}

describe("a multipart call with a file that cannot be read", () => {
  it.each([
    ["as a field of the body", `client.POST("/uploads", { body: { file, meta: { title: "Q3" } } })`],
    ["inside an array of the body", `client.POST("/uploads", { body: { files: [file] } })`],
  ])("rejects with the read error, and the process goes on, when the file is %s", async (_, call) => {
    const outcome = await run(call);
    expect(outcome.stderr).not.toMatch(/NotReadableError/);
    expect(outcome).toMatchObject({ code: 0 });
    expect(outcome.stdout).toMatch(/^rejected \w+: .*could not be read/);
  }, 30_000);
});
