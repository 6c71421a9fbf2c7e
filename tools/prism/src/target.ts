import { stripVTControlCharacters } from "node:util";
import { registeredApi } from "@apis/spec";
import { chai } from "vitest";
import { redactLive, redactLiveOutput } from "./live-output.ts";
import { readSpec } from "./operations.ts";
import { startPrism, type PrismServer } from "./prism.ts";
import { startUpstreamGate, type UpstreamGate } from "./upstream-gate.ts";

/** Where a contract suite sends its requests: a Prism mock, or Prism proxies validating the live vendor. */
export interface ContractTarget {
  mode: "mock" | "live";
  /** Base URL for operations on the spec's first server. */
  baseUrl: string;
  /** Every server URL the spec names -> the URL the client should use for it. */
  servers: Record<string, string>;
  log(): string;
  stop(): Promise<void>;
}

/** True when the suite runs against the live vendor (`pnpm contract:live`), false against the mock. */
export function liveContract(): boolean {
  return process.env.APIS_CONTRACT_LIVE === "1";
}

// A test file of a live run reaches the vendor through this harness: what its failures and console lines show is
// redacted of the tokens the run obtained, which only its process knows (see live-output.ts). A mock run is left as it is.
if (liveContract()) redactLiveOutput();

/** Live runs only change vendor data when asked to: `APIS_CONTRACT_LIVE_WRITES=1`. */
export function liveWrites(): boolean {
  return process.env.APIS_CONTRACT_LIVE_WRITES === "1";
}

/** Every server URL of a spec: the document's first, then any path- or operation-level ones, without duplicates. */
export function specServers(spec: string): string[] {
  const document = readSpec(spec) as { servers?: { url: string; description?: string }[]; paths?: Record<string, Record<string, { servers?: { url: string }[] }> & { servers?: { url: string }[] }> };
  // A live run may pick another of the document's servers (`APIS_CONTRACT_SERVER=sandbox` matches its URL or description).
  const wanted = process.env.APIS_CONTRACT_SERVER?.toLowerCase();
  const chosen = (wanted && document.servers?.find((server) => `${server.url} ${server.description ?? ""}`.toLowerCase().includes(wanted))) || document.servers?.[0];
  const urls = [chosen?.url ?? ""];
  for (const item of Object.values(document.paths ?? {})) {
    if (item.servers?.[0]) urls.push(item.servers[0].url);
    for (const operation of Object.values(item)) {
      if (typeof operation === "object" && operation && !Array.isArray(operation) && operation.servers?.[0]) urls.push(operation.servers[0].url);
    }
  }
  return [...new Set(urls.map((url) => url.replace(/\/+$/, "")))];
}

// The upstream each live proxy forwards to, by the proxy's origin: a request the vendor leaves unanswered names its host.
const upstreams = new Map<string, string>();

/**
 * The URL (origin and path) that the live proxy a request is addressed to forwards it to; undefined for anything else.
 *
 * @example
 * upstreamOf(`${target.baseUrl}/users/self`); // "https://api.cx.com/1"
 */
export function upstreamOf(url: string): string | undefined {
  return upstreams.get(new URL(url).origin);
}

const pathOf = (url: string): string => (/^https?:\/\//.test(url) ? new URL(url).pathname.replace(/\/+$/, "") : "");

/**
 * Starts what a contract suite talks to. Against the mock (the default) one Prism serves every server of the spec.
 * In a live run (`APIS_CONTRACT_LIVE=1`) one Prism proxy per server forwards to the real host (or to
 * `APIS_CONTRACT_UPSTREAM`, a stand-in) and reports every response that breaks the spec; `mock: true` starts the mock
 * in a live run too.
 *
 * @example
 * const target = await startContractTarget("wootric-cxi");
 * const cxi = createClient({ baseUrl: target.baseUrl, tokenUrl: target.servers["https://api.wootric.com"] });
 */
export async function startContractTarget(apiName: string, options: { mock?: boolean } = {}): Promise<ContractTarget> {
  // A test of the mock itself (what Prism refuses) runs against the mock in a live run too: a proxy would forward
  // the invalid requests it sends, writes among them, to the vendor.
  const live = liveContract() && !options.mock;
  const spec = registeredApi(apiName).root;
  const urls = specServers(spec);
  const started: (PrismServer | UpstreamGate)[] = [];
  const servers: Record<string, string> = {};
  try {
    // Prism matches requests against the spec's paths as written, without the server's path (`/api`, `/1`):
    // clients talk to its bare origin, and a proxy puts the server's path back when it forwards upstream.
    if (!live) {
      const prism = await startPrism(spec);
      started.push(prism);
      for (const url of urls) servers[url] = prism.url;
    } else {
      // A failed assertion quotes what the vendor sent, and `pnpm contract:live` redacts the credentials in it: whole, as
      // chai would cut a quotation at 40 characters (what is left of a credential then matches no search for it).
      chai.config.truncateThreshold = 0;
      for (const url of urls) {
        const origin = process.env.APIS_CONTRACT_UPSTREAM?.replace(/\/+$/, "") || new URL(url).origin;
        // Between the proxy and the vendor, a gate that follows no redirect, lets no write through unless asked, and
        // reports a 501 that Prism would answer with a mock (see upstream-gate.ts).
        const gate = await startUpstreamGate(spec, origin, pathOf(url), liveWrites());
        started.push(gate);
        const prism = await startPrism(spec, { upstream: `${gate.url}${pathOf(url)}` });
        started.push(prism);
        // The vendor's, which a request it leaves unanswered names.
        upstreams.set(prism.url, `${origin}${pathOf(url)}`);
        servers[url] = prism.url;
      }
    }
  } catch (error) {
    await stop(started);
    throw error;
  }
  return {
    mode: live ? "live" : "mock",
    baseUrl: servers[urls[0]!]!,
    servers,
    log: () => {
      // Plain text, read in a failure message: Prism colours it in a coloured run (FORCE_COLOR), and a colour code
      // inside a credential would hide it from redaction.
      const log = stripVTControlCharacters(started.flatMap((prism) => ("log" in prism ? [prism.log()] : [])).join("\n"));
      // A proxy logs every URL it forwards, a credential in the query (CX's access_token) included, and a failed
      // test prints this log: redacted as everything else the run prints (the environment's credentials and the
      // runtime's, by value and by parameter name).
      return live ? redactLive(log) : log;
    },
    stop: () => stop(started),
  };
}

async function stop(started: (PrismServer | UpstreamGate)[]): Promise<void> {
  for (const prism of started) upstreams.delete(prism.url);
  await Promise.all(started.map((prism) => prism.stop()));
}
