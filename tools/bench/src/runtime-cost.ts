// The runtime's own work per call: every openapi-fetch based contender sends through a fetch that answers at once
// from memory, installed as the platform's fetch so that each client takes its default path; nothing is left but
// client-side work; what a vendor client takes beyond bare openapi-fetch, in the
// same interleaved rounds, is what the runtime (auth, retries, timeouts, checks) costs.
import { contenders } from "./request-cost.ts";
import { median } from "./stats.ts";

const TOKEN = JSON.stringify({ access_token: "bench-token", token_type: "Bearer", expires_in: 7200, scope: "public" });
const PROJECTS = JSON.stringify([{ id: 7, name: "Enterprise", response_count: 0, created_at: 1610774054 }]);
const BASE = "http://127.0.0.1:9";

export interface RuntimeCost {
  name: string;
  /** Microseconds per call, one figure per round. */
  rounds: number[];
  median: number;
  /** Median microseconds per call beyond bare openapi-fetch in the same run. */
  overBare: number;
}

// Answers like the bench server: a token at the token endpoints, the small JSON list anywhere else.
async function instantFetch(input: RequestInfo | URL, _init?: RequestInit): Promise<Response> {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const body = /\/(oauth\/token|access-token)\b/.test(url) ? TOKEN : PROJECTS;
  return new Response(body, { headers: { "content-type": "application/json", "content-length": String(body.length) } });
}

async function microsPerCall(call: () => Promise<unknown>, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return ((performance.now() - start) * 1000) / calls;
}

/** Runs `rounds` interleaved rounds of `calls` sequential calls per contender, after a warm-up round. */
export async function measureRuntimeCost(options: { rounds: number; calls: number }): Promise<RuntimeCost[]> {
  const platformFetch = globalThis.fetch;
  globalThis.fetch = instantFetch as typeof fetch;
  try {
    return await measure(options);
  } finally {
    globalThis.fetch = platformFetch;
  }
}

async function measure(options: { rounds: number; calls: number }): Promise<RuntimeCost[]> {
  const all = await contenders(BASE, true);
  for (const contender of all) await microsPerCall(contender.call, Math.min(2000, options.calls));
  const rounds = new Map(all.map((contender) => [contender.name, [] as number[]]));
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < all.length; i++) {
      const contender = all[(i + round) % all.length]!;
      rounds.get(contender.name)!.push(await microsPerCall(contender.call, options.calls));
    }
  }
  const bare = median(rounds.get("bare openapi-fetch")!);
  return all.map((contender) => {
    const values = rounds.get(contender.name)!;
    return { name: contender.name, rounds: values, median: median(values), overBare: median(values) - bare };
  });
}
