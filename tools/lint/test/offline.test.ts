// The lint script talks to no other host. Redocly CLI connects to Redocly after every command (usage telemetry) unless
// redocly.yaml says `telemetry: off`; it goes through HTTPS_PROXY when one is set, so a local proxy sees each attempt.
import { createServer, type Server } from "node:net";
import path from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { LINT_DIR, run } from "./repo-rules.ts";

let proxy: Server;
let proxyUrl: string;
const requests: string[] = [];

beforeAll(async () => {
  proxy = createServer((socket) => {
    socket.once("data", (data) => {
      requests.push(data.toString("latin1").split("\r\n", 1)[0]!);
      socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

test("the lint script opens no connection to another host", async () => {
  const script = (JSON.parse(readFileSync(path.join(LINT_DIR, "package.json"), "utf8")) as { scripts: { lint: string } }).scripts.lint;
  const PATH = [path.join(LINT_DIR, "node_modules/.bin"), path.dirname(process.execPath), process.env["PATH"]].join(path.delimiter);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH, HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, https_proxy: proxyUrl, http_proxy: proxyUrl };
  for (const name of ["NO_PROXY", "no_proxy", "REDOCLY_TELEMETRY"]) delete env[name];
  const result = await run("sh", ["-c", script], { cwd: LINT_DIR, env });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  expect(requests).toEqual([]);
});
