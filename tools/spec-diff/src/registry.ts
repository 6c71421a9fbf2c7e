import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { readRegistry } from "@apis/prism/registry";

/** One API registered in redocly.yaml and the package its generated code lands in. */
export interface RegisteredSpec {
  api: string;
  /** The spec's path relative to the repository root, e.g. `specs/cx/openapi.yaml`. */
  path: string;
  /** The npm name of the package generated from it, e.g. `@apis/cx`. */
  packageName: string;
  /** That package's current version, e.g. `0.1.0`: it decides what a breaking change needs (CONTRIBUTING). */
  packageVersion: string;
}

/**
 * The registry in `<root>/redocly.yaml` (read by @apis/prism's reader); the package is the one holding the spec's
 * codegen output.
 * @example listSpecs("/work/main").map((spec) => spec.path) // ["specs/wootric-cxi/openapi.yaml", ...]
 */
export function listSpecs(root: string): RegisteredSpec[] {
  return [...readRegistry(root).values()].map((api) => {
    if (api.output === undefined) throw new Error(`redocly.yaml: apis.${api.name} has no x-openapi-ts.output, so its package is unknown`);
    const packageDir = relative(root, api.output).split(/[\\/]/).slice(0, 2).join("/");
    const { name, version } = JSON.parse(readFileSync(join(root, packageDir, "package.json"), "utf8")) as { name: string; version?: string };
    return { api: api.name, path: relative(root, api.root).replace(/\\/g, "/"), packageName: name, packageVersion: version ?? "0.0.0" };
  });
}
