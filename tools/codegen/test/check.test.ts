import { afterAll, describe, expect, test } from "vitest";
import { copyFixtureRepo, removeTempDirs, runCli } from "./fixture-repo.ts";

afterAll(removeTempDirs);

describe("apis-codegen --check", () => {
  test("fails naming every missing file when nothing was generated yet", () => {
    const repo = copyFixtureRepo();
    const result = runCli(["--check"], repo.packageDir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("packages/fixture/src/generated/schema.ts (missing)");
    expect(result.stderr).toContain("packages/fixture/src/generated/operations.ts (missing)");
    expect(result.stderr).toContain("packages/fixture/src/generated/README.md (missing)");
  });

  test("passes right after generating, and writes nothing", () => {
    const repo = copyFixtureRepo();
    expect(runCli([], repo.packageDir).status).toBe(0);
    const before = repo.read("packages/fixture/src/generated/schema.ts");
    const result = runCli(["--check"], repo.packageDir);
    expect(result.status).toBe(0);
    expect(repo.read("packages/fixture/src/generated/schema.ts")).toBe(before);
  });

  test("fails naming the stale file and `pnpm generate` after the spec changes, and passes after regenerating", () => {
    const repo = copyFixtureRepo();
    expect(runCli([], repo.packageDir).status).toBe(0);
    repo.editSpec((spec) => spec.replace(/(note:\n\s+type: )string/, "$1integer"));

    const stale = runCli(["--check"], repo.packageDir);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("packages/fixture/src/generated/schema.ts (out of date)");
    expect(stale.stderr).not.toContain("operations.ts");
    expect(stale.stderr).toContain("`pnpm generate`");

    expect(runCli([], repo.packageDir).status).toBe(0);
    expect(runCli(["--check"], repo.packageDir).status).toBe(0);
  });

  test("fails naming a generated file that was edited by hand", () => {
    const repo = copyFixtureRepo();
    expect(runCli([], repo.packageDir).status).toBe(0);
    repo.editFile("packages/fixture/src/generated/operations.ts", (text) => text.replace("security: []", "security: [\"forged\"]"));
    const result = runCli(["--check", "--all"], repo.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("packages/fixture/src/generated/operations.ts (out of date)");
  });
});
