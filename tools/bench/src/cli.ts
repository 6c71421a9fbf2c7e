#!/usr/bin/env node
// `pnpm bench [--quick]`: runs every benchmark, writes tools/bench/results/latest.md and the README's figures.
// `pnpm bench --cost [--quick]` measures the per-request cost only and prints it, writing nothing.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { PackedUsage } from "@apis/faults/packed";
import { vendorPackages } from "@apis/spec";
import { measurePagingMemoryRuns } from "./memory.ts";
import { renderCost, renderReport, renderRuntimeCost, withReadmeFigures } from "./report.ts";
import { FAST_TRANSPORT, measureRequestCost, type CostResult } from "./request-cost.ts";
import { measureRuntimeCost, type RuntimeCost } from "./runtime-cost.ts";
import { startBenchServer } from "./spawn-server.ts";
import { buildTimes, contractTimes, typecheckTime } from "./times.ts";

const quick = process.argv.includes("--quick");
const costOnly = process.argv.includes("--cost");
const benchDir = fileURLToPath(new URL("..", import.meta.url));
const root = join(benchDir, "..", "..");
const options = quick ? { rounds: 3, requests: 500, inFlight: 8 } : { rounds: 35, requests: 1000, inFlight: 8 };

/** How the per-request cost was measured, each vendor client's auth included (from its pack-check row). */
function costMethod(cost: CostResult[]): string {
  const auths = cost.filter((result) => result.auth !== undefined && !result.name.endsWith(FAST_TRANSPORT)).map((result) => `${result.name}: ${result.auth}`);
  return `A keep-alive HTTP server in a separate process on 127.0.0.1 answers each contender's \`GET\` with a small JSON list. Each contender sends ${options.requests} requests, ${options.inFlight} in flight, and reads the JSON body, in ${options.rounds} interleaved rounds (order rotated each round) after a warm-up. Every vendor client runs with its auth (${auths.join("; ")}), retries (maxRetries 2) and timeouts (60 s) on. A second bare openapi-fetch, the control, runs like the others: how far it lands from 1.00x is the noise of the run.`;
}

const server = await startBenchServer();
try {
  console.log("bench: per-request cost");
  const cost = await measureRequestCost(server.url, options);
  console.log("bench: runtime cost per call");
  const runtimeCost = await measureRuntimeCost({ rounds: options.rounds, calls: quick ? 2000 : 3000 });
  if (costOnly) console.log(`${renderCost(cost, costMethod(cost))}\n\n${renderRuntimeCost(runtimeCost)}`);
  else await fullReport(server.url, cost, runtimeCost);
} finally {
  server.stop();
}

/** The benchmark scripts of the registered vendors' packages: `packages/<name>/bench/*.ts`. */
function vendorBenchScripts(registered: { dir: string }[]): string[] {
  return registered.flatMap((pkg) => {
    const dir = join(pkg.dir, "bench");
    return existsSync(dir) ? readdirSync(dir).filter((name) => /^[a-z0-9-]+\.ts$/.test(name)).map((name) => join(dir, name)) : [];
  });
}

/** Every other benchmark, then the report: results/latest.md and the README's figures. */
async function fullReport(serverUrl: string, cost: CostResult[], runtimeCost: RuntimeCost[]): Promise<void> {
  const registered = vendorPackages(root);
  console.log("bench: paging memory (5 interleaved runs each)");
  const paging = await measurePagingMemoryRuns(serverUrl, 5);

  // A vendor's own benchmarks (e.g. CX's streaming download) are scripts in its package's bench/ that print markdown.
  const downloads: string[] = [];
  for (const script of vendorBenchScripts(registered)) {
    console.log(`bench: ${script}`);
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    downloads.push(stdout.trim());
  }

  console.log("bench: times");
  const vendors = registered.map((pkg) => basename(pkg.dir));
  const published = registered.filter((pkg) => !(JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8")) as { private?: boolean }).private);
  const times = [
    ...(quick ? [] : await buildTimes(root)),
    ...(await contractTimes(root, vendors)),
    await typecheckTime(benchDir, await usageModules(published)),
  ];

  const report = renderReport({
    date: new Date().toISOString().slice(0, 10),
    cost,
    costMethod: costMethod(cost),
    runtimeCost,
    paging,
    downloads,
    times,
  });
  mkdirSync(join(benchDir, "results"), { recursive: true });
  writeFileSync(join(benchDir, "results", "latest.md"), report);
  const readmePath = join(root, "README.md");
  writeFileSync(readmePath, withReadmeFigures(readFileSync(readmePath, "utf8"), report));
  console.log(report);
}

/** Each package's typed usage module, from its pack-check row (`test/package/packed.ts`). */
async function usageModules(packages: { name: string; dir: string }[]): Promise<{ pkg: string; source: string }[]> {
  const rows = await Promise.all(packages.map(async (pkg) => ({ pkg: pkg.name, row: (await import(join(pkg.dir, "test/package/packed.ts"))) as { usage: PackedUsage } })));
  return rows.flatMap(({ pkg, row }) => (row.usage.types === undefined ? [] : [{ pkg, source: row.usage.types }]));
}
