import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export interface MemoryResult {
  mode: string;
  count: number;
  before: number;
  /** RSS after the first 10 000 items (and a collection). */
  warm: number;
  /** Peak RSS from then to the last item. */
  peak: number;
  /** Heap in use after a full collection at item 10 000, and after one at the end: what iterating keeps. */
  heapWarm: number;
  heapEnd: number;
}

/** Runs the paging memory measurement in a fresh process, so one measurement's garbage cannot count against another. */
export async function measurePagingMemory(base: string, mode: "paginate" | "baseline"): Promise<MemoryResult> {
  const script = fileURLToPath(new URL("./memory-paging.ts", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", script, base, mode]);
  return JSON.parse(stdout.trim().split("\n").pop()!) as MemoryResult;
}

/** RSS growth of a run from item 10 000 to its end. */
export const growth = (result: MemoryResult): number => result.peak - result.warm;

/**
 * Runs the paging measurement `runs` times for each mode, interleaved, and keeps each mode's run of median growth and
 * the worst growth: the peak RSS counts garbage not yet collected, and when a collection lands moves one run's growth
 * by several MB. (Until 2026-12-02 the paginate runs swung between about 18 and 32 MB: each page's parsed items were
 * kept on its Response, which Node's fetch holds through a WeakRef and a FinalizationRegistry entry, strong to
 * young-generation collections, so every page was promoted to the old generation until a full collection.)
 */
export async function measurePagingMemoryRuns(base: string, runs: number): Promise<{ baseline: MemoryResult; paginate: MemoryResult; runs: number; worst: number }> {
  const all = { baseline: [] as MemoryResult[], paginate: [] as MemoryResult[] };
  for (let run = 0; run < runs; run++) for (const mode of ["baseline", "paginate"] as const) all[mode].push(await measurePagingMemory(base, mode));
  const median = (results: MemoryResult[]) => [...results].sort((a, b) => growth(a) - growth(b))[Math.floor(results.length / 2)]!;
  return { baseline: median(all.baseline), paginate: median(all.paginate), runs, worst: Math.max(...all.paginate.map(growth)) };
}
