#!/usr/bin/env node
// Run by the `lint` script before Redocly: `node src/no-ignore-file.ts <redocly.yaml>`. Exit 1 while an ignore file sits
// next to the config. Redocly reads `.redocly.lint-ignore.yaml` there, unasked, and drops every finding it lists, so
// `redocly lint --generate-ignore-file` would turn every rule off for what is wrong today, without a word in review.
import { existsSync } from "node:fs";
import path from "node:path";

/** The name Redocly gives the ignore file it reads from the config file's folder. */
export const IGNORE_FILE = ".redocly.lint-ignore.yaml";

/**
 * The ignore file Redocly would read with this config, if there is one.
 *
 * @example
 * ignoreFileOf("/repo/redocly.yaml"); // "/repo/.redocly.lint-ignore.yaml" when that file exists, otherwise undefined
 */
export function ignoreFileOf(configPath: string): string | undefined {
  const file = path.join(path.dirname(path.resolve(configPath)), IGNORE_FILE);
  return existsSync(file) ? file : undefined;
}

if (import.meta.main) {
  const configPath = process.argv[2] ?? "redocly.yaml";
  const file = ignoreFileOf(configPath);
  if (file !== undefined) {
    console.error(
      `${path.relative(process.cwd(), file)} makes Redocly drop the findings it lists. Delete it: fix each finding, or turn a rule off for one API in redocly.yaml with an x-rule-exceptions entry naming the path and why.`,
    );
    process.exitCode = 1;
  }
}
