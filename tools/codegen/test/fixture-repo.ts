import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const FIXTURE_REPO = fileURLToPath(new URL("./fixtures/repo", import.meta.url));

/** A temp copy of test/fixtures/repo: its own redocly.yaml, pnpm-workspace.yaml, spec and package. */
export interface FixtureRepo {
  dir: string;
  packageDir: string;
  specPath: string;
  generatedDir: string;
  read(relativePath: string): string;
  editSpec(edit: (spec: string) => string): void;
  editFile(relativePath: string, edit: (text: string) => string): void;
}

const tempDirs: string[] = [];

/** A new empty temp dir, removed by removeTempDirs(). */
export function makeTempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "apis-codegen-"));
  tempDirs.push(dir);
  return dir;
}

/** Call from afterAll in every test file that copies the fixture repo or makes temp dirs. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function copyFixtureRepo(): FixtureRepo {
  const dir = makeTempDir();
  cpSync(FIXTURE_REPO, dir, { recursive: true });
  const specPath = path.join(dir, "specs/fixture/openapi.yaml");
  return {
    dir,
    packageDir: path.join(dir, "packages/fixture"),
    specPath,
    generatedDir: path.join(dir, "packages/fixture/src/generated"),
    read: (relativePath) => readFileSync(path.join(dir, relativePath), "utf8"),
    editSpec: (edit) => writeFileSync(specPath, edit(readFileSync(specPath, "utf8"))),
    editFile: (relativePath, edit) => {
      const file = path.join(dir, relativePath);
      writeFileSync(file, edit(readFileSync(file, "utf8")));
    },
  };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `apis-codegen` as the package scripts do: node with the given cwd. */
export function runCli(args: string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
