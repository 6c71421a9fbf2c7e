// Installs the packed @apis/cmix (and the @apis/runtime it depends on) into a scratch project outside the workspace,
// as a user would, then compiles correct and incorrect calls and runs one client against a local stand-in for CMIX.
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
  scratch = await mkdtemp(join(tmpdir(), "apis-cmix-packed-"));
  for (const dir of ["runtime", "cmix"]) {
    await run("pnpm", ["pack", "--pack-destination", scratch], { cwd: join(packages, dir) });
  }
  const tarballs = await readdir(scratch);
  const runtime = `file:./${tarballs.find((name) => name.startsWith("apis-runtime-"))}`;
  const client = `file:./${tarballs.find((name) => name.startsWith("apis-cmix-"))}`;
  await writeFile(
    join(scratch, "package.json"),
    JSON.stringify({
      name: "scratch",
      private: true,
      type: "module",
      dependencies: { "@apis/cmix": client, "@apis/runtime": runtime },
      overrides: { "@apis/runtime": runtime },
    }),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: scratch });
}, 180_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the packed @apis/cmix in a scratch project", () => {
  it("compiles correct calls to every service and rejects wrong paths, services, statuses, environments and credentials", async () => {
    await writeFile(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM"] },
        files: ["usage.ts"],
      }),
    );
    await writeFile(
      join(scratch, "usage.ts"),
      `import { createClient, exportArchive, countResponses, hasErrorKey, type ExpandedProject } from "@apis/cmix";

const auth = { type: "password", clientId: "id", clientSecret: "secret", username: "jane", password: "pw" } as const;
const cmix = createClient({ environment: "sandbox", auth });

export async function correct(): Promise<ExpandedProject | undefined> {
  const { data } = await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });
  await cmix.survey.PATCH("/projects/{projectId}", { params: { path: { projectId: 109820 } }, body: { status: "LIVE" } });
  const xml: string | undefined = (await cmix.fileProcessing.GET("/surveys/{surveyId}", { params: { path: { surveyId: 1 } } })).data;
  await countResponses(cmix, 1, [{ questionId: 122931 }]);
  const url: string = await exportArchive(cmix, 1, { type: "XLSX_READABLE", maxWaitMs: 60_000 });
  const { data: archive } = await cmix.survey.GET("/surveys/{surveyId}/data-layouts/{dataLayoutId}/archives/{archiveId}", {
    params: { path: { surveyId: 1, dataLayoutId: 1, archiveId: 2 } },
  });
  if (archive && !hasErrorKey(archive)) archive.archiveUrl satisfies string | null | undefined;
  void xml;
  void url;
  return data;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error an unknown path
  await cmix.survey.GET("/nope");
  // @ts-expect-error a file-processing path on the reporting service
  await cmix.reporting.POST("/surveys/data", { body: { data: "<survey/>" } });
  // @ts-expect-error a status a project cannot be set to
  await cmix.survey.PATCH("/projects/{projectId}", { params: { path: { projectId: 1 } }, body: { status: "ARCHIVED" } });
  // @ts-expect-error an environment CMIX does not have
  createClient({ environment: "staging", auth });
  // @ts-expect-error a password grant without the client secret
  createClient({ environment: "production", auth: { type: "password", clientId: "id", username: "jane", password: "pw" } });
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

  it("runs from its ESM entry point: one token from the auth service, then the survey and reporting services with it", async () => {
    const seen: string[] = [];
    const server: Server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? "-"}`);
      response.setHeader("content-type", "application/json");
      if (request.url === "/access-token") response.end(JSON.stringify({ token_type: "Bearer", access_token: "t0k3n" }));
      else if (request.url?.startsWith("/projects/")) response.end(JSON.stringify({ id: 109820, name: "Project Venato - US - Wave 1", status: "DESIGN" }));
      else response.end(JSON.stringify({ starts: 3, completes: 2, terminates: 1, inProcess: 0, abandons: 0 }));
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const { port } = server.address() as { port: number };
    try {
      await writeFile(
        join(scratch, "main.mjs"),
        `import { createClient } from "@apis/cmix";
const base = "http://127.0.0.1:${port}";
const cmix = createClient({
  environment: "production",
  baseUrls: { auth: base, survey: base, reporting: base, fileProcessing: base },
  auth: { type: "password", clientId: "id", clientSecret: "secret", username: "jane", password: "pw" },
});
const [project, summary] = await Promise.all([
  cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } }),
  cmix.reporting.GET("/surveys/{surveyId}/fielding-summary", { params: { path: { surveyId: 138651 }, query: { respondentType: "LIVE" } } }),
]);
console.log(JSON.stringify([project.data.status, summary.data.completes]));
`,
      );
      const { stdout } = await run(process.execPath, ["main.mjs"], { cwd: scratch });
      expect(JSON.parse(stdout)).toEqual(["DESIGN", 2]);
      expect(seen[0]).toBe("POST /access-token -");
      expect(seen.slice(1).sort()).toEqual(["GET /projects/109820 Bearer t0k3n", "GET /surveys/138651/fielding-summary?respondentType=LIVE Bearer t0k3n"]);
    } finally {
      server.close();
    }
  }, 60_000);
});
