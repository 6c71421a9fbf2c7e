import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { nodeBinary } from "@apis/runtime-binaries";
import { describe, expect, it } from "vitest";

// Node 18 and 20 print MaxListenersExceededWarning once an AbortSignal has more than 10 abort listeners (Node 22 and
// later do not): a false leak alarm for an app that passes one signal to many concurrent calls. Run on those Nodes, on
// the built package, with what the process saw printed: 20 concurrent calls on one signal against a local server
// that answers only once every call arrived, so all of them are in flight at once.
const RUNTIME = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const CALLS = 20;

const script = `
import { createServer } from "node:http";
import { createApiClient } from ${JSON.stringify(RUNTIME)};
const warnings = [];
process.on("warning", (warning) => warnings.push(warning.name + ": " + warning.message));
const waiting = [];
const server = createServer((request, response) => {
  request.resume();
  waiting.push(response);
  if (waiting.length === ${CALLS}) for (const held of waiting) held.writeHead(200, { "Content-Type": "application/json" }).end("{}");
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const operations = { "/items/{id}": { get: { operationId: "getItem", response: "json" } } };
const client = createApiClient({ baseUrl: "http://127.0.0.1:" + server.address().port, operations });
const signal = new AbortController().signal;
// A GET with no body: no Request is made for it, whose constructor would raise the signal's limit itself.
const results = await Promise.all(Array.from({ length: ${CALLS} }, (_, id) => client.GET("/items/{id}", { params: { path: { id } }, signal })));
server.close();
// A warning is emitted on the next tick after the listener that set it off.
await new Promise((resolve) => setImmediate(resolve));
console.log(JSON.stringify({ answered: results.filter((result) => result.response.status === 200).length, warnings }));
`;

describe("many concurrent calls sharing one signal print no MaxListenersExceededWarning", () => {
  it.each(["18", "20"] as const)("on Node %s", async (major) => {
    const { stdout } = await promisify(execFile)(nodeBinary(major), ["--input-type=module", "-e", script]);
    expect(JSON.parse(stdout)).toEqual({ answered: CALLS, warnings: [] });
    // Starting an older Node on a busy machine takes seconds.
  }, 60_000);
});
