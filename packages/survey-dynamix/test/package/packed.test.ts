// Installs the packed @apis/survey-dynamix (and the @apis/runtime it depends on) into a scratch project outside the
// workspace, as a user would, then compiles correct and incorrect calls and runs one against a local server.
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const execFileAsync = promisify(execFile);
/** Runs a command; a failure carries the command's own output, which is what explains it. */
async function run(command: string, args: string[], options: { cwd: string }): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(command, args, options);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw Object.assign(new Error(`${command} ${args.join(" ")} failed:\n${stderr}\n${stdout.slice(-2000)}`), { code: (error as { code?: number }).code, stdout });
  }
}
const packages = fileURLToPath(new URL("../../../", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "apis-survey-dynamix-packed-"));
  for (const dir of ["runtime", "survey-dynamix"]) {
    await run("pnpm", ["pack", "--pack-destination", scratch], { cwd: join(packages, dir) });
  }
  const tarballs = await readdir(scratch);
  const runtime = `file:./${tarballs.find((name) => name.startsWith("apis-runtime-"))}`;
  const client = `file:./${tarballs.find((name) => name.startsWith("apis-survey-dynamix-"))}`;
  await writeFile(
    join(scratch, "package.json"),
    JSON.stringify({
      name: "scratch",
      private: true,
      type: "module",
      dependencies: { "@apis/survey-dynamix": client, "@apis/runtime": runtime },
      overrides: { "@apis/runtime": runtime },
    }),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: scratch });
}, 180_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the packed @apis/survey-dynamix in a scratch project", () => {
  it("compiles correct calls and rejects wrong paths, parameters, enums and auth at compile time", async () => {
    await writeFile(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM"] },
        files: ["usage.ts"],
      }),
    );
    await writeFile(
      join(scratch, "usage.ts"),
      `import { buildAuthorizeUrl, createClient, createInteraction, listAll, updateInteraction, type Interaction, type SurveyResponse } from "@apis/survey-dynamix";

const sdx = createClient({ auth: { type: "basic", customerUuid: "uuid", authToken: "token" } });

export async function correct(): Promise<SurveyResponse[] | undefined> {
  const { data } = await sdx.GET("/responses", { params: { query: { survey_id: 52, _limit: 100, _order: "DESC" } } });
  await sdx.GET("/interactions", { params: { query: { survey_id: 52, started: true, survey_type: "outbound" } } });
  const created = await createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: "+61409999999", data: { plan: "GOLD", seats: 3 } });
  const interaction: Interaction = created;
  await updateInteraction(sdx, interaction.id, { ...interaction, agent_id: "nevilr" });
  for await (const question of listAll(sdx, "/surveys/{survey_id}/questions", { path: { survey_id: 52 } })) question.question_type satisfies "number" | "yesno" | "text" | "nps";
  buildAuthorizeUrl({ clientId: "3", redirectUri: "https://app.example.com/cb", state: crypto.randomUUID() });
  return data;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error an unknown path
  await sdx.GET("/nope");
  // @ts-expect-error a query parameter of the wrong type
  await sdx.GET("/surveys", { params: { query: { _limit: "ten" } } });
  // @ts-expect-error a missing path parameter
  await sdx.GET("/surveys/{survey_id}", {});
  // @ts-expect-error a list of interactions whose survey_id is not a number
  await sdx.GET("/interactions", { params: { query: { survey_id: "52", _limit: 5 } } });
  // @ts-expect-error an _order the vendor does not know
  await sdx.GET("/surveys", { params: { query: { _order: "NEWEST" } } });
  // @ts-expect-error a question type the vendor does not know
  await sdx.GET("/questions", { params: { query: { question_type: "stars" } } });
  // @ts-expect-error a survey type the vendor does not know
  await createInteraction(sdx, { survey_id: 52, survey_type: "fax" });
  // @ts-expect-error a misspelt interaction field, which the vendor would store as interaction data
  await createInteraction(sdx, { survey_id: 52, sheduled_at: "Now + 5 minutes" });
  // @ts-expect-error an interaction-data value that is not text, a number or a boolean
  await createInteraction(sdx, { survey_id: 52, data: { plan: { tier: "gold" } } });
  // @ts-expect-error listAll on a path that is not a list
  listAll(sdx, "/surveys/{survey_id}", { path: { survey_id: 52 } });
  // @ts-expect-error listAll on a list under a parent without its path parameter
  listAll(sdx, "/surveys/{survey_id}/responses");
  // @ts-expect-error an unknown auth type
  createClient({ auth: { type: "apiKey", key: "x" } });
  // @ts-expect-error basic auth with the wrong field names
  createClient({ auth: { type: "basic", username: "u", password: "p" } });
}
`,
    );
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: scratch }).then(
      () => ({ code: 0, output: "" }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  }, 60_000);

  it("runs from its ESM entry point: Basic auth, the /api base and booleans as 1", async () => {
    const seen: string[] = [];
    const server: Server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? "-"}`);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify([{ id: 52, name: "Test survey" }]));
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const { port } = server.address() as { port: number };
    try {
      await writeFile(
        join(scratch, "main.mjs"),
        `import { createClient, InputError } from "@apis/survey-dynamix";
const sdx = createClient({ baseUrl: "http://127.0.0.1:${port}/api", auth: { type: "basic", customerUuid: "uuid", authToken: "token" } });
const { data } = await sdx.GET("/interactions", { params: { query: { survey_id: 52, started: true } } });
const refused = await sdx.GET("/responses").catch((error) => error instanceof InputError);
console.log(JSON.stringify({ data, refused }));
`,
      );
      const { stdout } = await run(process.execPath, ["main.mjs"], { cwd: scratch });
      expect(JSON.parse(stdout)).toEqual({ data: [{ id: 52, name: "Test survey" }], refused: true });
      expect(seen).toEqual([`GET /api/interactions?survey_id=52&started=1 Basic ${Buffer.from("uuid:token").toString("base64")}`]);
    } finally {
      server.close();
    }
  }, 60_000);
});
