import { writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, expect, test } from "vitest";
import { findRepoRoot } from "../src/registry.ts";
import { copyFixtureRepo, removeTempDirs, runCli } from "./fixture-repo.ts";

afterAll(removeTempDirs);

/** The repo's strict base options (strict, verbatimModuleSyntax, noUncheckedIndexedAccess, ...), plus erasable syntax only. */
function repoCompilerOptions(): ts.CompilerOptions {
  const repoRoot = findRepoRoot(import.meta.dirname);
  const file = path.join(repoRoot, "tsconfig.base.json");
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
  return { ...options, noEmit: true, allowImportingTsExtensions: true, erasableSyntaxOnly: true, types: [] };
}

test("the generated files compile under the repo's strict tsconfig and give the expected types", () => {
  const repo = copyFixtureRepo();
  expect(runCli([], repo.packageDir).status).toBe(0);
  const usage = path.join(repo.generatedDir, "usage.ts");
  writeFileSync(
    usage,
    `import type { components, paths } from "./schema.ts";
import { operations } from "./operations.ts";

type Upload = paths["/v1/imports"]["post"]["requestBody"]["content"]["multipart/form-data"];
export const upload: Upload = { file: new Blob(["a"]), attachment: null };
export const status: components["schemas"]["Import"]["status"] = "done";
export const tokenSecurity: readonly [] = operations["/oauth/token"].post.security;
export const body: "multipart" = operations["/v1/imports"].post.requestBody;
`,
  );
  const program = ts.createProgram([usage], repoCompilerOptions());
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(diagnostics).toEqual([]);
});
