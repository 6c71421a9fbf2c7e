import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Change } from "./change.ts";
import { pendingBumps, type Bump } from "./changesets.ts";
import { checkRef, readAtRef } from "./git.ts";
import { listSpecs, type RegisteredSpec } from "./registry.ts";
import { diffSpecs } from "./spec-diff.ts";
import type { Node } from "./spec.ts";

export interface SpecReport extends RegisteredSpec {
  /** False when the spec did not exist at the base ref. */
  existedAtBase: boolean;
  changes: Change[];
}

export interface SpecDiffReport {
  base: string;
  specs: SpecReport[];
  bumps: Map<string, Bump>;
  /** Packages with a breaking spec change and no pending major changeset: CI fails on these. */
  missingMajor: string[];
}

/**
 * Diffs every registered spec in the working tree against `base` and checks that each package with a breaking change
 * has a major changeset pending.
 * @example const report = checkSpecs("/work/main", "origin/main"); if (report.missingMajor.length) process.exitCode = 1;
 */
export function checkSpecs(root: string, base: string): SpecDiffReport {
  checkRef(root, base);
  const specs = listSpecs(root).map((spec): SpecReport => {
    const before = readAtRef(root, base, spec.path);
    const after = parse(readFileSync(join(root, spec.path), "utf8")) as Node;
    if (before === undefined) return { ...spec, existedAtBase: false, changes: [] };
    return { ...spec, existedAtBase: true, changes: diffSpecs(parse(before) as Node, after) };
  });
  const bumps = pendingBumps(root);
  const broken = new Set(specs.filter((spec) => spec.changes.some((change) => change.level === "breaking")).map((spec) => spec.packageName));
  const missingMajor = [...broken].filter((name) => bumps.get(name) !== "major");
  return { base, specs, bumps, missingMajor };
}
