#!/usr/bin/env node
// pnpm spec-diff [--base <git ref>] [--json]: classifies spec changes since the ref (default HEAD, i.e. uncommitted
// edits); exits 1 when a package has a breaking change without the bump the versioning policy asks for (a major one,
// or while 0.x a minor one marked BREAKING:), 2 on bad input.
import { parseArgs } from "node:util";
import { checkSpecs } from "./check.ts";
import { formatReport } from "./format.ts";
import { gitRoot } from "./git.ts";

try {
  const { values } = parseArgs({ options: { base: { type: "string", default: "HEAD" }, json: { type: "boolean", default: false } } });
  const report = checkSpecs(gitRoot(process.cwd()), values.base);
  console.log(values.json ? JSON.stringify({ ...report, bumps: Object.fromEntries(report.bumps) }, null, 2) : formatReport(report));
  if (report.unmet.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(`spec-diff: ${(error as Error).message}\nusage: pnpm spec-diff [--base <git ref>] [--json]`);
  process.exitCode = 2;
}
