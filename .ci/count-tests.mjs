// Totals the vitest JSON reports (test-results.json) of every workspace package into "N passed, N failed".
// A step that failed without a failing test (a build or typecheck error, a crash) counts as one failure, so a red run
// can never print "0 failed".
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";

// Arguments: the exit status of set-up, of the test run, then of any further checks (each failing one counts once).
const [setupStatus = "1", testStatus = "1", ...checkStatuses] = process.argv.slice(2);
let passed = 0;
let failed = 0;
// What failed, printed above the total: a red run on a machine we cannot see must say which test and why.
const failures = [];
const firstLines = (text, count) => String(text).split("\n").slice(0, count).join("\n    ");
for (const group of ["packages", "tools"]) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const report = join(group, name, "test-results.json");
    if (!existsSync(report)) continue;
    let results;
    try {
      results = JSON.parse(readFileSync(report, "utf8"));
    } catch {
      // A report cut short (a killed run) counts as a failure, named, rather than ending this script without a total.
      failed += 1;
      failures.push(`${report}: not a complete JSON report`);
      continue;
    }
    passed += results.numPassedTests;
    failed += results.numFailedTests;
    if (!results.success && results.numFailedTests === 0) failed += 1; // a suite that failed to load
    // Naming the failures must never cost the total line: anything odd in a report is skipped.
    try {
      for (const file of results.testResults) {
        const where = join(group, name, relative(resolve(group, name), String(file.name)));
        if (file.status === "failed" && file.message) failures.push(`${where}: ${firstLines(file.message, 6)}`);
        for (const test of file.assertionResults ?? []) {
          if (test.status === "failed") failures.push(`${where} > ${test.fullName}\n    ${firstLines([test.failureMessages].flat()[0] ?? "", 6)}`);
        }
      }
    } catch {
      failures.push(`${report}: failures not readable; see the log above`);
    }
  }
}
if (setupStatus !== "0") failed += 1;
if (testStatus !== "0" && failed === 0) failed += 1;
for (const status of checkStatuses) if (status !== "0") failed += 1;
if (failures.length > 0) console.log(`ci: failed tests\n  ${failures.join("\n  ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
