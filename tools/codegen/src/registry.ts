import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

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

const REGISTRY_FILE = "redocly.yaml";

/** The nearest directory at or above `from` holding both redocly.yaml and pnpm-workspace.yaml. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, REGISTRY_FILE)) && existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no directory at or above ${from} holds both ${REGISTRY_FILE} and pnpm-workspace.yaml`);
    }
    dir = parent;
  }
}

export function loadRegistry(repoRoot: string): Registry {
  const file = path.join(repoRoot, REGISTRY_FILE);
  const config: unknown = parse(readFileSync(file, "utf8"));
  const apis = isRecord(config) ? config["apis"] : undefined;
  if (!isRecord(apis)) {
    throw new Error(`${file} has no \`apis:\` map`);
  }
  const registry: Registry = { repoRoot, apis: [], skipped: [] };
  for (const [name, entry] of Object.entries(apis)) {
    const root = isRecord(entry) ? entry["root"] : undefined;
    if (typeof root !== "string") {
      throw new Error(`${file}: apis.${name} has no \`root:\``);
    }
    const options = isRecord(entry) ? entry["x-openapi-ts"] : undefined;
    const output = isRecord(options) ? options["output"] : undefined;
    if (output === undefined) {
      registry.skipped.push(name);
      continue;
    }
    if (typeof output !== "string" || !output.endsWith(".ts")) {
      throw new Error(`${file}: apis.${name}.x-openapi-ts.output must be the path of a .ts file`);
    }
    const outputPath = path.resolve(repoRoot, output);
    if (!isInside(outputPath, repoRoot)) {
      throw new Error(`${file}: apis.${name}.x-openapi-ts.output points outside the repository`);
    }
    registry.apis.push({
      name,
      root: path.posix.normalize(root.replaceAll("\\", "/")),
      rootPath: path.resolve(repoRoot, root),
      outputPath,
    });
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
