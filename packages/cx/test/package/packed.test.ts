// Installs the packed @apis/cx (and the @apis/runtime it depends on) into a scratch project outside the workspace,
// as a user would, then compiles correct and incorrect calls and runs the whole sign-in, upload and download flow
// against a local server.
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
  scratch = await mkdtemp(join(tmpdir(), "apis-cx-packed-"));
  for (const dir of ["runtime", "cx"]) {
    await run("pnpm", ["pack", "--pack-destination", scratch], { cwd: join(packages, dir) });
  }
  const tarballs = await readdir(scratch);
  const runtime = `file:./${tarballs.find((name) => name.startsWith("apis-runtime-"))}`;
  const client = `file:./${tarballs.find((name) => name.startsWith("apis-cx-"))}`;
  await writeFile(
    join(scratch, "package.json"),
    JSON.stringify({
      name: "scratch",
      private: true,
      type: "module",
      dependencies: { "@apis/cx": client, "@apis/runtime": runtime },
      overrides: { "@apis/runtime": runtime },
    }),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: scratch });
}, 180_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the packed @apis/cx in a scratch project", () => {
  it("compiles correct calls and rejects an unknown path, a missing path parameter, a missing upload field, a wrong method and a wrong auth", async () => {
    await writeFile(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM"] },
        files: ["usage.ts"],
      }),
    );
    await writeFile(
      join(scratch, "usage.ts"),
      `import { createClient, downloadFile, exchangeAuthorizationCode, filePath, uploadFile, type CurrentUser, type CxErrorType } from "@apis/cx";

const cx = createClient({ auth: { type: "token", accessToken: "token" }, clientId: "app" });

export async function correct(): Promise<CurrentUser | undefined> {
  const { data, error } = await cx.GET("/users/self");
  const errorType: CxErrorType | undefined = error?.errorType;
  await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/photos") } } });
  const uploaded = await uploadFile(cx, filePath("self", "/photos/a.jpg"), new Blob(["x"]), { contentType: "image/jpeg" });
  const id: string = uploaded.id;
  const downloaded = await downloadFile(cx, filePath("self", "/photos/a.jpg"));
  const body: ReadableStream<Uint8Array> = downloaded.body;
  const { access_token } = await exchangeAuthorizationCode({ clientId: "app", clientSecret: "secret", code: "code", redirectUri: "https://app.example.com/cb" });
  void [errorType, id, body, access_token];
  return data;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error an unknown path
  await cx.GET("/users/other");
  // @ts-expect-error a missing path parameter
  await cx.POST("/files/delete/{filePath}", {});
  // @ts-expect-error an upload needs file_content_type
  await cx.POST("/data/{filePath}", { params: { path: { filePath: "self:%2Fa" } }, body: { file: new Blob([]) } });
  // @ts-expect-error files are deleted with POST /files/delete, not DELETE
  await cx.DELETE("/data/{filePath}", { params: { path: { filePath: "self:%2Fa" } } });
  // @ts-expect-error CX takes only an access token
  createClient({ auth: { type: "bearer", token: "x" } });
  // @ts-expect-error the exchange needs the redirect URI the user was sent with
  await exchangeAuthorizationCode({ clientId: "app", clientSecret: "secret", code: "code" });
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

  it("runs from its ESM entry point: exchanges a code, reads the profile, uploads and downloads a file", async () => {
    const seen: string[] = [];
    const server: Server = createServer((request, response) => {
      const url = new URL(request.url!, "http://localhost");
      seen.push(`${request.method} ${url.pathname} ${url.searchParams.get("access_token") ?? "-"} ${request.headers.authorization ?? "-"}`);
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("latin1")));
      request.on("end", () => {
        if (url.pathname === "/1/data/self:%2Fnotes.txt" && request.method === "GET") {
          response.setHeader("content-type", "text/plain");
          response.end("the notes");
          return;
        }
        response.setHeader("content-type", "application/json");
        if (url.pathname === "/1/oauth/token") response.end(JSON.stringify({ return_type: "json", access_token: "t0k3n", token_type: "bearer" }));
        else if (url.pathname === "/1/users/self") response.end(JSON.stringify({ profile: { id: "l6hkZxxCEeGQ1BIBPQhmWA", username: "jane" } }));
        else if (body.includes('name="file_content_type"\r\n\r\ntext/plain\r\n') && body.includes("the notes")) response.end(JSON.stringify({ id: "ZdvTGn0mEeG34xIFOBql1A", name: "notes.txt" }));
        else {
          response.statusCode = 400;
          response.end(JSON.stringify({ errorType: "BadRequest", message: "unexpected request" }));
        }
      });
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const { port } = server.address() as { port: number };
    try {
      await writeFile(
        join(scratch, "main.mjs"),
        `import { createClient, downloadFile, exchangeAuthorizationCode, filePath, readAuthorizationCallback, uploadFile } from "@apis/cx";
const base = "http://127.0.0.1:${port}/1";
const { code } = readAuthorizationCallback("https://app.example.com/cb?auth_code=abc123");
const { access_token } = await exchangeAuthorizationCode({ clientId: "app", clientSecret: "secret", code, redirectUri: "https://app.example.com/cb", tokenUrl: base + "/oauth/token" });
const cx = createClient({ baseUrl: base, dataBaseUrl: base, auth: { type: "token", accessToken: access_token } });
const { data: user } = await cx.GET("/users/self");
const uploaded = await uploadFile(cx, filePath("self", "/notes.txt"), "the notes", { contentType: "text/plain" });
const downloaded = await downloadFile(cx, filePath("self", "/notes.txt"));
console.log(JSON.stringify({ user: user.profile.username, uploaded: uploaded.id, downloaded: await new Response(downloaded.body).text() }));
`,
      );
      const { stdout } = await run(process.execPath, ["main.mjs"], { cwd: scratch });
      expect(JSON.parse(stdout)).toEqual({ user: "jane", uploaded: "ZdvTGn0mEeG34xIFOBql1A", downloaded: "the notes" });
      expect(seen).toEqual([
        `POST /1/oauth/token - Basic ${btoa("app:secret")}`,
        "GET /1/users/self t0k3n -",
        "POST /1/data/self:%2Fnotes.txt t0k3n -",
        "GET /1/data/self:%2Fnotes.txt t0k3n -",
      ]);
    } finally {
      server.close();
    }
  }, 60_000);
});
