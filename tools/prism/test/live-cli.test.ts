// `pnpm contract:live` proven without the vendor: a local stand-in for Wootric that drifts from the spec in the four
// ways live APIs do (an extra field, a missing required field, a wrong type, an undocumented status). The live run must
// name each operation and field, fail, and never print the client secret.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/live-cli.ts", import.meta.url));
const SECRET = "stand-in-client-secret-5e8b";

const RESPONSE = {
  id: 413, project_ids: [5], feedback: "Great", translated_feedback: null, user_id: "u1", feedback_date: 1504948149, score: 9,
  metric_type: "nps", custom_properties: [], tags: [], sentiment: "positive", wootric_response_id: null, wootric_account_id: 38,
};

const routes: Record<string, [number, unknown]> = {
  "POST /oauth/token": [200, { access_token: "stand-in-access", token_type: "bearer", expires_in: 7200, scope: "public" }],
  "GET /v1/onboarding": [200, { onboarded: true, mode: "full" }],
  "GET /v1/projects": [200, [{ id: 7, name: "Enterprise", response_count: 0, created_at: 1610774054, archived_at: null }]],
  "GET /v1/tags": [200, [{ name: "PERFORMANCE", display_name: "PERFORMANCE", mode: "smart" }]],
  "GET /v1/imports": [200, [{ id: 6, name: "ai.csv", source: "Intercom", response_count: 2, created_at: "2020-05-21" }]],
  "GET /v1/imports/6": [418, { message: "I'm a teapot" }],
  "GET /v1/responses": [200, { total_count: 1, items: [RESPONSE] }],
};

let server: Server;
let upstream: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const [status, body] = routes[`${request.method} ${new URL(request.url ?? "/", "http://x").pathname}`] ?? [404, { message: "Not found" }];
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  upstream = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => {
  server?.close();
});

function liveRun(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, "wootric-cxi"], {
    env: { ...process.env, WOOTRIC_CLIENT_ID: "", WOOTRIC_CLIENT_SECRET: "", APIS_CONTRACT_LIVE_WRITES: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.once("exit", (code) => done({ code, output })));
}

describe("pnpm contract:live wootric-cxi", () => {
  it("reports every drift of a stand-in vendor by operation and field, and fails", async () => {
    const { code, output } = await liveRun({ WOOTRIC_CLIENT_ID: "stand-in-id", WOOTRIC_CLIENT_SECRET: SECRET, APIS_CONTRACT_UPSTREAM: upstream });
    expect(code, output).toBe(1);
    expect(output).toContain("read-only operations");
    expect(output).toMatch(/listProjects \(GET \/v1\/projects\) 200: body\.0\.archived_at is not in the spec \(extra field\)/);
    expect(output).toMatch(/listTags \(GET \/v1\/tags\) 200: body\.0 .*required property 'id'/);
    expect(output).toMatch(/listImports \(GET \/v1\/imports\) 200: body\.0\.created_at .*integer/);
    expect(output).toMatch(/getImport \(GET \/v1\/imports\/\{id\}\) 418: \(response\) .*status code/);
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain("stand-in-access");
  }, 120_000);

  it("says it needs credentials, runs nothing and does not claim a pass without them", async () => {
    const { code, output } = await liveRun({});
    expect(code).toBe(2);
    expect(output).toContain("no credentials: set WOOTRIC_CLIENT_ID, WOOTRIC_CLIENT_SECRET");
    expect(output).toContain("this is not a pass");
    expect(output).not.toContain("Drift");
  }, 30_000);
});
