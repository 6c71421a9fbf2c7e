import path from "node:path";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { FIXTURES_DIR, LINT_DIR, configForFixture, run } from "./repo-rules.ts";

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const REDOCLY_CLI = path.join(LINT_DIR, "node_modules/@redocly/cli/bin/cli.js");

// Runs this package's real `lint` script (what `pnpm lint` runs through turbo) over every API in /redocly.yaml.
// Fails, never skips, while a registered spec is missing or breaks a rule.
const lintScript = (JSON.parse(readFileSync(path.join(LINT_DIR, "package.json"), "utf8")) as { scripts: { lint: string } }).scripts.lint;
const PATH = [path.join(LINT_DIR, "node_modules/.bin"), path.dirname(process.execPath), process.env["PATH"]].join(path.delimiter);

test("the lint script passes on every API in the repo registry", async () => {
  const result = await run("sh", ["-c", lintScript], { cwd: LINT_DIR, env: { ...process.env, PATH } });
  expect(result.status, result.stdout + result.stderr).toBe(0);
});

// `redocly lint --generate-ignore-file` writes .redocly.lint-ignore.yaml next to the config, and Redocly then drops
// every finding it lists: the script refuses to lint while one is there. Run in a scratch repo laid out like this one.
test("the lint script fails, naming the file, while a Redocly ignore file silences a finding", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "apis-lint-ignore-"));
  scratch.push(root);
  mkdirSync(path.join(root, "tools/lint"), { recursive: true });
  symlinkSync(path.join(LINT_DIR, "src"), path.join(root, "tools/lint/src"));
  const spec = path.join(root, "openapi.yaml");
  copyFileSync(path.join(FIXTURES_DIR, "operation-with-empty-x-source.yaml"), spec);
  writeFileSync(path.join(root, "redocly.yaml"), stringify(configForFixture(spec)));
  await run(process.execPath, [REDOCLY_CLI, "lint", "--config", path.join(root, "redocly.yaml"), "--generate-ignore-file"], { cwd: root });
  expect(existsSync(path.join(root, ".redocly.lint-ignore.yaml"))).toBe(true);
  // What the file does: Redocly alone now passes a spec that breaks rule/operation-x-source.
  expect((await run(process.execPath, [REDOCLY_CLI, "lint", "--config", path.join(root, "redocly.yaml")], { cwd: root })).status).toBe(0);

  const result = await run("sh", ["-c", lintScript], { cwd: path.join(root, "tools/lint"), env: { ...process.env, PATH } });
  expect(result.status, result.stdout + result.stderr).toBe(1);
  expect(result.stderr).toContain("../../.redocly.lint-ignore.yaml makes Redocly drop the findings it lists");
  expect(result.stderr).toContain("x-rule-exceptions");
});
