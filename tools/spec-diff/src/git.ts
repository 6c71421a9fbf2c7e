import { execFileSync } from "node:child_process";

/**
 * The repository root that contains `cwd`.
 * @example gitRoot(process.cwd()) // "/work/main"
 */
export function gitRoot(cwd: string): string {
  return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd, encoding: "utf8" }).trim();
}

/**
 * Throws when `ref` names no commit here, since comparing against nothing would pass every change silently.
 * @example checkRef("/work/main", "origin/main")
 */
export function checkRef(root: string, ref: string): void {
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, stdio: "pipe" });
  } catch {
    throw new Error(`unknown git ref "${ref}": pass --base with a branch, tag or commit that exists here (e.g. --base origin/main after git fetch)`);
  }
}

/**
 * A file's text at a git ref ({@link checkRef} it first), or undefined when the file did not exist there (a spec
 * added since is all additions).
 * @example readAtRef("/work/main", "origin/main", "specs/cx/openapi.yaml")
 */
export function readAtRef(root: string, ref: string, path: string): string | undefined {
  const listed = execFileSync("git", ["ls-tree", "--name-only", ref, "--", path], { cwd: root, encoding: "utf8" }).trim();
  if (listed === "") return undefined;
  return execFileSync("git", ["show", `${ref}:${path}`], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}
