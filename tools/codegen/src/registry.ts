import { existsSync } from "node:fs";
import path from "node:path";
import { findRepoRoot, readRegistry } from "@apis/spec";

/** One API from the `apis:` section of redocly.yaml that has an `x-openapi-ts.output`. */
export interface ApiEntry {
  name: string;
  /** The spec path as written in redocly.yaml (relative to the repo root, `/`-separated). */
  root: string;
  /** Absolute path of the spec. */
  rootPath: string;
  /** Absolute path of the generated schema.ts; the other generated files go next to it. */
  outputPath: string;
}

export interface Registry {
  repoRoot: string;
  apis: ApiEntry[];
  /** Names of `apis:` entries without `x-openapi-ts.output` (nothing to generate for them). */
  skipped: string[];
}

export { findRepoRoot };

/** The APIs of `<repoRoot>/redocly.yaml` (read by @apis/spec) that codegen writes, with their output checked. */
export function loadRegistry(repoRoot: string): Registry {
  const registry: Registry = { repoRoot, apis: [], skipped: [] };
  for (const { name, root, output } of readRegistry(repoRoot).values()) {
    if (output === undefined) {
      registry.skipped.push(name);
      continue;
    }
    if (!output.endsWith(".ts")) throw new Error(`redocly.yaml: apis.${name}.x-openapi-ts.output must be the path of a .ts file`);
    if (path.basename(output) === "operations.ts") throw new Error(`redocly.yaml: apis.${name}.x-openapi-ts.output cannot be operations.ts, which codegen writes next to it`);
    if (!isInside(output, repoRoot)) throw new Error(`redocly.yaml: apis.${name}.x-openapi-ts.output points outside the repository`);
    // operations.ts and README.md are written next to schema.ts: a second API there would overwrite the first's.
    const sharing = registry.apis.find((api) => path.dirname(api.outputPath) === path.dirname(output));
    if (sharing !== undefined) {
      const folder = path.relative(repoRoot, path.dirname(output)).replaceAll("\\", "/");
      throw new Error(`redocly.yaml: apis.${sharing.name} and apis.${name} generate into the same folder (${folder}/), where each one's operations.ts and README.md would overwrite the other's: give each x-openapi-ts.output its own folder`);
    }
    registry.apis.push({ name, root: path.relative(repoRoot, root).replaceAll("\\", "/"), rootPath: root, outputPath: output });
  }
  return registry;
}

/** The directory of the nearest package.json at or above `cwd`, not looking above the repo root. */
export function findPackageDir(cwd: string, repoRoot: string): string {
  let dir = path.resolve(cwd);
  while (dir !== repoRoot && isInside(dir, repoRoot)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    dir = path.dirname(dir);
  }
  return repoRoot;
}

/** The APIs whose generated files lie inside `packageDir`. */
export function apisInPackage(apis: ApiEntry[], packageDir: string): ApiEntry[] {
  return apis.filter((api) => isInside(api.outputPath, packageDir));
}

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
