import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Starts the benchmark server in a child process and resolves with its base URL and a stop function. */
export async function startBenchServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./server.ts", import.meta.url))], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolvePort, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolvePort(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
