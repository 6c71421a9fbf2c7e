import { expect, test } from "vitest";
import { findRepoRoot } from "../src/registry.ts";
import { runCli } from "./fixture-repo.ts";

// Fails (never skips) while a registered spec is missing or its committed generated files are stale:
// the fix is `pnpm generate` at the repo root, then commit packages/*/src/generated/.
test("the committed generated files of every API in the repo registry are current (apis-codegen --check --all)", () => {
  const result = runCli(["--check", "--all"], findRepoRoot(import.meta.dirname));
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});
