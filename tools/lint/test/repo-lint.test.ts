import path from "node:path";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { LINT_DIR, run } from "./repo-rules.ts";

// Runs this package's real `lint` script (what `pnpm lint` runs through turbo) over every API in /redocly.yaml.
// Fails, never skips, while a registered spec is missing or breaks a rule.
test("the lint script passes on every API in the repo registry", async () => {
  const script = (JSON.parse(readFileSync(path.join(LINT_DIR, "package.json"), "utf8")) as { scripts: { lint: string } }).scripts.lint;
  const PATH = [path.join(LINT_DIR, "node_modules/.bin"), path.dirname(process.execPath), process.env["PATH"]].join(path.delimiter);
  const result = await run("sh", ["-c", script], { cwd: LINT_DIR, env: { ...process.env, PATH } });
  expect(result.status, result.stdout + result.stderr).toBe(0);
});
