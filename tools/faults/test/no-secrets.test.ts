// The end-of-run check: every test file of every vendor package saved what it rendered (errors every way a log can
// show them, logger lines, console output) to its package's .leak-watch/ folder; none may show a credential that
// any of them handed to a client. turbo runs this after every vendor's test task (turbo.json).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { findLeaks, type LeakRecord } from "../src/leak-watch.js";
import { leakWatchDir } from "../src/leak-watch-dir.js";

const VENDORS = ["wootric-cxi", "cx", "survey-dynamix", "cmix"] as const;
const repo = join(import.meta.dirname, "../../..");

function testFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path, root);
    return entry.name.endsWith(".test.ts") ? [relative(root, path).replace(/\\/g, "/")] : [];
  });
}

/** Every record of the package's last test run, and of any run a test of it started (one folder per run). */
function recordsOf(vendor: string): LeakRecord[] {
  const dir = leakWatchDir(join(repo, "packages", vendor));
  if (!existsSync(dir)) return [];
  const runs = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return runs.flatMap((run) => readdirSync(join(dir, run.name)).map((name) => JSON.parse(readFileSync(join(dir, run.name, name), "utf8")) as LeakRecord));
}

const records = Object.fromEntries(VENDORS.map((vendor) => [vendor, recordsOf(vendor)])) as Record<(typeof VENDORS)[number], LeakRecord[]>;
const all = Object.values(records).flat();
const secrets = [...new Set(all.flatMap((record) => record.secrets))];

describe("credentials across every vendor suite", () => {
  it.each(VENDORS)("%s: every test file of the package saved what it rendered in this run", (vendor) => {
    const packageDir = join(repo, "packages", vendor);
    const expected = testFiles(packageDir).filter((file) => file.startsWith("test/"));
    const seen = [...new Set(records[vendor].map((record) => record.file))];
    expect(seen.sort(), `run the vendor's tests first (pnpm test runs them before this file)`).toEqual(expected.sort());
  });

  it.each(VENDORS)("%s: the fault suite collected its log lines and errors, and named its secrets", (vendor) => {
    const faults = records[vendor].find((record) => record.file === "test/faults/faults.test.ts");
    if (faults === undefined) throw new Error(`${vendor}: no record of test/faults/faults.test.ts: run the vendor's tests first`);
    expect(faults.secrets.length).toBeGreaterThanOrEqual(2);
    expect(faults.renderings.filter((rendering) => rendering.what === "logger.debug").length).toBeGreaterThan(50);
    // Each error is recorded five ways (String, JSON, inspect, message, stack): at least five errors per suite.
    expect(faults.renderings.filter((rendering) => rendering.what !== "logger.debug" && !rendering.what.startsWith("console.")).length).toBeGreaterThanOrEqual(25);
  });

  it("never show any vendor's credential in an error, a log line or console output of any suite", () => {
    // Every vendor's secrets, checked against every vendor's renderings: a credential is as leaked in another suite's log.
    expect(secrets.length).toBeGreaterThanOrEqual(VENDORS.length * 2);
    expect(all.reduce((sum, record) => sum + record.renderings.length, 0)).toBeGreaterThan(1000);
    expect(findLeaks(all, secrets)).toEqual([]);
  });
});
