#!/usr/bin/env node
// `pnpm contract:live <vendor>`: the vendor's contract suite against the live vendor, through validating Prism proxies.
// It reads the registry of the repository it is started in (redocly.yaml above the working directory, as @apis/spec
// finds it): the vendor's APIs, the credentials they need (x-contract-live.env) and the package whose test/contract
// suite runs. A test points it at a fixture repository by starting it there (test/fixtures/live).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { constants, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { packageOf } from "@apis/spec";
import { colourEnv, formatDrift, liveCredentialNames, liveCredentialSets, liveTimeoutMs, missingCredentials, redactLines, upstreamProblem } from "./live.ts";
import { vendorApis } from "./mock.ts";
import type { DriftFinding } from "./recorder.ts";

const vendor = process.argv[2];
if (!vendor || vendor === "--help" || vendor === "-h") {
  (vendor ? console.log : console.error)(`usage: pnpm contract:live <vendor>   (e.g. pnpm contract:live wootric-cxi)
Runs the vendor's contract suite against the live vendor through validating Prism proxies, with the credentials that
redocly.yaml names for it (x-contract-live.env) from the environment, and prints how its answers drift from the spec.
  APIS_CONTRACT_LIVE_WRITES=1        also run the operations that change vendor data (read-only otherwise)
  APIS_CONTRACT_SERVER=<text>        use the spec's server whose URL or description holds <text> (e.g. sandbox)
  APIS_CONTRACT_UPSTREAM=<url>       send the run to a stand-in: https, or http to 127.0.0.1 or localhost
  APIS_CONTRACT_LIVE_TIMEOUT_MS=<ms> how long the vendor has to answer a request (30000); a host that leaves one
                                     unanswered is sent nothing more in that test file
Exits 0 when the suite passed and nothing drifted, 1 when the suite passed but the vendor's answers drift from the
spec, 2 when nothing was run (credentials or settings missing or wrong), 3 when the suite failed (drift or not), and
128 + the signal's number when stopped.`);
  process.exit(vendor ? 0 : 2);
}
let apis;
try {
  apis = vendorApis(vendor);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const names = liveCredentialNames(apis);
const missing = missingCredentials(liveCredentialSets(apis), process.env);
if (missing) {
  console.error(`contract:live ${vendor}: ${missing}${names.length ? ' (see README, "Contract runs against the live vendor")' : ""}.`);
  console.error("Nothing was run against the vendor: this is not a pass.");
  process.exit(2);
}

let packageDir: string;
try {
  packageDir = packageOf(apis[0]!).dir;
} catch (error) {
  console.error(`contract:live ${vendor}: cannot find its package (from x-openapi-ts.output): ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}
if (!existsSync(join(packageDir, "test", "contract"))) {
  console.error(`contract:live ${vendor}: its package has no contract suite (test/contract) yet.`);
  console.error("Nothing was run against the vendor: this is not a pass.");
  process.exit(2);
}
try {
  await import("@apis/runtime");
} catch {
  console.error(`contract:live ${vendor}: @apis/runtime is not built: run pnpm build first.`);
  process.exit(2);
}
// Everything the run prints passes through this (see live-redact.ts), which reads @apis/runtime's redaction.
const redact = (await import("./live-redact.ts")).liveRedactor(names.flatMap((name) => process.env[name] || []));
const upstream = process.env.APIS_CONTRACT_UPSTREAM || undefined;
const problem = upstream === undefined ? undefined : upstreamProblem(upstream);
if (problem) {
  console.error(redact(`contract:live ${vendor}: APIS_CONTRACT_UPSTREAM=${upstream} ${problem}.`));
  console.error("Nothing was run against the vendor: this is not a pass.");
  process.exit(2);
}
let timeoutMs: number;
try {
  timeoutMs = liveTimeoutMs();
} catch (error) {
  console.error(redact(`contract:live ${vendor}: ${(error as Error).message}.`));
  console.error("Nothing was run against the vendor: this is not a pass.");
  process.exit(2);
}
// Each test and hook outlasts a request left unanswered, so that what fails it is the message naming the host.
const testTimeout = Math.min(2 ** 31 - 1, Math.max(60_000, 2 * timeoutMs));
const vitest = join(dirname(createRequire(join(packageDir, "package.json")).resolve("vitest/package.json")), "vitest.mjs");
const dir = mkdtempSync(join(tmpdir(), "apis-contract-live-"));
const report = join(dir, "drift.jsonl");
const writes = process.env.APIS_CONTRACT_LIVE_WRITES === "1";
console.log(redact(`contract:live ${vendor}: ${writes ? "all operations" : "read-only operations (APIS_CONTRACT_LIVE_WRITES=1 runs the writes too)"} against ${upstream ?? "the vendor's hosts"}`));
const child = spawn(process.execPath, [vitest, "run", "test/contract", "--reporter=default", `--testTimeout=${testTimeout}`, `--hookTimeout=${testTimeout}`], {
  cwd: packageDir,
  stdio: ["inherit", "pipe", "pipe"],
  env: { ...process.env, ...colourEnv(process.stdout.isTTY === true, process.env), APIS_CONTRACT_LIVE: "1", APIS_CONTRACT_REPORT: report },
  // A process group of its own, which a signal stops whole: vitest, its workers (one may wait on the vendor) and Prism.
  detached: process.platform !== "win32",
});
// Stopped itself (Ctrl-C, a CI job's timeout), it stops the suite too, whose Prism proxies and gates go with it
// (exit-with-parent): left running, the suite went on sending requests to the vendor with nothing to read its output.
// Its report folder goes when this process exits, however it ends: a closed pipe, a signal, or its normal end below.
let stoppedBy: NodeJS.Signals | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    // Asked twice (Ctrl-C again), it does not wait for the suite: the report goes, and so does it.
    if (stoppedBy) process.exit(128 + constants.signals[signal]);
    stoppedBy = signal;
    try {
      process.kill(-child.pid!, signal);
    } catch {
      child.kill(signal);
    }
  });
}
process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
const piped = [redactLines(child.stdout, process.stdout, redact), redactLines(child.stderr, process.stderr, redact)];
const status = await new Promise<number>((exited) => child.once("close", (code) => exited(code ?? 1)));
await Promise.all(piped);
if (stoppedBy) {
  console.error(`\ncontract:live ${vendor}: stopped by ${stoppedBy}, and the suite with it: this is not a pass.`);
  process.exit(128 + constants.signals[stoppedBy]);
}
const findings: DriftFinding[] = existsSync(report)
  ? readFileSync(report, "utf8").split("\n").filter(Boolean).flatMap((line) => JSON.parse(line) as DriftFinding[])
  : [];
if (findings.length > 0) {
  console.log(redact(`\nDrift: the vendor's responses differ from the spec (${findings.length} finding${findings.length === 1 ? "" : "s"}):\n${formatDrift(findings)}`));
  if (status !== 0) console.log("The suite failed too (above): this is not a pass.");
} else {
  console.log(`\nDrift: none found in the responses seen${status !== 0 ? ", but the suite failed (above): this is not a pass" : ""}.`);
}
// 1: the suite passed and the vendor drifted, which only the spec (or the vendor) can fix; 3: the suite failed, with or
// without drift (a test's own assertion, a request left unanswered, a violation), which its output above says.
process.exit(status !== 0 ? 3 : findings.length > 0 ? 1 : 0);
