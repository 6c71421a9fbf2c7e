export { RUNTIMES, type Runtime, type ProcessRuntime, type BrowserRuntime } from "./runtimes.ts";
export { discoverScenarios, SCENARIO_DIR, type ScenarioFiles } from "./scenarios.ts";
export { addScenario, prepareScratch, processEntry, toJavaScript } from "./scratch.ts";
export { failureSummary, parseOutcome, type Outcome } from "./outcome.ts";
export { runProcess } from "./run-process.ts";
export { startBrowserRun, type BrowserRun } from "./run-browser.ts";
export { runOn } from "./matrix.ts";
