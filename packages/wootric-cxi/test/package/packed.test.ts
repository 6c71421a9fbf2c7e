// Installs the packed @apis/wootric-cxi (and the @apis/runtime it depends on) into a scratch project outside the
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
  scratch = await mkdtemp(join(tmpdir(), "apis-wootric-cxi-packed-"));
  for (const dir of ["runtime", "wootric-cxi"]) {
    await run("pnpm", ["pack", "--pack-destination", scratch], { cwd: join(packages, dir) });
  }
  const tarballs = await readdir(scratch);
  const runtime = `file:./${tarballs.find((name) => name.startsWith("apis-runtime-"))}`;
  const client = `file:./${tarballs.find((name) => name.startsWith("apis-wootric-cxi-"))}`;
  await writeFile(
    join(scratch, "package.json"),
    JSON.stringify({
      name: "scratch",
      private: true,
      type: "module",
      dependencies: { "@apis/wootric-cxi": client, "@apis/runtime": runtime },
      overrides: { "@apis/runtime": runtime },
    }),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: scratch });
}, 180_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the packed @apis/wootric-cxi in a scratch project", () => {
  it("compiles a correct call and rejects an unknown path, a mistyped query, a missing path parameter and an unknown auth type", async () => {
    await writeFile(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM"] },
        files: ["usage.ts"],
      }),
    );
    await writeFile(
      join(scratch, "usage.ts"),
      `import { createClient, type Tag } from "@apis/wootric-cxi";

const cxi = createClient({ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });

export async function correct(): Promise<Tag[] | undefined> {
  const { data } = await cxi.GET("/v1/tags", { params: { query: { per_page: 50, exclude_disabled: true } } });
  await cxi.PUT("/v1/projects/{id}", { params: { path: { id: 8 } }, body: { project: { name: "Renamed" } } });
  return data;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error an unknown path
  await cxi.GET("/v1/nope");
  // @ts-expect-error a query parameter of the wrong type
  await cxi.GET("/v1/tags", { params: { query: { per_page: "fifty" } } });
  // @ts-expect-error a missing path parameter
  await cxi.PUT("/v1/projects/{id}", { body: { project: { name: "x" } } });
  // @ts-expect-error an unknown auth type
  createClient({ auth: { type: "apiKey", key: "x" } });
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

  it("runs from its ESM entry point: fetches a token, then calls CXI with it", async () => {
    const seen: string[] = [];
    const server: Server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? "-"}`);
      response.setHeader("content-type", "application/json");
      if (request.url === "/oauth/token") {
        response.end(JSON.stringify({ access_token: "t0k3n", token_type: "bearer", expires_in: 7200, scope: "public" }));
      } else {
        response.end(JSON.stringify([{ id: 7, name: "Enterprise", response_count: 0, created_at: 1610774054 }]));
      }
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const { port } = server.address() as { port: number };
    try {
      await writeFile(
        join(scratch, "main.mjs"),
        `import { createClient } from "@apis/wootric-cxi";
const base = "http://127.0.0.1:${port}";
const cxi = createClient({ baseUrl: base, tokenUrl: base, auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
const { data } = await cxi.GET("/v1/projects");
console.log(JSON.stringify(data));
`,
      );
      const { stdout } = await run(process.execPath, ["main.mjs"], { cwd: scratch });
      expect(JSON.parse(stdout)).toEqual([{ id: 7, name: "Enterprise", response_count: 0, created_at: 1610774054 }]);
      expect(seen).toEqual(["POST /oauth/token -", "GET /v1/projects Bearer t0k3n"]);
    } finally {
      server.close();
    }
  }, 60_000);
});
