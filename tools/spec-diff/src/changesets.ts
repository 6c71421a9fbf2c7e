import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export type Bump = "major" | "minor" | "patch" | "none";

/**
 * The highest bump each package gets from the pending changesets in `<root>/.changeset/*.md` (the front matter
 * `"@apis/cx": major` that `pnpm changeset` writes).
 * @example pendingBumps("/work/main").get("@apis/cx") // "major"
 */
export function pendingBumps(root: string): Map<string, Bump> {
  const directory = join(root, ".changeset");
  const order: Bump[] = ["none", "patch", "minor", "major"];
  const bumps = new Map<string, Bump>();
  let files: string[];
  try {
    files = readdirSync(directory).filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md");
  } catch {
    return bumps;
  }
  for (const file of files) {
    const text = readFileSync(join(directory, file), "utf8");
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!match) continue;
    const entries = (parse(match[1] ?? "") ?? {}) as Record<string, unknown>;
    for (const [name, bump] of Object.entries(entries)) {
      if (!order.includes(bump as Bump)) throw new Error(`.changeset/${file}: "${name}" has bump "${String(bump)}", expected major, minor, patch or none`);
      if (order.indexOf(bump as Bump) > order.indexOf(bumps.get(name) ?? "none")) bumps.set(name, bump as Bump);
    }
  }
  return bumps;
}
