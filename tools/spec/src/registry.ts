import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "yaml";

/** One vendor API as `redocly.yaml` registers it. */
export interface RegisteredApi {
  name: string;
  /** Absolute path of the spec. */
  root: string;
  /** Absolute path of the generated schema.ts, when codegen is configured. */
  output?: string;
  /** The entry's other `x-` keys (e.g. `x-docs`), as written. */
  extensions: Record<string, unknown>;
}

/** A workspace package that code is generated into: its npm name, version and folder. */
export interface VendorPackage {
  name: string;
  version: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** The registered APIs generated into it, in registry order. */
  apis: string[];
}

/** The directory holding `redocly.yaml` and `pnpm-workspace.yaml`, found by walking up from `from`. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "redocly.yaml")) && existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No redocly.yaml + pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
}

/**
 * Reads the vendor registry (`apis:` in redocly.yaml).
 *
 * @example
 * const cxi = readRegistry().get("wootric-cxi");
 */
export function readRegistry(root: string = findRepoRoot()): Map<string, RegisteredApi> {
  const config = parse(readFileSync(join(root, "redocly.yaml"), "utf8")) as {
    apis?: Record<string, { root: string; "x-openapi-ts"?: { output?: string } } & Record<string, unknown>>;
  };
  const apis = new Map<string, RegisteredApi>();
  for (const [name, entry] of Object.entries(config.apis ?? {})) {
    if (typeof entry?.root !== "string") throw new Error(`redocly.yaml: apis.${name} has no root`);
    const output = entry["x-openapi-ts"]?.output;
    const extensions = Object.fromEntries(Object.entries(entry).filter(([key]) => key.startsWith("x-") && key !== "x-openapi-ts"));
    apis.set(name, { name, root: join(root, entry.root), ...(output ? { output: join(root, output) } : {}), extensions });
  }
  return apis;
}

/** The registered API with this name, or a clear error listing the names that exist. */
export function registeredApi(name: string, root?: string): RegisteredApi {
  const apis = readRegistry(root);
  const api = apis.get(name);
  if (!api) throw new Error(`No API "${name}" in redocly.yaml; registered: ${[...apis.keys()].join(", ")}`);
  return api;
}

/**
 * The package an API's code is generated into: the `packages/<folder>` holding its `x-openapi-ts.output`.
 * @example packageOf(registeredApi("cx"), root).name // "@apis/cx"
 */
export function packageOf(api: RegisteredApi, root: string = findRepoRoot()): Omit<VendorPackage, "apis"> {
  if (api.output === undefined) throw new Error(`redocly.yaml: apis.${api.name} has no x-openapi-ts.output, so its package is unknown`);
  const dir = join(root, ...relative(root, api.output).split(/[\\/]/).slice(0, 2));
  const { name, version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version?: string };
  return { name, version: version ?? "0.0.0", dir };
}

/**
 * Every vendor package, once each, in registry order: what a check over "all vendors" iterates, so adding a vendor
 * is adding its `apis:` entry.
 * @example vendorPackages().map((pkg) => pkg.name) // ["@apis/wootric-cxi", ...]
 */
export function vendorPackages(root: string = findRepoRoot()): VendorPackage[] {
  const byDir = new Map<string, VendorPackage>();
  for (const api of readRegistry(root).values()) {
    const pkg = packageOf(api, root);
    const known = byDir.get(pkg.dir);
    if (known) known.apis.push(api.name);
    else byDir.set(pkg.dir, { ...pkg, apis: [api.name] });
  }
  return [...byDir.values()];
}
