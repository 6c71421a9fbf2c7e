import { relative } from "node:path";
import { packageOf, readRegistry } from "@apis/spec";

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
 * The registry in `<root>/redocly.yaml` (read by @apis/spec); the package is the one holding the spec's
 * codegen output.
 * @example listSpecs("/work/main").map((spec) => spec.path) // ["specs/wootric-cxi/openapi.yaml", ...]
 */
export function listSpecs(root: string): RegisteredSpec[] {
  return [...readRegistry(root).values()].map((api) => {
    const { name, version } = packageOf(api, root);
    return { api: api.name, path: relative(root, api.root).replace(/\\/g, "/"), packageName: name, packageVersion: version };
  });
}
