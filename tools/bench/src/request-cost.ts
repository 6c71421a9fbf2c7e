// Per-request cost: each contender sends the same GET to the same keep-alive server, in interleaved rounds, so drift in
// the machine's speed hits every contender alike. Throughput is requests per second with a fixed number in flight.
import { Agent } from "node:http";
import axios from "axios";
import createFetchClient from "openapi-fetch";
import { createClient as createCmixClient } from "@apis/cmix";
import { createClient as createCxClient } from "@apis/cx";
import { createClient as createSurveyDynamixClient } from "@apis/survey-dynamix";
import { createClient as createWootricClient } from "@apis/wootric";
import { createClient as createWootricCxiClient, type paths } from "@apis/wootric-cxi";
import { median } from "./stats.ts";

export interface Contender {
  name: string;
  /** Sends one request and reads its JSON body. */
  call: () => Promise<unknown>;
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
}

/**
 * The contenders, each sending `GET`s to `base` through the platform's `fetch`, as an application does. With
 * `openapiFetchOnly`, only the openapi-fetch based ones (for an in-process `fetch`, where raw fetch and axios would
 * have nothing left to measure).
 */
export function contenders(base: string, openapiFetchOnly = false): Contender[] {
  const url = `${base}/v1/projects`;
  const bare = createFetchClient<paths>({ baseUrl: base });
  const http = axios.create({ baseURL: base, httpAgent: new Agent({ keepAlive: true }) });
  // Auth, retries and timeouts on, as an application uses it: a client-credentials token fetched once and reused.
  const wootricCxi = createWootricCxiClient({ baseUrl: base, tokenUrl: `${base}/oauth/token`, auth: { type: "clientCredentials", clientId: "bench", clientSecret: "bench-secret" } });
  const wootric = createWootricClient({ baseUrl: base, tokenUrl: `${base}/oauth/token`, auth: { type: "clientCredentials", clientId: "bench", clientSecret: "bench-secret" } });
  const cx = createCxClient({ baseUrl: base, dataBaseUrl: base, auth: { type: "token", accessToken: "bench-token" } });
  const sdx = createSurveyDynamixClient({ baseUrl: base, auth: { type: "basic", customerUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", authToken: "bench" } });
  const cmix = createCmixClient({
    environment: "sandbox",
    authBaseUrl: base,
    surveyBaseUrl: base,
    reportingBaseUrl: base,
    fileProcessingBaseUrl: base,
    auth: { type: "password", clientId: "bench", clientSecret: "bench-secret", username: "bench", password: "bench-password" },
  });
  const clients: Contender[] = [
    { name: "bare openapi-fetch", call: async () => (await bare.GET("/v1/projects", { headers: { authorization: "Bearer bench-token" } })).data },
    { name: "@apis/wootric-cxi", call: async () => (await wootricCxi.GET("/v1/projects")).data },
    { name: "@apis/wootric", call: async () => (await wootric.GET("/v1/segments")).data },
    { name: "@apis/cx", call: async () => (await cx.GET("/users/self")).data },
    { name: "@apis/survey-dynamix", call: async () => (await sdx.GET("/surveys")).data },
    { name: "@apis/cmix", call: async () => (await cmix.survey.GET("/projects")).data },
  ];
  if (openapiFetchOnly) return clients;
  return [
    { name: "raw fetch", call: async () => (await fetch(url, { headers: { authorization: "Bearer bench-token" } })).json() },
    clients[0]!,
    { name: "axios", call: async () => (await http.get("/v1/projects", { headers: { authorization: "Bearer bench-token" } })).data },
    ...clients.slice(1),
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
  const all = contenders(base);
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
    return { name: contender.name, rounds: values, median: median(values), ratio: median(values) / baseline, vsBare: median(values) / bare };
  });
}
