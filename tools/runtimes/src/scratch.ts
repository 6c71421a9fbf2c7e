// The scratch project the matrix runs in: the packed tarballs installed by npm outside the workspace, as a user gets
// them, and each scenario turned into plain JavaScript beside them.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { installPacked, publicPackages } from "@apis/pack-check";

/** Strips the types of a scenario: imports stay as written, so they resolve in the scratch project's node_modules. */
export function toJavaScript(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;
}

/**
 * The entry each process runtime starts: runs the scenario on the URL in its first argument and prints one JSON line
 * with the runtime's own name and version, and the report or the error.
 */
export function processEntry(scenarioFile: string): string {
  return `import { run } from "./${scenarioFile}";
const deno = globalThis.Deno, bun = globalThis.Bun;
const runtime = deno ? "deno " + deno.version.deno : bun ? "bun " + bun.version : "node " + process.versions.node;
const args = deno ? deno.args : process.argv.slice(2);
try {
  console.log(JSON.stringify({ runtime, report: await run(args[0]) }));
} catch (error) {
  console.log(JSON.stringify({ runtime, error: String((error && error.stack) || error) }));
}
`;
}

/** Writes a scenario (TypeScript) into the scratch project as `<name>.scenario.mjs` and `<name>.main.mjs`. */
export function addScenario(scratch: string, name: string, typescriptFile: string): void {
  writeFileSync(join(scratch, `${name}.scenario.mjs`), toJavaScript(readFileSync(typescriptFile, "utf8")));
  writeFileSync(join(scratch, `${name}.main.mjs`), processEntry(`${name}.scenario.mjs`));
}

/**
 * Packs every public package and installs the tarballs into a new folder outside the workspace.
 * @example const scratch = await prepareScratch();
 */
export async function prepareScratch(): Promise<string> {
  return installPacked(publicPackages(), "apis-runtimes-");
}
