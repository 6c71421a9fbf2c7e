import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Starts the benchmark server in a child process and resolves with its base URL and a stop function. Its stdin is a
 * pipe from this process, which the server reads to its end: when this process ends, however (a crash, a kill), the
 * pipe closes and the server exits, so no benchmark leaves one running.
 */
export async function startBenchServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./server.ts", import.meta.url))], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise<string>((resolvePort, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolvePort(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
