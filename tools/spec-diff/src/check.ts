import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Change } from "./change.ts";
import { meetsBreaking, pendingChangesets, requiredForBreaking, type Bump } from "./changesets.ts";
import { checkRef, readAtRef } from "./git.ts";
import { listSpecs, type RegisteredSpec } from "./registry.ts";
import { diffSpecs } from "./spec-diff.ts";
import type { Node } from "@apis/spec";

export interface SpecReport extends RegisteredSpec {
  /** False when the spec did not exist at the base ref. */
  existedAtBase: boolean;
  changes: Change[];
}

/** A package whose breaking spec change lacks the bump the versioning policy asks for. */
export interface UnmetBump {
  packageName: string;
  packageVersion: string;
  /** `major` from 1.0.0 on; `minor` in a changeset marked `BREAKING:` while 0.x. */
  required: { bump: Bump; marked: boolean };
  pending: Bump;
  marked: boolean;
}

export interface SpecDiffReport {
  base: string;
  specs: SpecReport[];
  bumps: Map<string, Bump>;
  /** Packages with a breaking spec change and not the bump the policy asks for: CI fails on these. */
  unmet: UnmetBump[];
}

/**
 * Diffs every registered spec in the working tree against `base` and checks that each package with a breaking change
 * has the bump the versioning policy asks for pending: a major one from 1.0.0 on, a minor one marked `BREAKING:`
 * while the package is 0.x.
 * @example const report = checkSpecs("/work/main", "origin/main"); if (report.unmet.length) process.exitCode = 1;
 */
export function checkSpecs(root: string, base: string): SpecDiffReport {
  checkRef(root, base);
  const specs = listSpecs(root).map((spec): SpecReport => {
    const before = readAtRef(root, base, spec.path);
    const after = parse(readFileSync(join(root, spec.path), "utf8")) as Node;
    if (before === undefined) return { ...spec, existedAtBase: false, changes: [] };
    return { ...spec, existedAtBase: true, changes: diffSpecs(parse(before) as Node, after) };
  });
  const { bumps, markedBreaking } = pendingChangesets(root);
  const broken = new Map(specs.filter((spec) => spec.changes.some((change) => change.level === "breaking")).map((spec) => [spec.packageName, spec.packageVersion]));
  const unmet: UnmetBump[] = [];
  for (const [packageName, packageVersion] of broken) {
    const required = requiredForBreaking(packageVersion);
    const pending = bumps.get(packageName) ?? "none";
    const marked = markedBreaking.has(packageName);
    if (!meetsBreaking(required, pending, marked)) unmet.push({ packageName, packageVersion, required, pending, marked });
  }
  return { base, specs, bumps, unmet };
}
