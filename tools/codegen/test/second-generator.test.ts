// Our specs serve users of other generators too. Every spec in redocly.yaml is generated with @hey-api/openapi-ts (a
// mainstream second generator, pinned in package.json) into a scratch folder, and the output must type-check under
// strict settings and export one SDK function per operation. A spec construct that breaks such a generator (range
// status codes did, for oazapfts) fails here. What a second generator gets wrong without failing to compile (servers
// below the document, nested form bodies) is documented per spec in specs/<vendor>/README.md.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@hey-api/openapi-ts";
import ts from "typescript";
import { parse } from "yaml";
import { afterAll, describe, expect, test } from "vitest";
import { findRepoRoot, loadRegistry } from "../src/registry.ts";

const repoRoot = findRepoRoot(import.meta.dirname);
const { apis } = loadRegistry(repoRoot);
const scratch = mkdtempSync(path.join(tmpdir(), "apis-second-generator-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a strict consumer compiles with: the DOM's fetch types, no ambient Node types. */
const consumerOptions: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: [],
  skipLibCheck: false,
};

function operationIds(specPath: string): string[] {
  const spec = parse(readFileSync(specPath, "utf8")) as { paths?: Record<string, Record<string, { operationId?: string }>> };
  return Object.values(spec.paths ?? {}).flatMap((item) =>
    Object.values(item).flatMap((operation) => (typeof operation === "object" && operation?.operationId ? [operation.operationId] : [])),
  );
}

describe("every registered spec generates with @hey-api/openapi-ts", () => {
  test("the registry has specs to check", () => {
    expect(apis.length).toBeGreaterThanOrEqual(7);
  });

  test.each(apis.map((api) => [api.name, api] as const))("%s: output type-checks and has a function per operation", async (_name, api) => {
    const output = path.join(scratch, api.name);
    await createClient({
      input: api.rootPath,
      output: { path: output },
      plugins: ["@hey-api/client-fetch", "@hey-api/typescript", "@hey-api/sdk"],
      logs: { level: "silent" },
    });
    const sdk = readFileSync(path.join(output, "sdk.gen.ts"), "utf8");
    const missing = operationIds(api.rootPath).filter((id) => !new RegExp(`^export const ${id} = `, "m").test(sdk));
    expect(missing).toEqual([]);

    const program = ts.createProgram([path.join(output, "index.ts")], consumerOptions);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${path.relative(output, diagnostic.file.fileName)}: ` : "";
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    });
    expect(diagnostics).toEqual([]);
  });
});
