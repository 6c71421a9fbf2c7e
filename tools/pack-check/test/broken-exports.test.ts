// The checks in packed.test.ts must fail a package whose export map is broken, or a green run proves nothing: a copy
// of the built @apis/runtime whose "require" types entry points at a file the package does not ship.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { publicPackages, run } from "../src/index.ts";

const bin = (name: string) => join(import.meta.dirname, "../node_modules/.bin", name);
let copy: string;

beforeAll(() => {
  const runtime = publicPackages().find((pkg) => pkg.name === "@apis/runtime")!;
  copy = mkdtempSync(join(tmpdir(), "apis-broken-exports-"));
  for (const entry of ["package.json", "dist", "src", "README.md"]) cpSync(join(runtime.dir, entry), join(copy, entry), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, "package.json"), "utf8"));
  manifest.exports["."].require.types = "./dist/cjs/missing.d.ts";
  // No workspace: dependencies left, so npm can pack it on its own.
  manifest.dependencies = Object.fromEntries(Object.entries(manifest.dependencies ?? {}).filter(([, range]) => !String(range).startsWith("workspace:")));
  writeFileSync(join(copy, "package.json"), JSON.stringify(manifest, null, 2));
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

it("publint --strict fails a package whose exports point at a missing file, naming the entry", async () => {
  const result = await run(bin("publint"), ["--strict", copy], { cwd: copy });
  expect(result.code).not.toBe(0);
  // publint colours its output when it thinks it runs in a terminal or CI.
  const output = (result.stdout + result.stderr).replace(/\u001b\[[0-9;]*m/g, "");
  expect(output).toMatch(/require\.types is \.\/dist\/cjs\/missing\.d\.ts but the file does not exist/);
});

it("attw --pack reports a problem for the same package", async () => {
  const result = await run(bin("attw"), ["--pack", ".", "--format", "json"], { cwd: copy });
  expect(result.code).not.toBe(0);
  const report = JSON.parse(result.stdout) as { analysis: { problems: { kind: string; resolutionKind: string }[] } };
  // CommonJS importers under node16 no longer find their own types and fall back to the ESM ones.
  expect(report.analysis.problems).toContainEqual(expect.objectContaining({ kind: "FallbackCondition", resolutionKind: "node16-cjs" }));
});
