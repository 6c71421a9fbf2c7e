// A vitest setup file (see vitest-config.ts): records every console line a test file prints and, when the file is
// done, saves all it recorded to `<package>/.leak-watch/<run>/` for test/no-secrets.test.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { format } from "node:util";
import { afterAll, inject } from "vitest";
import { recorded, watchLine, type LeakRecord } from "./leak-watch.js";
import { leakWatchDir, NESTED_RUN_ENV } from "./leak-watch-dir.js";

// Inherited by any vitest run a test starts, which then keeps what this run recorded.
process.env[NESTED_RUN_ENV] = "1";

for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    watchLine(`console.${level}`, format(...args));
    original(...args);
  };
}

afterAll(({}, suite) => {
  const path = "filepath" in suite ? String(suite.filepath) : suite.file.filepath;
  const file = relative(process.cwd(), path).replace(/\\/g, "/");
  const { renderings, secrets } = recorded();
  const record: LeakRecord = { file, secrets: [...secrets], renderings: [...renderings] };
  const dir = join(leakWatchDir(process.cwd()), inject("leakWatchRun"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${file.replace(/\//g, "__")}.json`), JSON.stringify(record));
});
