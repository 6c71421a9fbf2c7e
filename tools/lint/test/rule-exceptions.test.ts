// A rule turned off (or down to a warning) for one API in /redocly.yaml must name, under `x-rule-exceptions`, the path it is off for and
// why; linting that API with the rule back on may find nothing else.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { LINT_DIR, REPO_ROOT, configForFixture, repoConfig, run } from "./repo-rules.ts";

interface RuleException {
  rule: string;
  path: string;
  reason: string;
}
interface ApiEntry {
  root: string;
  rules?: Record<string, unknown>;
  "x-rule-exceptions"?: RuleException[];
}

const apis = Object.entries((repoConfig()["apis"] ?? {}) as Record<string, ApiEntry>);
const REDOCLY_CLI = path.join(LINT_DIR, "node_modules/@redocly/cli/bin/cli.js");
const dir = mkdtempSync(path.join(tmpdir(), "apis-lint-exceptions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Off, and warn too: Redocly passes a spec whose findings are all warnings. A setting is a severity or { severity, ... }.
const severityOf = (setting: unknown): unknown => (typeof setting === "object" && setting !== null ? (setting as { severity?: unknown }).severity : setting);
const offRules = apis.flatMap(([name, entry]) =>
  Object.entries(entry.rules ?? {})
    .filter(([, setting]) => severityOf(setting) !== "error")
    .map(([rule]) => [name, rule, entry] as const),
);

describe("per-API rule exceptions in redocly.yaml", () => {
  it("are each explained by an x-rule-exceptions entry with a path and a reason", () => {
    for (const [name, rule, entry] of offRules) {
      const exception = entry["x-rule-exceptions"]?.find((candidate) => candidate.rule === rule);
      expect(exception, `${name}: ${rule} is off (or only a warning) without an x-rule-exceptions entry`).toBeDefined();
      expect(exception?.path).toMatch(/^\//);
      expect(exception?.reason.length).toBeGreaterThan(40);
    }
  });

  it.each(offRules.map(([name, rule, entry]) => [`${name} ${rule}`, entry, rule] as const))("%s: with the rule back on, every finding involves the excepted path", async (_, entry, rule) => {
    const exception = entry["x-rule-exceptions"]!.find((candidate) => candidate.rule === rule)!;
    const config = configForFixture(path.resolve(REPO_ROOT, entry.root));
    config["rules"] = { ...(config["rules"] as Record<string, unknown>), [rule]: "error" };
    const configPath = path.join(dir, `${rule}.yaml`);
    writeFileSync(configPath, stringify(config));
    const result = await run(process.execPath, [REDOCLY_CLI, "lint", "--config", configPath, "--format", "stylish"], { cwd: LINT_DIR });
    const findings = result.stdout.split("\n").filter((line) => /^\s+\d+:\d+\s+(error|warning)\s/.test(line));
    expect(findings.length, result.stdout).toBeGreaterThan(0);
    expect(findings.filter((line) => !line.includes(rule) || !line.includes(exception.path))).toEqual([]);
  });
});
