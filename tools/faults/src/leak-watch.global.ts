// A vitest global setup (`globalSetup: ["@apis/faults/leak-watch-global"]`): empties the package's `.leak-watch/`
// before the run, so what test/no-secrets.test.ts reads afterwards comes from this run only.
import { rmSync } from "node:fs";
import { leakWatchDir } from "./leak-watch-dir.js";

export default function setup(): void {
  rmSync(leakWatchDir(process.cwd()), { recursive: true, force: true });
}
