import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export type Bump = "major" | "minor" | "patch" | "none";

const ORDER: Bump[] = ["none", "patch", "minor", "major"];

/** A changeset body marks its change as breaking with a line that starts `BREAKING:` (the 0.x policy, CONTRIBUTING). */
const BREAKING_MARK = /^\s*(?:\*\*)?BREAKING(?:\*\*)?:/m;

/** What the pending changesets say about the packages: the highest bump of each, and which are marked breaking. */
export interface PendingChangesets {
  bumps: Map<string, Bump>;
  /** Packages named in a changeset whose body has a `BREAKING:` line. */
  markedBreaking: Set<string>;
}

/**
 * Reads `<root>/.changeset/*.md` (the front matter `"@apis/cx": minor` that `pnpm changeset` writes, then the body).
 * @example pendingChangesets("/work/main").markedBreaking.has("@apis/cx")
 */
export function pendingChangesets(root: string): PendingChangesets {
  const directory = join(root, ".changeset");
  const pending: PendingChangesets = { bumps: new Map(), markedBreaking: new Set() };
  let files: string[];
  try {
    files = readdirSync(directory).filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md");
  } catch {
    return pending;
  }
  for (const file of files) {
    const text = readFileSync(join(directory, file), "utf8");
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!match) continue;
    const entries = (parse(match[1] ?? "") ?? {}) as Record<string, unknown>;
    const breaking = BREAKING_MARK.test(text.slice(match[0].length));
    for (const [name, bump] of Object.entries(entries)) {
      if (!ORDER.includes(bump as Bump)) throw new Error(`.changeset/${file}: "${name}" has bump "${String(bump)}", expected major, minor, patch or none`);
      if (ORDER.indexOf(bump as Bump) > ORDER.indexOf(pending.bumps.get(name) ?? "none")) pending.bumps.set(name, bump as Bump);
      if (breaking) pending.markedBreaking.add(name);
    }
  }
  return pending;
}

/**
 * The highest bump each package gets from the pending changesets.
 * @example pendingBumps("/work/main").get("@apis/cx") // "major"
 */
export function pendingBumps(root: string): Map<string, Bump> {
  return pendingChangesets(root).bumps;
}

/**
 * What a breaking change needs, by the versioning policy in CONTRIBUTING: from 1.0.0 on, a `major` bump; while the
 * package is 0.x, a `minor` bump (or higher) in a changeset marked `BREAKING:`, since in 0.x the minor is the
 * breaking position.
 * @example requiredForBreaking("0.1.0") // { bump: "minor", marked: true }
 */
export function requiredForBreaking(version: string): { bump: Bump; marked: boolean } {
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major)) throw new Error(`version "${version}" is not semver`);
  return major === 0 ? { bump: "minor", marked: true } : { bump: "major", marked: false };
}

/** Whether the pending changesets give a package what {@link requiredForBreaking} asks for. */
export function meetsBreaking(required: { bump: Bump; marked: boolean }, bump: Bump, marked: boolean): boolean {
  if (bump === "major") return true;
  return ORDER.indexOf(bump) >= ORDER.indexOf(required.bump) && (!required.marked || marked);
}
