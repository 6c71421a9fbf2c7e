// `pnpm new-vendor` in a scratch copy of the repo: the vendor it writes must install, build, lint and pass its unit,
// bad-input, fault and contract tests with no edit, be registered, documented and listed where the rest of the repo
// looks, and pass pack-check, the size budget, the docs build and the checks that read every vendor on its own.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendorPackages } from "@apis/spec";
import { vendorNames } from "../src/names.ts";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const exec = promisify(execFile);
const cli = join(repo, "tools/scaffold/src/cli.ts");
let copy: string;
/** What `pnpm new-vendor acme-surveys` printed in the copy. */
let scaffolded: string;

async function sh(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd: copy, env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", ...env }, maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
  }
}

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), "apis-new-vendor-"));
  const { stdout } = await exec("git", ["ls-files", "-co", "--exclude-standard"], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
  for (const file of stdout.split("\n").filter(Boolean)) {
    if (!existsSync(join(repo, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repo, file), join(copy, file));
  }
  // `pnpm new-vendor` runs in the copy (it writes to the repository it is started in) from this checkout's install, so
  // the copy is installed once, after the vendor is written, as a user does after running it.
  scaffolded = await sh(process.execPath, [cli, "acme-surveys", "--title", "Acme Surveys"]);
  await sh("pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile"]);
  // About 2 minutes alone; under `pnpm test`, beside every other package's suite on two cores and with a pnpm store
  // of a fresh HOME, one run took over 5: a bound for a hang, not a time to meet.
}, 900_000);

/** A package's vitest JSON report in the copy. */
function readResults(dir: string) {
  return JSON.parse(readFileSync(join(copy, dir, "test-results.json"), "utf8")) as {
    numFailedTests: number;
    numPendingTests: number;
    testResults: { name: string; assertionResults: { ancestorTitles: string[]; status: string }[] }[];
  };
}

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("pnpm new-vendor", () => {
  it("scaffolds a vendor that builds, lints and passes its tests with no other edit", async () => {
    expect(scaffolded).toContain("wrote");
    expect(readFileSync(join(copy, "redocly.yaml"), "utf8")).toMatch(/^  acme-surveys:\n    root: specs\/acme-surveys\/openapi.yaml/m);
    expect(readFileSync(join(copy, "README.md"), "utf8")).toContain("| Acme Surveys | `@apis/acme-surveys` |");
    expect(existsSync(join(copy, "packages/acme-surveys/src/generated/schema.ts"))).toBe(true);

    const lint = await sh(process.execPath, ["tools/lint/node_modules/@redocly/cli/bin/cli.js", "lint", "acme-surveys", "--config", "redocly.yaml"]);
    expect(lint).toContain("valid");
    const test = await sh("pnpm", ["exec", "turbo", "run", "test", "--filter=@apis/acme-surveys", "--output-logs=errors-only"]);
    expect(test).toMatch(/Tasks:\s+\d+ successful, \d+ total/);
    const results = readResults("packages/acme-surveys");
    expect(results.numFailedTests).toBe(0);
    expect(results.numPendingTests).toBe(0);
    // The four kinds every vendor has; the leak watch (its vitest config) checked each file for the test credential.
    expect(results.testResults.map((file) => relative(join(copy, "packages/acme-surveys"), file.name)).sort()).toEqual([
      "test/contract/acme-surveys.contract.test.ts",
      "test/faults/faults.test.ts",
      "test/unit/bad-input.test.ts",
      "test/unit/client.test.ts",
    ]);
    expect(readFileSync(join(copy, "packages/acme-surveys/vitest.config.ts"), "utf8")).toContain("vendorTestConfig()");

    // The new package, and only it, through the checks every published vendor passes.
    await sh("pnpm", ["--filter", "@apis/pack-check", "test"], { APIS_PACK_CHECK_ONLY: "@apis/acme-surveys" });
    const packed = readResults("tools/pack-check").testResults.flatMap((file) => file.assertionResults).filter((test) => test.ancestorTitles.some((title) => title.includes("@apis/acme-surveys")));
    expect(packed.map((test) => test.status)).toEqual(["passed", "passed", "passed", "passed", "passed", "passed", "passed"]);
    expect(await sh(process.execPath, ["tools/size/src/cli.ts", "--only", "@apis/acme-surveys"])).toContain("`@apis/acme-surveys`");
    expect(await sh(process.execPath, ["tools/docs/src/cli.ts", "build", "--only", "acme-surveys"])).toMatch(/docs: built 1 API pages \(1 operations\)/);

    // The repository-wide checks that read every vendor: its README's wording of the bounds, its docs folder for curl
    // requests, and its runtime scenario (run on every runtime by tools/runtimes; here only found).
    const vitest = ["exec", "vitest", "run", "--reporter=dot"];
    await sh("pnpm", ["--dir", "tools/lint", ...vitest, "test/bounds-wording.test.ts"]);
    await sh("pnpm", ["--dir", "tools/prism", ...vitest, "test/doc-curls.test.ts", "-t", "acme-surveys"]);
    // Its docs page's snippet, run against its mock with baseUrl alone pointed there.
    await sh("pnpm", ["--dir", "tools/docs", ...vitest, "test/snippets-run.test.ts"], { APIS_DOCS_ONLY: "acme-surveys" });
    for (const file of ["scenario.ts", "routes.ts"]) expect(existsSync(join(copy, "packages/acme-surveys/test/runtimes", file))).toBe(true);
  }, 900_000);

  it("refuses a name that is taken or unusable, saying what to do", async () => {
    const taken = basename(vendorPackages(repo)[0]!.dir);
    await expect(sh(process.execPath, [cli, taken])).rejects.toThrow(/already exists: pick another name/);
    await expect(sh(process.execPath, [cli, "Acme_Surveys"])).rejects.toThrow(/lower-case letters, digits and single hyphens/);
  });
});

describe("vendorNames", () => {
  it("derives every spelling the templates use", () => {
    expect(vendorNames("acme-surveys")).toEqual({ name: "acme-surveys", title: "Acme Surveys", camel: "acmeSurveys", pascal: "AcmeSurveys", env: "ACME_SURVEYS" });
  });
});
