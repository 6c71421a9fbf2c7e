// The CI gate end to end: a scratch git repository with one registered spec, a committed base, an edited working
// tree and the changesets a PR would carry, checked by the real CLI.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingBumps, pendingChangesets, requiredForBreaking } from "../src/index.ts";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}.yaml`, import.meta.url));
let repo: string;

const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });
const specDiff = (...args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: join(repo, "packages"), encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
};
const useSpec = (name: string) => copyFileSync(fixture(name), join(repo, "specs/demo/openapi.yaml"));
const addChangeset = (file: string, bumps: string, summary = "What changed.") => writeFileSync(join(repo, ".changeset", file), `---\n${bumps}\n---\n\n${summary}\n`);
const setVersion = (version: string) => writeFileSync(join(repo, "packages/demo/package.json"), JSON.stringify({ name: "@apis/demo", version }));

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "apis-spec-diff-"));
  for (const dir of ["specs/demo", "packages/demo", ".changeset"]) mkdirSync(join(repo, dir), { recursive: true });
  writeFileSync(join(repo, "redocly.yaml"), "apis:\n  demo:\n    root: specs/demo/openapi.yaml\n    x-openapi-ts:\n      output: packages/demo/src/generated/schema.ts\n");
  writeFileSync(join(repo, "packages/demo/package.json"), JSON.stringify({ name: "@apis/demo", version: "1.0.0" }));
  writeFileSync(join(repo, ".changeset/README.md"), "# Changesets\n");
  useSpec("base");
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.email=ci@example.com", "-c", "user.name=CI", "commit", "-qm", "base");
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("pnpm spec-diff --base <ref>", () => {
  it("fails a breaking change without a changeset, naming the change, the package and the fix", () => {
    useSpec("removed-response-field");
    const { code, output } = specDiff("--base", "HEAD");
    expect(output).toContain("specs/demo/openapi.yaml (@apis/demo): 1 breaking, 0 minor");
    expect(output).toContain("BREAKING field-removed  GET /items response 200 application/json: [].name");
    expect(output).toContain("FAIL: @apis/demo 1.0.0 has breaking spec changes but no major changeset (pending: none). Run `pnpm changeset`, pick @apis/demo and choose major.");
    expect(code).toBe(1);
  });

  it("still fails when the package's changesets add up to only a minor bump", () => {
    useSpec("new-required-param");
    addChangeset("tidy.md", '"@apis/demo": minor');
    addChangeset("other.md", '"@apis/other": major');
    const { code, output } = specDiff("--base", "HEAD");
    expect(output).toContain("(pending: minor)");
    expect(code).toBe(1);
  });

  it("passes a breaking change once a changeset bumps the package major", () => {
    useSpec("narrowed-enum");
    addChangeset("drop-desc.md", '"@apis/demo": major\n"@apis/other": patch');
    const { code, output } = specDiff("--base", "HEAD");
    expect(output).toContain("BREAKING enum-narrowed");
    expect(output).toContain("OK: every package with a breaking spec change has the bump the versioning policy asks for.");
    expect(code).toBe(0);
  });

  it.each([
    {
      name: "while the package is 0.x, passes a breaking change with a minor changeset marked BREAKING:",
      version: "0.1.0", spec: "retyped-field", changeset: ["retype.md", '"@apis/demo": minor', "BREAKING: `name` is now an integer."],
      says: "OK: every package with a breaking spec change has the bump the versioning policy asks for.", code: 0,
    },
    {
      name: "while the package is 0.x, fails a breaking change whose minor changeset is not marked breaking, saying how to mark it",
      version: "0.1.0", spec: "retyped-field", changeset: ["retype.md", '"@apis/demo": minor', "`name` is now an integer."],
      says: 'FAIL: @apis/demo 0.1.0 has breaking spec changes; while it is 0.x that takes a minor changeset marked breaking (pending: minor, not marked). Run `pnpm changeset`, pick @apis/demo, choose minor, and start the summary with "BREAKING:".',
      code: 1,
    },
    {
      name: "while the package is 0.x, fails a breaking change with only a patch changeset, even one marked breaking",
      version: "0.1.0", spec: "narrowed-enum", changeset: ["narrow.md", '"@apis/demo": patch', "BREAKING: fewer sort orders."],
      says: "(pending: patch, marked)", code: 1,
    },
    {
      name: "from 1.0.0 on, a minor changeset marked BREAKING is not enough",
      version: undefined, spec: "retyped-field", changeset: ["retype.md", '"@apis/demo": minor', "BREAKING: `name` is now an integer."],
      says: "FAIL: @apis/demo 1.0.0 has breaking spec changes but no major changeset (pending: minor).", code: 1,
    },
  ] as const)("$name", ({ version, spec, changeset, says, code: expected }) => {
    if (version) setVersion(version);
    useSpec(spec);
    addChangeset(changeset[0], changeset[1], changeset[2]);
    const { code, output } = specDiff("--base", "HEAD");
    expect(output).toContain("BREAKING");
    expect(output).toContain(says);
    expect(code).toBe(expected);
  });

  it("passes minor changes with no changeset at all", () => {
    useSpec("added-optional-field");
    const { code, output } = specDiff("--base", "HEAD");
    expect(output).toContain("(@apis/demo): 0 breaking, 2 minor");
    expect(code).toBe(0);
  });

  it("treats a spec that did not exist at the base as new, not as a change", () => {
    rmSync(join(repo, "specs/demo/openapi.yaml"));
    git("add", "-A");
    git("-c", "user.email=ci@example.com", "-c", "user.name=CI", "commit", "-qm", "no spec yet");
    useSpec("base");
    const { code, output } = specDiff("--base", "HEAD");
    expect(output).toContain("specs/demo/openapi.yaml (@apis/demo): new spec");
    expect(code).toBe(0);
  });

  it("refuses an unknown ref with exit 2 instead of passing everything", () => {
    const { code, output } = specDiff("--base", "no-such-branch");
    expect(output).toContain('spec-diff: unknown git ref "no-such-branch"');
    expect(code).toBe(2);
  });
});

describe("pendingBumps", () => {
  it("keeps the highest bump per package across changeset files and skips the README", () => {
    addChangeset("a.md", '"@apis/demo": patch\n"@apis/x": major');
    addChangeset("b.md", '"@apis/demo": minor\n"@apis/x": patch');
    expect(Object.fromEntries(pendingBumps(repo))).toEqual({ "@apis/demo": "minor", "@apis/x": "major" });
  });

  it("records which packages a changeset marks breaking, by a body line starting BREAKING:", () => {
    addChangeset("a.md", '"@apis/demo": minor\n"@apis/x": minor', "BREAKING: a field was retyped.");
    addChangeset("b.md", '"@apis/y": minor', "Mentions breaking changes only in passing.");
    expect([...pendingChangesets(repo).markedBreaking].sort()).toEqual(["@apis/demo", "@apis/x"]);
  });

  it("rejects a bump changesets would not understand", () => {
    addChangeset("typo.md", '"@apis/demo": majr');
    expect(() => pendingBumps(repo)).toThrow('.changeset/typo.md: "@apis/demo" has bump "majr", expected major, minor, patch or none');
  });
});

describe("requiredForBreaking", () => {
  it("asks a 0.x package for a minor bump marked breaking, and a 1.x or later package for a major one", () => {
    expect(requiredForBreaking("0.1.0")).toEqual({ bump: "minor", marked: true });
    expect(requiredForBreaking("0.0.0")).toEqual({ bump: "minor", marked: true });
    expect(requiredForBreaking("1.0.0")).toEqual({ bump: "major", marked: false });
    expect(requiredForBreaking("2.3.4")).toEqual({ bump: "major", marked: false });
  });

  it("refuses a version that is not semver", () => {
    expect(() => requiredForBreaking("next")).toThrow('version "next" is not semver');
  });
});
