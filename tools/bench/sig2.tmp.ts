import createFetchClient from "openapi-fetch";
import { createClient } from "@apis/wootric-cxi";
import { startBenchServer } from "./src/spawn-server.ts";
const { url, stop } = await startBenchServer();
const N = 2000, INFLIGHT = 8;
async function run(send: () => Promise<unknown>) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: INFLIGHT }, async () => { while (next++ < N) await send(); }));
  return N / ((performance.now() - t0) / 1000);
}
const bare = createFetchClient<any>({ baseUrl: url });
const mk = (fetch?: any) => createClient({ baseUrl: url, auth: { type: "token", accessToken: "bench-token" }, ...(fetch ? { fetch } : {}) } as any) as any;
const cxi = mk();
const strip = mk((input: any, init?: any) => { if (init) { const { signal, ...rest } = init; return fetch(input, rest); } return fetch(input); });
const pass = mk((input: any, init?: any) => fetch(input, init));
const modes: Record<string, () => Promise<unknown>> = {
  rawfetch: async () => (await fetch(`${url}/v1/projects`, { headers: { authorization: "Bearer bench-token" } })).json(),
  bare: async () => (await bare.GET("/v1/projects", { headers: { authorization: "Bearer bench-token" } })).data,
  cxi: async () => (await cxi.GET("/v1/projects")).data,
  cxiPass: async () => (await pass.GET("/v1/projects")).data,
  cxiNoSignal: async () => (await strip.GET("/v1/projects")).data,
};
const results: Record<string, number[]> = {};
for (const k of Object.keys(modes)) { results[k] = []; await run(modes[k]); }
for (let round = 0; round < 11; round++) for (const k of Object.keys(modes)) results[k].push(await run(modes[k]));
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const base = med(results.bare);
for (const k of Object.keys(modes)) console.log(k.padEnd(12), Math.round(med(results[k])), (med(results[k]) / base).toFixed(2));
stop();
