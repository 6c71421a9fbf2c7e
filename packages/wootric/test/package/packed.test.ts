// Installs the packed @apis/wootric (with the @apis/runtime and @apis/wootric-cxi it depends on) into a scratch project
// outside the workspace, as a user would (@apis/pack-check), then compiles correct and incorrect calls and runs one,
// and a webhook verification, from the installed package against a local server.
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
// Read from its source, not as a dependency: @apis/pack-check depends on every public package (to build them first),
// so a dependency back on it would be a cycle.
import { installPacked, publicPackages, run } from "../../../../tools/pack-check/src/index.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const fixtures = join(import.meta.dirname, "..", "fixtures", "webhooks");
const NEEDED = ["@apis/runtime", "@apis/wootric-cxi", "@apis/wootric"];
let scratch: string;

beforeAll(async () => {
  scratch = await installPacked(publicPackages().filter((pkg) => NEEDED.includes(pkg.name)), "apis-wootric-packed-");
}, 180_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the packed @apis/wootric in a scratch project", () => {
  it("compiles correct calls and rejects an unknown path, a mistyped query, an unknown event type and an unknown auth type", async () => {
    await writeFile(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM"], types: [] },
        files: ["usage.ts"],
      }),
    );
    await writeFile(
      join(scratch, "usage.ts"),
      `import { createClient, sendEmailSurvey, unwrapWebhook, type components, type WootricWebhookEvent } from "@apis/wootric";

const wootric = createClient({ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });

export async function correct(): Promise<components["schemas"]["EndUser"][] | undefined> {
  const { data } = await wootric.GET("/v1/end_users", { params: { query: { per_page: 50, created: { gt: 1480000000 } } } });
  await sendEmailSurvey(wootric, { emails: ["jane@example.com"], survey_immediately: true });
  return data;
}

export async function events(body: string, headers: Headers): Promise<number | undefined> {
  const event: WootricWebhookEvent = await unwrapWebhook(body, headers, "secret");
  return event.type === "decline.created" ? undefined : event.response.score;
}

export async function wrong(body: string, headers: Headers): Promise<void> {
  // @ts-expect-error an unknown path
  await wootric.GET("/v1/nope");
  // @ts-expect-error a query parameter of the wrong type
  await wootric.GET("/v1/end_users", { params: { query: { per_page: "fifty" } } });
  const event = await unwrapWebhook(body, headers, "secret");
  // @ts-expect-error an event type Wootric does not send
  if (event.type === "response.deleted") return;
  // @ts-expect-error an unknown event type is not a WootricWebhookEvent
  const made: WootricWebhookEvent["type"] = "survey.sent";
  void made;
  // @ts-expect-error an unknown auth type
  createClient({ auth: { type: "apiKey", key: "x" } });
}
`,
    );
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: scratch });
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  }, 60_000);

  it("runs from its ESM and CJS entry points: fetches a token, calls the API with it, and verifies the vendor's signed webhook", async () => {
    const seen: string[] = [];
    const server: Server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? "-"}`);
      response.setHeader("content-type", "application/json");
      if (request.url === "/oauth/token") response.end(JSON.stringify({ access_token: "t0k3n", token_type: "bearer", expires_in: 7200, scope: "public" }));
      else response.end(JSON.stringify([{ name: "plan", data_type: "string", created_at: "2024-01-01 00:00:00 -0800" }]));
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const { port } = server.address() as { port: number };
    const [, signature] = readFileSync(join(fixtures, "signatures.txt"), "utf8").split("\n")[0]!.split(" ");
    const body = readFileSync(join(fixtures, "response-created.form"), "utf8");
    const main = (load: string) => `${load}
(async () => {
  const base = "http://127.0.0.1:${port}";
  const wootric = createClient({ baseUrl: base, tokenUrl: base + "/oauth/token", auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
  const { data } = await wootric.GET("/v1/segments");
  const event = await unwrapWebhook(${JSON.stringify(body)}, { "X-Wootric-Signature": ${JSON.stringify(signature)} }, "09dfb1b73af998743fb011f8bfda8912");
  console.log(JSON.stringify({ segment: data[0].name, type: event.type, score: event.response.score }));
})();
`;
    try {
      await writeFile(join(scratch, "main.mjs"), main('import { createClient, unwrapWebhook } from "@apis/wootric";'));
      await writeFile(join(scratch, "main.cjs"), main('const { createClient, unwrapWebhook } = require("@apis/wootric");'));
      for (const file of ["main.mjs", "main.cjs"]) {
        const { stdout, stderr } = await run(process.execPath, [file], { cwd: scratch });
        expect(stderr).toBe("");
        expect(JSON.parse(stdout)).toEqual({ segment: "plan", type: "response.created", score: 7 });
      }
      expect(seen).toEqual(["POST /oauth/token -", "GET /v1/segments Bearer t0k3n", "POST /oauth/token -", "GET /v1/segments Bearer t0k3n"]);
    } finally {
      server.close();
    }
  }, 60_000);
});
