// The benchmark server goes with the process that started it, however that process ends: a benchmark that crashed or
// was killed left its server running (and listening) before.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { startBenchServer } from "../src/spawn-server.ts";

/** Not a speed bound: how long a server may take to notice its parent is gone on a loaded CI machine. */
const GONE_WITHIN_MS = 30_000;

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** Whether anything answers at `url`: false once nothing listens there (the connection is refused). */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/projects`, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

async function stopsAnswering(url: string): Promise<boolean> {
  const until = Date.now() + GONE_WITHIN_MS;
  while (Date.now() < until) {
    if (!(await answers(url))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

it("serves while its parent lives, and exits once the parent is killed (SIGKILL, no clean-up run)", async () => {
  // A parent that starts the server, prints its URL and then waits, as a benchmark does.
  const script = `import { startBenchServer } from ${JSON.stringify(fileURLToPath(new URL("../src/spawn-server.ts", import.meta.url)))};
const { url } = await startBenchServer();
console.log(url);
setInterval(() => {}, 1_000);`;
  const parent = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  stops.push(() => parent.kill("SIGKILL"));
  const [url] = (await createInterface({ input: parent.stdout! })[Symbol.asyncIterator]().next()).value!.split("\n");
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(await answers(url!)).toBe(true);
  parent.kill("SIGKILL");
  expect(await stopsAnswering(url!)).toBe(true);
});

it("stop() ends the server of a parent that goes on", async () => {
  const { url, stop } = await startBenchServer();
  stops.push(stop);
  expect(await answers(url)).toBe(true);
  stop();
  expect(await stopsAnswering(url)).toBe(true);
});
