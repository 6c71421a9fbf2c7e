import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findRepoRoot } from "@apis/spec";
import { parse, stringify } from "yaml";

export const LINT_DIR = fileURLToPath(new URL("..", import.meta.url));
export const FIXTURES_DIR = path.join(LINT_DIR, "test/fixtures");
const REDOCLY_CLI = path.join(LINT_DIR, "node_modules/@redocly/cli/bin/cli.js");

export const REPO_ROOT = findRepoRoot(LINT_DIR);

/** The real /redocly.yaml, parsed. */
export function repoConfig(): Record<string, unknown> {
  return parse(readFileSync(path.join(REPO_ROOT, "redocly.yaml"), "utf8")) as Record<string, unknown>;
}

/** Keys of redocly.yaml that decide what `lint` reports (extends, plugins, rules, preprocessors and their per-spec variants), and `telemetry`. */
const LINT_KEYS = /^(extends|plugins|rules|preprocessors|\w+Rules|\w+Preprocessors|telemetry)$/;
const LOCAL_FILE = /^\.{0,2}\/|\.(ya?ml|[cm]?[jt]s)$/;

/**
 * The lint part of the real redocly.yaml (file paths made absolute), with `apis:` pointing at one fixture:
 * linting a fixture with it proves what the REAL config reports.
 */
export function configForFixture(fixturePath: string): Record<string, unknown> {
  const config: Record<string, unknown> = { apis: { fixture: { root: fixturePath } } };
  for (const [key, value] of Object.entries(repoConfig())) {
    if (!LINT_KEYS.test(key)) continue;
    config[key] =
      key === "extends" || key === "plugins"
        ? (value as unknown[]).map((entry) => (typeof entry === "string" && LOCAL_FILE.test(entry) ? path.resolve(REPO_ROOT, entry) : entry))
        : value;
  }
  return config;
}

const tempDirs: string[] = [];

/** Call from afterAll in test files that lint fixtures. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

export interface Problem {
  file: string;
  ruleId: string;
}

/** The problems of `--format stylish` output: a `path:` line per file, then one indented `line:col severity rule message` line each. */
export function parseStylish(output: string): Problem[] {
  const problems: Problem[] = [];
  let file = "";
  for (const line of output.split("\n")) {
    const header = /^(\S.*):$/.exec(line);
    const problem = /^\s+\d+:\d+\s+(?:error|warning)\s+(\S+)/.exec(line);
    if (header?.[1] !== undefined) file = header[1];
    else if (problem?.[1] !== undefined) problems.push({ file, ruleId: problem[1] });
  }
  return problems;
}

export interface FixtureLint extends RunResult {
  problems: Problem[];
}

/** Lints test/fixtures/<name> with the repo's rules: `redocly lint --config <temp config> --format stylish`, from tools/lint. */
export async function lintFixture(name: string): Promise<FixtureLint> {
  const dir = mkdtempSync(path.join(tmpdir(), "apis-lint-"));
  tempDirs.push(dir);
  const configPath = path.join(dir, "redocly.yaml");
  writeFileSync(configPath, stringify(configForFixture(path.join(FIXTURES_DIR, name))));
  const result = await run(process.execPath, [REDOCLY_CLI, "lint", "--config", configPath, "--format", "stylish"], { cwd: LINT_DIR });
  return { ...result, problems: parseStylish(result.stdout) };
}
