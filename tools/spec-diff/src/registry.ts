import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { isNode } from "./spec.ts";

/** One API registered in redocly.yaml and the package its generated code lands in. */
export interface RegisteredSpec {
  api: string;
  /** The spec's path relative to the repository root, e.g. `specs/cx/openapi.yaml`. */
  path: string;
  /** The npm name of the package generated from it, e.g. `@apis/cx`. */
  packageName: string;
}

/**
 * Reads the `apis:` registry in `<root>/redocly.yaml`; the package is the one holding the spec's codegen output.
 * @example listSpecs("/work/main").map((spec) => spec.path) // ["specs/wootric-cxi/openapi.yaml", ...]
 */
export function listSpecs(root: string): RegisteredSpec[] {
  const config: unknown = parse(readFileSync(join(root, "redocly.yaml"), "utf8"));
  const apis = isNode(config) && isNode(config.apis) ? config.apis : {};
  return Object.entries(apis).map(([api, entry]) => {
    if (!isNode(entry) || typeof entry.root !== "string") throw new Error(`redocly.yaml: apis.${api} has no root`);
    const output = isNode(entry["x-openapi-ts"]) ? entry["x-openapi-ts"].output : undefined;
    if (typeof output !== "string") throw new Error(`redocly.yaml: apis.${api} has no x-openapi-ts.output, so its package is unknown`);
    const packageDir = output.split("/").slice(0, 2).join("/");
    const { name } = JSON.parse(readFileSync(join(root, packageDir, "package.json"), "utf8")) as { name: string };
    return { api, path: entry.root, packageName: name };
  });
}
