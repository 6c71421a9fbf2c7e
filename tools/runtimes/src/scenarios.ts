import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@apis/pack-check";

/** A vendor package's runtime scenario: the client side that every runtime runs, and the server side. */
export interface ScenarioFiles {
  /** The package's folder name under packages/. */
  name: string;
  /** Runs in each runtime; imports only the package's public entry point; exports `run(url)`. */
  scenario: string;
  /** Scripts the server and states what the scenario must report and what the server must receive. */
  routes: string;
}

/** The folder under a package that holds its scenario. */
export const SCENARIO_DIR = join("test", "runtimes");

/**
 * Every package under packages/ with a runtime scenario, in folder order.
 * @example discoverScenarios().map((s) => s.name) // ["cmix", "cx", ...]
 */
export function discoverScenarios(root = repoRoot): ScenarioFiles[] {
  return readdirSync(join(root, "packages"))
    .map((name) => ({ name, scenario: join(root, "packages", name, SCENARIO_DIR, "scenario.ts"), routes: join(root, "packages", name, SCENARIO_DIR, "routes.ts") }))
    .filter((files) => existsSync(files.scenario));
}
