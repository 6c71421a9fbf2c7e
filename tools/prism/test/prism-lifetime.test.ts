// A Prism process never outlives what started it: a suite that dies before its teardown (a killed test worker, a
// contract:live run stopped mid-way) must not leave Prism running. The parent here is a real process, killed with
// SIGKILL, so that no handler of its own can stop Prism.
import { spawn } from "node:child_process";
import { connect, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startPrism } from "../src/index.ts";
import { freePort } from "../src/prism.ts";

const spec = fileURLToPath(new URL("./fixtures/pets.yaml", import.meta.url));
const harness = new URL("../src/index.ts", import.meta.url).href;

/** Whether something accepts a connection on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), answer(true)));
    socket.once("error", () => answer(false));
  });
}

describe("startPrism", () => {
  // The port it found free can be taken by another process before Prism binds it (seen under `pnpm test`: Prism exited
  // with EADDRINUSE and a contract suite failed): it tries another.
  it("tries another port when the one it picked is taken before Prism listens", async () => {
    const taken = createServer();
    await new Promise<void>((listening) => taken.listen(0, "127.0.0.1", listening));
    const takenPort = (taken.address() as { port: number }).port;
    const picked: number[] = [];
    let prism: Awaited<ReturnType<typeof startPrism>> | undefined;
    try {
      prism = await startPrism(spec, {
        // The first pick is the taken port; the next a free one, as startPrism picks by default.
        pickPort: async () => {
          const port = picked.length === 0 ? takenPort : await freePort();
          picked.push(port);
          return port;
        },
      });
      expect(picked).toHaveLength(2);
      expect(prism.url).toBe(`http://127.0.0.1:${picked[1]}`);
      expect(await listening(picked[1]!)).toBe(true);
    } finally {
      await prism?.stop();
      taken.close();
    }
  }, 180_000);

  it("leaves no Prism running once the process that started it is killed", async () => {
    const script = `const { startPrism } = await import(${JSON.stringify(harness)}); const prism = await startPrism(${JSON.stringify(spec)}); console.log(prism.url); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    parent.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const parentExited = new Promise<void>((done) => parent.once("exit", () => done()));
    try {
      // Hang guards, not times to meet: startPrism's own start bound (100 s), which a loaded two-core machine came within
      // reach of at 60 s, and the time Prism takes to see its stdin end, both within the test's bound.
      await expect.poll(() => output, { timeout: 110_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      parent.kill("SIGKILL");
    }
    await parentExited;
    const port = Number(/:(\d+)/.exec(output)![1]);
    // Prism sees its stdin end and exits; polled, since that takes a moment after the parent is gone.
    await expect.poll(() => listening(port), { timeout: 20_000 }).toBe(false);
  }, 180_000);
});
