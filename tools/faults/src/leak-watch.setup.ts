// A vitest setup file (`setupFiles: ["@apis/faults/leak-watch-setup"]`): records every console line a test file
// prints and, when the file is done, saves all it recorded to `<package>/.leak-watch/` for test/no-secrets.test.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { format } from "node:util";
import { afterAll } from "vitest";
import { recorded, watchLine, type LeakRecord } from "./leak-watch.js";
import { leakWatchDir } from "./leak-watch-dir.js";

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
  const dir = leakWatchDir(process.cwd());
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${file.replace(/\//g, "__")}.json`), JSON.stringify(record));
});
