#!/usr/bin/env node
import path from "node:path";
import { parseArgs } from "node:util";
import { apisInPackage, findPackageDir, findRepoRoot, loadRegistry } from "./registry.ts";
import type { ApiEntry, Registry } from "./registry.ts";
import { findStaleFiles, generateApis } from "./run.ts";

const USAGE = `Usage: apis-codegen [--all] [--check]

Generates src/generated/ (schema.ts, operations.ts, README.md) from the specs registered in redocly.yaml.
  (no flag)  generate the APIs whose x-openapi-ts.output lies inside the current package
  --all      generate every API in redocly.yaml
  --check    generate in memory and compare with the files on disk instead of writing
Exit codes: 0 ok, 1 generated files are stale (--check), 2 error.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { all: { type: "boolean" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const cwd = process.cwd();
  const registry = loadRegistry(findRepoRoot(cwd));
  const apis = values.all ? registry.apis : selectForPackage(registry, cwd);
  if (values.all) {
    for (const name of registry.skipped) console.log(`skipped   apis.${name} (no x-openapi-ts.output)`);
  }
  if (values.check) return check(apis, registry.repoRoot);
  for (const file of await generateApis(apis, registry.repoRoot)) {
    console.log(`${file.changed ? "wrote    " : "unchanged"} ${file.relativePath}`);
  }
  return 0;
}

function selectForPackage(registry: Registry, cwd: string): ApiEntry[] {
  const packageDir = findPackageDir(cwd, registry.repoRoot);
  if (packageDir === registry.repoRoot) return registry.apis;
  const apis = apisInPackage(registry.apis, packageDir);
  if (apis.length === 0) {
    const where = path.relative(registry.repoRoot, packageDir);
    throw new Error(`no API in redocly.yaml has its x-openapi-ts.output inside ${where}/ (pass --all to generate every API)`);
  }
  return apis;
}

async function check(apis: ApiEntry[], repoRoot: string): Promise<number> {
  const stale = await findStaleFiles(apis, repoRoot);
  if (stale.length === 0) {
    const names = apis.map((api) => api.name).join(", ") || "(no API)";
    console.log(`apis-codegen --check: generated files are up to date for ${names}`);
    return 0;
  }
  console.error("apis-codegen --check: generated files do not match their specs:");
  for (const file of stale) console.error(`  ${file.relativePath} (${file.reason})`);
  console.error("Run `pnpm generate` to regenerate them, and commit the result.");
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`apis-codegen: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
