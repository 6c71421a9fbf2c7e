import { spawn } from "node:child_process";
import { createConnection } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { vendorApis } from "../src/index.ts";

const cli = fileURLToPath(new URL("../src/mock-cli.ts", import.meta.url));

function listening(port: number): Promise<boolean> {
  return new Promise((resolveCheck) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolveCheck(true)));
    socket.once("error", () => resolveCheck(false));
  });
}

describe("pnpm mock <vendor>", () => {
  it("starts the vendor's mock on its documented port, prints the base URL and stops on Ctrl-C", async () => {
    const port = vendorApis("wootric-cxi")[0]!.extensions["x-mock-port"] as number;
    const child = spawn(process.execPath, [cli, "wootric-cxi"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
    await expect.poll(() => output, { timeout: 30_000 }).toContain("Ctrl-C");
    expect(output).toContain(`mock wootric-cxi: http://127.0.0.1:${port}`);

    const response = await fetch(`http://127.0.0.1:${port}/v1/projects`, { headers: { authorization: "Bearer x" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(expect.any(Array));

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await listening(port)).toBe(false);
  }, 60_000);

  it("names the vendors it knows when given an unknown one", async () => {
    const child = spawn(process.execPath, [cli, "nope"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolveExit) => child.once("exit", resolveExit));
    expect(code).toBe(1);
    expect(output).toMatch(/Unknown vendor "nope": use one of .*wootric-cxi/);
  });

  it("groups a vendor's APIs by its package, so one name starts all of them", () => {
    expect(vendorApis("cmix").map((api) => api.name)).toEqual(["cmix-auth", "cmix-survey", "cmix-reporting", "cmix-file-processing"]);
  });

  it("finds a vendor's APIs by the API's own name", () => {
    const apis = vendorApis("wootric-cxi");
    expect(apis.map((api) => api.name)).toEqual(["wootric-cxi"]);
    expect(vendorApis(apis[0]!.name)).toEqual(apis);
  });
});
