// Wall-clock times of the workflows a contributor waits on. Reported, never asserted.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface Timing {
  what: string;
  seconds: number;
  note?: string;
}

async function timed(what: string, command: string, args: string[], cwd: string, note?: string): Promise<Timing> {
  const start = performance.now();
  await exec(command, args, { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } });
  return { what, seconds: (performance.now() - start) / 1000, ...(note ? { note } : {}) };
}

/** Cold and warm `pnpm build`: the cold one with turbo's cache bypassed, the warm one straight after it. */
export async function buildTimes(root: string): Promise<Timing[]> {
  return [
    await timed("pnpm build, cold (turbo --force)", "pnpm", ["exec", "turbo", "run", "build", "--force", "--output-logs=none"], root),
    await timed("pnpm build, warm (full cache hit)", "pnpm", ["exec", "turbo", "run", "build", "--output-logs=none"], root),
  ];
}

/** Each vendor package's contract suite (Prism start included). */
export async function contractTimes(root: string, vendors: string[]): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (const vendor of vendors) {
    const dir = join(root, "packages", vendor);
    if (!existsSync(join(dir, "test", "contract"))) continue;
    const vitest = join(createRequire(join(dir, "package.json")).resolve("vitest/package.json"), "..", "vitest.mjs");
    timings.push(await timed(`contract suite: ${vendor}`, process.execPath, [vitest, "run", "test/contract", "--reporter=dot"], dir));
  }
  return timings;
}

/**
 * Typechecking the published vendors' usage modules together (each package's pack-check row: correct calls, and
 * wrong ones under `@ts-expect-error`), as an editor would check an application that uses them.
 */
export async function typecheckTime(benchDir: string, modules: { pkg: string; source: string }[]): Promise<Timing> {
  const dir = join(benchDir, ".scratch");
  mkdirSync(dir, { recursive: true });
  const files = modules.map((_, i) => `usage-${i}.mts`);
  modules.forEach((module, i) => writeFileSync(join(dir, files[i]!), module.source));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"], types: [], skipLibCheck: true }, files }),
  );
  const tsc = createRequire(join(benchDir, "package.json")).resolve("typescript/bin/tsc");
  return timed(`typecheck the usage modules of ${modules.length} client${modules.length === 1 ? "" : "s"}`, process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], dir);
}
