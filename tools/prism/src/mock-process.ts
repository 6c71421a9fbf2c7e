// Test-only: `pnpm mock <vendor>` as a child process, for the tests that start it (tools/prism's and a vendor's):
// its port, what it printed, and its exit.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { vendorApis } from "./index.ts";

const cli = fileURLToPath(new URL("./mock-cli.ts", import.meta.url));

export interface MockProcess {
  child: ChildProcess;
  /** The registered port of the vendor's first API. */
  port: number;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** The exit code, once it exits. */
  exited: Promise<number | null>;
}

/**
 * Runs the mock CLI for `vendor` and waits until it says it is up (or, for a name it refuses, returns at once).
 * @example const mock = await runMockCli("cmix"); ...; mock.child.kill("SIGINT"); expect(await mock.exited).toBe(0);
 */
export async function runMockCli(vendor: string, { waitUntilUp = true } = {}): Promise<MockProcess> {
  const port = waitUntilUp ? (vendorApis(vendor)[0]!.extensions["x-mock-port"] as number) : 0;
  const child = spawn(process.execPath, [cli, vendor], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  // A mock that did not come up in time is stopped all the same: left running, it would hold its fixed port for every
  // later run on the machine ("Port 4750 on 127.0.0.1 is already in use"). A hang guard, just over Prism's start bound.
  if (waitUntilUp) {
    await expect.poll(() => output, { timeout: 100_000 }).toContain("Ctrl-C").catch((error: unknown) => {
      child.kill("SIGINT");
      throw error;
    });
  }
  return { child, port, output: () => output, exited };
}
