import { spawn } from "node:child_process";
import { parseOutcome, type Outcome } from "./outcome.ts";
import type { ProcessRuntime } from "./runtimes.ts";

/**
 * Runs an entry on a process runtime in the scratch folder. The process must exit by itself: a timer or socket that
 * keeps it alive past `timeoutMs` is a failure, not something to kill quietly.
 * @example const outcome = await runProcess(RUNTIMES[0], "cx.main.mjs", [server.url], scratch);
 */
export function runProcess(runtime: ProcessRuntime, entry: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<Outcome> {
  const [command, argv] = runtime.command(entry, args);
  return new Promise((settle) => {
    // NO_COLOR keeps Deno's and Bun's messages plain; nothing else of this environment's settings is needed.
    const child = spawn(command, argv, { cwd, env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle({ ...parseOutcome(runtime.name, stdout, stderr, "killed"), error: `did not exit within ${timeoutMs} ms (a timer or socket kept it alive)\n${stderr.slice(-1000)}` });
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      settle({ runtime: runtime.name, error: `could not start ${command}: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const outcome = parseOutcome(runtime.name, stdout, stderr, `exit ${code ?? signal}`);
      settle(code === 0 || outcome.error ? outcome : { ...outcome, error: `exit ${code ?? signal}\n${stderr.slice(-2000)}` });
    });
  });
}
