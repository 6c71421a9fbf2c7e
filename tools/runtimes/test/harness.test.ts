// The matrix's own test: scenarios that break on some runtimes must be reported as failing on exactly those, by name.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addScenario, failureSummary, RUNTIMES, runOn, startBrowserRun, type BrowserRun, type Outcome } from "../src/index.ts";

let scratch: string;
let browser: BrowserRun;
const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url).pathname;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "apis-runtimes-harness-"));
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "harness", private: true, type: "module" }));
  for (const name of ["node-only", "too-new"]) addScenario(scratch, name, fixture(name));
  browser = await startBrowserRun(scratch);
});

afterAll(async () => {
  await browser?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function everywhere(name: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  // The fixtures make no request: any URL will do.
  for (const runtime of RUNTIMES) outcomes.push(await runOn(runtime, name, "http://127.0.0.1:9", { scratch, browser }));
  return outcomes;
}

describe("the runtime matrix harness", () => {
  it("reports a scenario that imports a Node-only module as failing in Chromium only, naming it", async () => {
    const outcomes = await everywhere("node-only");
    expect(outcomes.filter((outcome) => outcome.error).map((outcome) => outcome.runtime)).toEqual(["chromium"]);
    expect(outcomes.filter((outcome) => !outcome.error).map((outcome) => outcome.report)).toEqual(Array(RUNTIMES.length - 1).fill({ bytes: true }));
    expect(failureSummary("node-only", outcomes)).toMatch(/^node-only failed on chromium: .*node:fs/);
  });

  it("reports a scenario that needs Node 22 as failing on Node 18 and 20, naming each", async () => {
    const outcomes = await everywhere("too-new");
    expect(outcomes.filter((outcome) => outcome.error).map((outcome) => outcome.runtime)).toEqual(["node18", "node20"]);
    const summary = failureSummary("too-new", outcomes).split("\n");
    expect(summary).toHaveLength(2);
    expect(summary[0]).toMatch(/^too-new failed on node18: TypeError: .*withResolvers is not a function/);
    expect(summary[1]).toMatch(/^too-new failed on node20: TypeError: .*withResolvers is not a function/);
  });

  it("says every runtime is what its name claims", async () => {
    const outcomes = await everywhere("too-new");
    const versions = Object.fromEntries(outcomes.map((outcome) => [outcome.runtime, outcome.version ?? ""]));
    for (const major of ["18", "20", "22", "24"]) expect(versions[`node${major}`]).toMatch(new RegExp(`^node ${major}\\.`));
    expect(versions["bun"]).toMatch(/^bun \d/);
    expect(versions["deno"]).toMatch(/^deno \d/);
    expect(versions["chromium"]).toMatch(/^chromium \d/);
  });
});
