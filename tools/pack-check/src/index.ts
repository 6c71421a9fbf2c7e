export { publicPackages, repoRoot, type PublicPackage } from "./public-packages.ts";
export { mustRun, run, type RunResult } from "./run.ts";
export { installPacked } from "./scratch.ts";
