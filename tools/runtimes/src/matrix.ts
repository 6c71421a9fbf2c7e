import { runProcess } from "./run-process.ts";
import type { BrowserRun } from "./run-browser.ts";
import type { Outcome } from "./outcome.ts";
import type { Runtime } from "./runtimes.ts";

/**
 * Runs the scenario `name` (already in the scratch folder) on one runtime against the API at `url`.
 * @example const outcome = await runOn(runtime, "cx", server.url, { scratch, browser });
 */
export function runOn(runtime: Runtime, name: string, url: string, where: { scratch: string; browser: BrowserRun }): Promise<Outcome> {
  return runtime.kind === "browser" ? where.browser.run(name, url) : runProcess(runtime, `${name}.main.mjs`, [url], where.scratch);
}
