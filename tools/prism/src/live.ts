import { appendFileSync } from "node:fs";
import type { ContractRecorder, DriftFinding } from "./recorder.ts";
import type { RegisteredApi } from "@apis/spec";

/** The environment variables a live run of these APIs needs (`x-contract-live.env` in redocly.yaml). */
export function liveCredentialNames(apis: RegisteredApi[]): string[] {
  return [...new Set(apis.flatMap((api) => (api.extensions["x-contract-live"] as { env?: string[] } | undefined)?.env ?? []))];
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
