import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** What a finished command printed and how it exited. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion without throwing, so a test can show the command's own output when it fails.
 * @example const { code, stdout } = await run("npm", ["pack"], { cwd });
 */
export async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { ...options, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = "", stderr = "" } = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof code === "number" ? code : 1, stdout, stderr: `${stderr}${typeof code === "string" ? ` (${code})` : ""}` };
  }
}

/**
 * Like run, but a non-zero exit throws an error carrying the command line and its output.
 * @example await mustRun("pnpm", ["pack", "--pack-destination", dir], { cwd: packageDir });
 */
export async function mustRun(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.code}) in ${options.cwd}:\n${result.stderr}\n${result.stdout.slice(-4000)}`);
  return result.stdout;
}
