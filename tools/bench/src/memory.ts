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
