import { appendFileSync } from "node:fs";
import type { ContractRecorder, DriftFinding } from "./recorder.ts";
import type { RegisteredApi } from "@apis/spec";

interface LiveCredentials {
  env?: string[];
  envOr?: string[];
}

/**
 * Every environment variable a live run of these APIs may read (`x-contract-live.env` and `envOr` in redocly.yaml):
 * what the run's output is redacted of.
 */
export function liveCredentialNames(apis: RegisteredApi[]): string[] {
  return [...new Set(liveCredentialSets(apis).flat())];
}

/**
 * The sets of environment variables a live run of these APIs can go with: every API's `x-contract-live.env`, or, where
 * an API takes another kind of credential in its place (Survey Dynamix: a personal access token for Basic auth), its
 * `envOr` with the `env` of the vendor's other APIs, which still need theirs.
 *
 * @example
 * liveCredentialSets(apis); // [["SDX_CUSTOMER_UUID", "SDX_AUTH_TOKEN"], ["SDX_ACCESS_TOKEN"]]
 */
export function liveCredentialSets(apis: RegisteredApi[]): string[][] {
  const named = apis.map((api) => (api.extensions["x-contract-live"] ?? {}) as LiveCredentials);
  const sets = [named.flatMap((live) => live.env ?? []), named.flatMap((live) => live.envOr ?? live.env ?? [])].map((set) => [...new Set(set)]);
  // No API with an envOr: the second set is the first.
  return (named.some((live) => live.envOr) ? sets : sets.slice(0, 1)).filter((set) => set.length > 0);
}

/**
 * Why a live run cannot go with `env`: no credentials documented, or none of the sets complete (naming what the first
 * lacks, and the others); undefined when one set is complete.
 *
 * @example
 * missingCredentials([["A", "B"], ["C"]], { A: "x" }); // "set B (or instead C)"
 */
export function missingCredentials(sets: string[][], env: Record<string, string | undefined>): string | undefined {
  // A value of white space alone is none (a `KEY= ` line in a .env file): the suite would only fail at its first call.
  const given = (name: string) => Boolean(env[name]?.trim());
  if (sets.some((set) => set.every(given))) return undefined;
  const [first, ...others] = sets;
  if (!first) return "redocly.yaml documents no credentials (x-contract-live.env) for it";
  return `no credentials: set ${first.filter((name) => !given(name)).join(", ")}${others.map((set) => ` (or instead ${set.join(", ")})`).join("")}`;
}

/**
 * What `pnpm contract:live` adds to the environment of the suite's vitest, whose output it reads through a pipe, when
 * neither NO_COLOR nor FORCE_COLOR is set: FORCE_COLOR=1 when its own output is a terminal, so that colours survive,
 * and NO_COLOR=1 when it is not (a file, a CI log), since vitest's colours (tinyrainbow) are on wherever TERM is not
 * `dumb` or CI is set, terminal or not.
 *
 * @example
 * spawn(node, args, { env: { ...process.env, ...colourEnv(process.stdout.isTTY === true, process.env) } });
 */
export function colourEnv(terminal: boolean, env: NodeJS.ProcessEnv): { FORCE_COLOR?: string; NO_COLOR?: string } {
  if (env.NO_COLOR !== undefined || env.FORCE_COLOR !== undefined) return {};
  return terminal ? { FORCE_COLOR: "1" } : { NO_COLOR: "1" };
}

/**
 * How long a live run waits for the vendor to answer one request: `APIS_CONTRACT_LIVE_TIMEOUT_MS`, 30 s by default.
 * Throws on a value that is no whole number of milliseconds from 1 to 2^31-1 (the longest a timer waits).
 *
 * @example
 * liveTimeoutMs("90000"); // 90000
 */
export function liveTimeoutMs(value = process.env.APIS_CONTRACT_LIVE_TIMEOUT_MS): number {
  if (!value) return 30_000;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 1 || ms > 2 ** 31 - 1) throw new Error(`APIS_CONTRACT_LIVE_TIMEOUT_MS=${value} must be a whole number of milliseconds from 1 to ${2 ** 31 - 1}`);
  return ms;
}

/**
 * Copies a child's output to `to` whole lines at a time, each passed through `redact`, so that no credential is split
 * across two writes; what follows the last line break waits for the next one, or the end.
 *
 * @example
 * await redactLines(child.stdout, process.stdout, liveRedactor(secrets));
 */
export function redactLines(from: NodeJS.ReadableStream, to: NodeJS.WritableStream, redact: (text: string) => string): Promise<void> {
  let pending = "";
  from.setEncoding("utf8");
  from.on("data", (chunk: string) => {
    // Only the new text is searched for a line break: searching all that waited made a long line cost the square of its
    // length (a line of 50 MB, 22 s).
    const end = chunk.lastIndexOf("\n") + 1;
    if (end === 0) pending += chunk;
    else {
      to.write(redact(pending + chunk.slice(0, end)));
      pending = chunk.slice(end);
    }
  });
  return new Promise((done) =>
    from.once("end", () => {
      if (pending) to.write(redact(pending));
      done();
    }),
  );
}

/** Hands a suite's drift findings to `pnpm contract:live`, which prints them after the run. */
export function reportDrift(recorder: ContractRecorder): void {
  const report = process.env.APIS_CONTRACT_REPORT;
  if (report) appendFileSync(report, `${JSON.stringify(recorder.drift())}\n`);
}

/** One line per distinct finding, "listTags (GET /v1/tags) 200: body.0.id must be integer (seen 3 times)". */
export function formatDrift(findings: DriftFinding[]): string {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const line = `  ${finding.operation} ${finding.status}: ${finding.field} ${finding.problem}`;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, count]) => (count > 1 ? `${line} (seen ${count} times)` : line)).join("\n");
}

/**
 * Why `APIS_CONTRACT_UPSTREAM` cannot be sent the run's credentials, or undefined when it can: an https URL, or http
 * to this machine only (a local stand-in).
 *
 * @example
 * upstreamProblem("http://sandbox.example.com"); // "is plain http to another host: ..."
 */
export function upstreamProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a URL: give the stand-in's origin, e.g. https://sandbox.example.com or http://127.0.0.1:8080";
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))) return undefined;
  return url.protocol === "http:"
    ? "is plain http to another host: the credentials would cross the network unencrypted; use https (http is for 127.0.0.1 or localhost)"
    : "is not an http(s) URL";
}
