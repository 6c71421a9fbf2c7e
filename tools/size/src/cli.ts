#!/usr/bin/env node
// pnpm size [--readme] [--only @apis/a,@apis/b]: prints each vendor package's bundle size (or only those named);
// --readme writes the table into README.md.
// Exits 1 when a package is over tools/size/budget.json.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { overBudget, readBudget } from "./budget.ts";
import { formatTable, replaceSection } from "./format.ts";
import { measureAll, repoRoot } from "./measure.ts";

const { values } = parseArgs({ options: { readme: { type: "boolean", default: false }, only: { type: "string" } } });
const budget = readBudget();
const sizes = await measureAll(undefined, values.only?.split(","));
if (values.only !== undefined && sizes.length === 0) throw new Error(`size: no vendor package named ${values.only}`);
const table = formatTable(sizes, budget);
console.log(table);
if (values.readme) {
  const readme = join(repoRoot, "README.md");
  writeFileSync(readme, replaceSection(readFileSync(readme, "utf8"), table));
  console.log(`\nWrote the table into ${readme}.`);
}
const problems = overBudget(sizes, budget);
for (const problem of problems) console.error(`OVER BUDGET: ${problem}`);
if (problems.length > 0) process.exitCode = 1;
