// Per-request cost: each contender sends the same GET to the same keep-alive server, in interleaved rounds, so drift in
// the machine's speed hits every contender alike. Throughput is requests per second with a fixed number in flight.
import { Agent } from "node:http";
import axios from "axios";
import createFetchClient from "openapi-fetch";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { PackedUsage } from "@apis/faults/packed";
import { undiciFetch } from "@apis/runtime/undici";
import { vendorPackages } from "@apis/spec";
import { median } from "./stats.ts";

/** The one path the bare openapi-fetch contender calls. */
type paths = { "/v1/projects": { get: { responses: { 200: { content: { "application/json": unknown[] } } } } } };

export interface Contender {
  name: string;
  /** Sends one request and reads its JSON body. */
  call: () => Promise<unknown>;
  /** How a vendor client authenticates (its pack-check row's `bench.auth`). */
  auth?: string;
}

export interface CostResult {
  name: string;
  /** Requests per second, one figure per round. */
  rounds: number[];
  median: number;
  /** Median throughput relative to raw fetch in the same run. */
  ratio: number;
  /** Median throughput relative to bare openapi-fetch in the same run. */
  vsBare: number;
  /** How a vendor client authenticates. */
  auth?: string | undefined;
}

/**
 * The vendor clients that take part: every vendor package redocly.yaml registers whose pack-check row
 * (`test/package/packed.ts`) describes it as a bench contender, created as an application would: auth, retries and
 * timeouts on (a token, where the vendor's auth needs one, fetched once and reused).
 */
async function vendorContenders(base: string, transport: { name: string; fetch: () => unknown } | undefined): Promise<Contender[]> {
  const contenders: Contender[] = [];
  for (const pkg of vendorPackages()) {
    const row = join(pkg.dir, "test/package/packed.ts");
    if (!existsSync(row)) continue;
    const { usage } = (await import(row)) as { usage: PackedUsage };
    if (usage.bench === undefined) continue;
    const exports = (await import(pkg.name)) as Record<string, (options: Record<string, unknown>) => unknown>;
    const options = usage.bench.options(base);
    const client = exports[usage.factory ?? "createClient"]!(transport === undefined ? options : { ...options, fetch: transport.fetch() });
    // `GET`, or `survey.GET` for a client of several services.
    const get = (usage.method ?? "GET").split(".").reduce<unknown>((owner, key) => (owner as Record<string, unknown>)[key], client) as (path: string) => Promise<{ data?: unknown }>;
    const path = usage.bench.path;
    contenders.push({ name: transport === undefined ? pkg.name : `${pkg.name} ${transport.name}`, call: async () => (await get(path)).data, auth: usage.bench.auth });
  }
  return contenders;
}

/**
 * A second bare openapi-fetch, run like every other contender: two identical contenders differ only by the noise of
 * the run, so how far this one strays from 1.00x bare openapi-fetch says how much any other ratio can be trusted.
 */
export const CONTROL = "bare openapi-fetch again (control)";

/** The suffix of the contenders that send through the Node fast transport instead of the platform's fetch. */
export const FAST_TRANSPORT = "+ undiciFetch";

/** The header every contender sends, as a vendor client sends its credential. */
const AUTHORIZATION = { authorization: "Bearer bench-token" };

/** A bare openapi-fetch client's call: the baseline, and (a second client) the control. */
function bareOpenapiFetch(base: string): () => Promise<unknown> {
  const client = createFetchClient<paths>({ baseUrl: base });
  return async () => (await client.GET("/v1/projects", { headers: AUTHORIZATION })).data;
}

/**
 * The contenders, each sending `GET`s to `base` through the platform's `fetch`, as an application does, and each
 * vendor client again through the Node fast transport (`@apis/runtime/undici`). With `openapiFetchOnly`, only the
 * openapi-fetch based ones on the platform's fetch (for an in-process `fetch`, where raw fetch, axios and undici
 * would have nothing left to measure).
 */
export async function contenders(base: string, openapiFetchOnly = false): Promise<Contender[]> {
  const url = `${base}/v1/projects`;
  const http = axios.create({ baseURL: base, httpAgent: new Agent({ keepAlive: true }) });
  const clients: Contender[] = [
    { name: "bare openapi-fetch", call: bareOpenapiFetch(base) },
    ...(await vendorContenders(base, undefined)),
  ];
  if (openapiFetchOnly) return clients;
  const fast = await vendorContenders(base, { name: FAST_TRANSPORT, fetch: () => undiciFetch() });
  return [
    { name: "raw fetch", call: async () => (await fetch(url, { headers: AUTHORIZATION })).json() },
    clients[0]!,
    { name: CONTROL, call: bareOpenapiFetch(base) },
    { name: "axios", call: async () => (await http.get("/v1/projects", { headers: AUTHORIZATION })).data },
    ...clients.slice(1),
    ...fast,
  ];
}

async function throughput(contender: Contender, requests: number, inFlight: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < requests) await contender.call();
    }),
  );
  return requests / ((performance.now() - start) / 1000);
}

/** Runs `rounds` interleaved rounds (after one warm-up round) and reports medians and ratios against raw fetch. */
export async function measureRequestCost(base: string, options: { rounds: number; requests: number; inFlight: number }): Promise<CostResult[]> {
  const all = await contenders(base);
  for (const contender of all) await throughput(contender, Math.min(500, options.requests), options.inFlight);
  const rounds = new Map(all.map((contender) => [contender.name, [] as number[]]));
  for (let round = 0; round < options.rounds; round++) {
    // Rotating the order each round keeps any contender from always running first or last.
    for (let i = 0; i < all.length; i++) {
      const contender = all[(i + round) % all.length]!;
      rounds.get(contender.name)!.push(await throughput(contender, options.requests, options.inFlight));
    }
  }
  const baseline = median(rounds.get("raw fetch")!);
  const bare = median(rounds.get("bare openapi-fetch")!);
  return all.map((contender) => {
    const values = rounds.get(contender.name)!;
    return { name: contender.name, rounds: values, median: median(values), ratio: median(values) / baseline, vsBare: median(values) / bare, auth: contender.auth };
  });
}
