import { cpus, totalmem } from "node:os";
import type { MemoryResult } from "./memory.ts";
import { CONTROL, FAST_TRANSPORT, type CostResult } from "./request-cost.ts";
import type { RuntimeCost } from "./runtime-cost.ts";
import { mb } from "./stats.ts";
import type { Timing } from "./times.ts";

export interface BenchResults {
  date: string;
  cost: CostResult[];
  costMethod: string;
  runtimeCost: RuntimeCost[];
  /** Each mode's run of median growth, of `runs` runs, and the worst growth of paginate's runs. */
  paging: { baseline: MemoryResult; paginate: MemoryResult; runs: number; worst: number };
  downloads: string[];
  times: Timing[];
}

/** The report: machine, Node version, date, method, raw numbers and ratios, and the goals next to them. */
export function renderReport(results: BenchResults): string {
  const vendors = results.cost.filter((result) => result.name.startsWith("@apis/"));
  const clients = vendors.filter((result) => !result.name.endsWith(FAST_TRANSPORT));
  const fast = vendors.filter((result) => result.name.endsWith(FAST_TRANSPORT));
  const control = results.cost.find((result) => result.name === CONTROL);
  const pagingGrowth = results.paging.paginate.peak - results.paging.paginate.warm;
  const baselineGrowth = results.paging.baseline.peak - results.paging.baseline.warm;
  return [
    `# Benchmarks`,
    ``,
    `${results.date} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? "CPU"} · ${mb(totalmem())} MB RAM · ${process.platform}/${process.arch}`,
    ``,
    `## Goals`,
    ``,
    `| Goal | Measured | Met |`,
    `|---|---|---|`,
    ...(control === undefined
      ? []
      : [`| (noise of this run: a second bare openapi-fetch against the first, ideally 1.00x) | ${control.vsBare.toFixed(2)}x | - |`]),
    ...clients.map((client) => `| ${client.name} throughput >= 0.95x bare openapi-fetch | ${client.vsBare.toFixed(2)}x | ${client.vsBare >= 0.95 ? "yes" : "no"} |`),
    ...fast.map((client) => `| ${client.name} throughput >= 1.00x raw fetch (goal) | ${client.ratio.toFixed(2)}x | ${client.ratio >= 1 ? "yes" : "no"} |`),
    ...results.runtimeCost
      .filter((result) => result.name.startsWith("@apis/"))
      .map((result) => `| ${result.name}: the runtime's own work <= 15 µs per call | ${result.overBare.toFixed(1)} µs | ${result.overBare <= 15 ? "yes" : "no"} |`),
    `| iterating 100 000 paged items keeps RSS flat: growth from item 10 000 to the end < 32 MB | +${mb(pagingGrowth)} MB, median of ${results.paging.runs} runs, worst +${mb(results.paging.worst)} MB (raw-fetch loop: +${mb(baselineGrowth)} MB) | ${pagingGrowth < 32 * 1024 * 1024 ? "yes" : "no"} |`,
    ``,
    renderCost(results.cost, results.costMethod),
    ``,
    renderRuntimeCost(results.runtimeCost),
    ``,
    `## Memory`,
    ``,
    `Each measurement runs in a fresh process (\`--expose-gc\`, collected before the baseline), sampling RSS every 20 ms. The peak RSS includes garbage not yet collected, so when a collection lands moves one run's growth by several MB: each row is the run of median growth of ${results.paging.runs}, interleaved. The heap kept after a full collection is what iterating holds on to.`,
    ``,
    `| What | Items | RSS before | RSS at item 10 000 | Peak RSS after | Growth after item 10 000 | Heap kept after a full collection, item 10 000 to the end |`,
    `|---|---|---|---|---|---|---|`,
    ...[results.paging.baseline, results.paging.paginate].map(
      (result) =>
        `| paging (500 per page), ${result.mode === "paginate" ? "@apis/runtime paginate" : "raw fetch loop (baseline)"} | ${result.count} | ${mb(result.before)} MB | ${mb(result.warm)} MB | ${mb(result.peak)} MB | +${mb(result.peak - result.warm)} MB | ${result.heapEnd >= result.heapWarm ? "+" : ""}${mb(result.heapEnd - result.heapWarm)} MB |`,
    ),
    ...(results.downloads.length ? ["", ...results.downloads] : []),
    ``,
    `## Times`,
    ``,
    `| What | Seconds |`,
    `|---|---|`,
    ...results.times.map((timing) => `| ${timing.what} | ${timing.seconds.toFixed(1)} |`),
    ``,
  ].join("\n");
}

/** The per-request cost section: method, then each contender's median, ratio against raw fetch and rounds. */
export function renderCost(cost: CostResult[], method: string): string {
  return [
    `## Per-request cost`,
    ``,
    method,
    ``,
    `Rows ending \`${FAST_TRANSPORT}\` are the same vendor clients given \`fetch: undiciFetch()\` from \`@apis/runtime/undici\`, the opt-in Node fast transport, instead of the platform's fetch.`,
    ``,
    `| Client | Median req/s | vs raw fetch | vs bare openapi-fetch | Rounds (req/s) |`,
    `|---|---|---|---|---|`,
    ...cost.map(
      (result) =>
        `| ${result.name} | ${result.median.toFixed(0)} | ${result.ratio.toFixed(2)}x | ${result.vsBare.toFixed(2)}x | ${result.rounds.map((value) => value.toFixed(0)).join(", ")} |`,
    ),
  ].join("\n");
}

/** The runtime's own work per call over a fetch that answers at once: µs per call and beyond bare openapi-fetch. */
export function renderRuntimeCost(cost: RuntimeCost[]): string {
  return [
    `## Runtime cost per call`,
    ``,
    `Each openapi-fetch based contender sends sequential calls through an in-process fetch that answers at once with the same small JSON list, in interleaved rounds (order rotated each round) after a warm-up; what a vendor client takes beyond bare openapi-fetch is the runtime's own work (auth, retries, timeouts, body checks).`,
    ``,
    `| Client | Median µs/call | Runtime's own work (µs/call) | Rounds (µs/call) |`,
    `|---|---|---|---|`,
    ...cost.map((result) => `| ${result.name} | ${result.median.toFixed(1)} | ${result.name.startsWith("@apis/") ? result.overBare.toFixed(1) : "-"} | ${result.rounds.map((value) => value.toFixed(1)).join(", ")} |`),
  ].join("\n");
}

/** Replaces the README's figures between its bench markers. */
export function withReadmeFigures(readme: string, report: string): string {
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md needs ${start} and ${end} around the benchmark figures`);
  const figures = report.slice(report.indexOf("## Goals")).replace(/^## /gm, "#### ");
  return `${readme.slice(0, from + start.length)}\n${figures}\n${readme.slice(to)}`;
}
