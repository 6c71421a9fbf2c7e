import { execFileSync } from "node:child_process";

/**
 * The repository root that contains `cwd`.
 * @example gitRoot(process.cwd()) // "/work/main"
 */
export function gitRoot(cwd: string): string {
  return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd, encoding: "utf8" }).trim();
}

/**
 * A file's text at a git ref, or undefined when the file did not exist there (a spec added since is all additions).
 * Throws when the ref itself is unknown, since comparing against nothing would pass every change silently.
 * @example readAtRef("/work/main", "origin/main", "specs/cx/openapi.yaml")
 */
export function readAtRef(root: string, ref: string, path: string): string | undefined {
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, stdio: "pipe" });
  } catch {
    throw new Error(`unknown git ref "${ref}": pass --base with a branch, tag or commit that exists here (e.g. --base origin/main after git fetch)`);
  }
  const listed = execFileSync("git", ["ls-tree", "--name-only", ref, "--", path], { cwd: root, encoding: "utf8" }).trim();
  if (listed === "") return undefined;
  return execFileSync("git", ["show", `${ref}:${path}`], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}
