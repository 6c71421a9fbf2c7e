// Every vendor package, packed and installed outside the workspace, runs its scenario (packages/<vendor>/test/runtimes/)
// on every runtime against a scripted server that answers CORS. A runtime where any step fails fails its test, by name.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "@apis/faults";
import { publicPackages } from "@apis/pack-check";
import { addScenario, discoverScenarios, failureSummary, prepareScratch, runOn, runProcess, RUNTIMES, startBrowserRun, type BrowserRun, type Outcome, type ProcessRuntime } from "../src/index.ts";

/** What a package's test/runtimes/routes.ts exports (every vendor package with a scenario has one). */
interface Routes {
  script(server: FaultServer): void;
  expectedReport: unknown;
  observed(server: FaultServer): unknown;
  expectedObserved: unknown;
}

const scenarios = discoverScenarios();
const outcomes: Array<Outcome & { scenario: string }> = [];
let scratch: string;
let server: FaultServer;
let browser: BrowserRun;

beforeAll(async () => {
  scratch = await prepareScratch();
  for (const { name, scenario } of scenarios) addScenario(scratch, name, scenario);
  server = await startFaultServer({ cors: true, hangMs: 3000 });
  browser = await startBrowserRun(scratch);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  // The table in the README is written from this file (pnpm --filter @apis/runtimes readme).
  const results = new URL("../.matrix/", import.meta.url);
  mkdirSync(results, { recursive: true });
  writeFileSync(new URL("outcomes.json", results), JSON.stringify(outcomes, null, 2));
});

it("finds a runtime scenario in every vendor package", () => {
  const vendors = publicPackages().filter((pkg) => pkg.name !== "@apis/runtime").map((pkg) => pkg.dir.split(/[\\/]/).at(-1));
  expect(scenarios.map((scenario) => scenario.name)).toEqual(vendors);
});

describe.each(scenarios)("$name", ({ name, routes: routesFile }) => {
  it.each(RUNTIMES.map((runtime) => [runtime.name, runtime] as const))("runs its scenario on %s", async (_, runtime) => {
    const routes = (await import(routesFile)) as Routes;
    server.reset();
    routes.script(server);
    const outcome = await runOn(runtime, name, server.url, { scratch, browser });
    outcomes.push({ ...outcome, scenario: name });
    expect(failureSummary(name, [outcome])).toBe("");
    expect(outcome.report).toEqual(routes.expectedReport);
    expect(routes.observed(server)).toEqual(routes.expectedObserved);
  });
});

// The Node fast transport, a subpath of its own, needs Node 20.18 or later: on Node 18 undici failed as it loaded, with a
// bare "File is not defined". Node 18 is now told what it needs; Node 20 and 22 load it.
describe("@apis/runtime/undici, as installed", () => {
  const entry = "undici-subpath.main.mjs";
  beforeAll(() => {
    writeFileSync(join(scratch, entry), `try {
  const { undiciFetch } = await import("@apis/runtime/undici");
  console.log(JSON.stringify({ report: typeof undiciFetch }));
} catch (error) {
  console.log(JSON.stringify({ report: String(error) }));
}
`);
  });

  it.each([
    ["node18", /^Error: @apis\/runtime\/undici needs Node 20\.18 or later \(undici 7\); this is Node 18\.20\.8: leave fetch as the platform's/],
    ["node20", /^function$/],
    ["node22", /^function$/],
  ])("on %s loads or says what it needs", async (name, expected) => {
    const runtime = RUNTIMES.find((candidate) => candidate.name === name) as ProcessRuntime;
    const outcome = await runProcess(runtime, entry, [], scratch);
    expect(outcome.error).toBeUndefined();
    expect(outcome.report).toMatch(expected);
  });
});
