// A vitest global setup (see vitest-config.ts): gives this run its own folder under the package's .leak-watch/, and
// empties .leak-watch/ first unless this run was started from inside another one (the live-contract stand-in test
// runs `pnpm contract:live`, a vitest run of its own in the same package), whose records must survive it.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { leakWatchDir, NESTED_RUN_ENV } from "./leak-watch-dir.js";

declare module "vitest" {
  interface ProvidedContext {
    leakWatchRun: string;
  }
}

export default function setup(project: TestProject): void {
  if (process.env[NESTED_RUN_ENV] === undefined) rmSync(leakWatchDir(process.cwd()), { recursive: true, force: true });
  project.provide("leakWatchRun", `run-${process.pid}-${Date.now()}`);
}
