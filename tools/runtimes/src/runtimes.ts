// The runtimes the published packages claim, each from an npm package (@apis/runtime-binaries): nothing comes from the
// machine but the Node that runs the tests (Node 24, the workspace's own `node` package).
import { launcher, nodeBinary } from "@apis/runtime-binaries";

/** A runtime that runs a script file as a process: the command line for `script` with its arguments. */
export interface ProcessRuntime {
  name: string;
  kind: "process";
  command(script: string, args: string[]): [string, string[]];
}

/** Headless Chromium: the scenario is bundled for the browser and run in a page. */
export interface BrowserRuntime {
  name: string;
  kind: "browser";
}

export type Runtime = ProcessRuntime | BrowserRuntime;

function node(name: string, executable: string): ProcessRuntime {
  return { name, kind: "process", command: (script, args) => [executable, [script, ...args]] };
}

/** Every runtime of the matrix, oldest Node first. */
export const RUNTIMES: readonly Runtime[] = [
  node("node18", nodeBinary("18")),
  node("node20", nodeBinary("20")),
  node("node22", nodeBinary("22")),
  node("node24", process.execPath),
  { name: "bun", kind: "process", command: (script, args) => [launcher("bun"), [script, ...args]] },
  // Deno reads the scratch folder's package.json and resolves packages from its node_modules.
  { name: "deno", kind: "process", command: (script, args) => [launcher("deno"), ["run", "-A", "--quiet", script, ...args]] },
  { name: "chromium", kind: "browser" },
];
