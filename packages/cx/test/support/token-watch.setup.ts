// Runs before every unit, contract and package test file: records what the file printed, and when the file is
// done saves everything it recorded for ../token-leak.test.ts, which checks that no credential appears anywhere.
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { format } from "node:util";
import { afterAll, inject } from "vitest";
import { recorded, watchLine } from "./token-watch.js";

declare module "vitest" {
  interface ProvidedContext {
    tokenWatchDir: string;
  }
}

for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    watchLine(`console.${level}`, format(...args));
    original(...args);
  };
}

afterAll(({}, suite) => {
  const file = "filepath" in suite ? String(suite.filepath) : suite.file.filepath;
  const name = relative(join(import.meta.dirname, ".."), file);
  writeFileSync(join(inject("tokenWatchDir"), `${name.replace(/[\\/]/g, "__")}.json`), JSON.stringify({ file: name, renderings: recorded() }));
});
