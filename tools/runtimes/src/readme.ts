// Rewrites the runtime table in the root README from the last matrix run (.matrix/outcomes.json, written by
// test/matrix.test.ts), so that the README claims exactly what the matrix proved. Run: pnpm --filter @apis/runtimes readme
import { readFileSync, writeFileSync } from "node:fs";
import type { Outcome } from "./outcome.ts";

const README = new URL("../../../README.md", import.meta.url);
const START = "<!-- runtimes:start -->";
const END = "<!-- runtimes:end -->";

/** The table: one row per runtime with the version it reported, one column per package scenario. */
export function runtimeTable(outcomes: ReadonlyArray<Outcome & { scenario: string }>): string {
  const scenarios = [...new Set(outcomes.map((outcome) => outcome.scenario))];
  const runtimes = [...new Set(outcomes.map((outcome) => outcome.runtime))];
  const rows = runtimes.map((runtime) => {
    const mine = outcomes.filter((outcome) => outcome.runtime === runtime);
    const version = mine.find((outcome) => outcome.version)?.version ?? "?";
    const cells = scenarios.map((scenario) => (mine.find((outcome) => outcome.scenario === scenario)?.error === undefined ? "passed" : "**failed**"));
    return `| ${runtime} | ${version} | ${cells.join(" | ")} |`;
  });
  const header = `| Runtime | Version | ${scenarios.map((scenario) => `\`@apis/${scenario}\``).join(" | ")} |`;
  return [header, `| --- | --- | ${scenarios.map(() => "---").join(" | ")} |`, ...rows].join("\n");
}

if (import.meta.main) {
  const outcomes = JSON.parse(readFileSync(new URL("../.matrix/outcomes.json", import.meta.url), "utf8")) as Array<Outcome & { scenario: string }>;
  const readme = readFileSync(README, "utf8");
  const [before, rest] = readme.split(START);
  const after = rest?.split(END)[1];
  if (before === undefined || after === undefined) throw new Error(`README.md has no ${START} ... ${END} section`);
  writeFileSync(README, `${before}${START}\n${runtimeTable(outcomes)}\n${END}${after}`);
  console.log(runtimeTable(outcomes));
}
