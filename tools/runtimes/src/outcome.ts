/** What one scenario did on one runtime. */
export interface Outcome {
  runtime: string;
  /** The runtime's own name and version, as it reported them ("node 18.20.8", "bun 1.4.5", a Chromium user agent). */
  version?: string;
  /** What the scenario returned, when it ran to the end. */
  report?: unknown;
  /** Why it did not: a thrown error, a crash, a failed bundle, or a process that did not exit. */
  error?: string;
}

/** Reads the one JSON line an entry prints last. */
export function parseOutcome(runtime: string, stdout: string, stderr: string, exit: string): Outcome {
  const last = stdout.trim().split("\n").at(-1) ?? "";
  try {
    const parsed = JSON.parse(last) as { runtime?: string; report?: unknown; error?: string };
    return { runtime, ...(parsed.runtime ? { version: parsed.runtime } : {}), ...("report" in parsed ? { report: parsed.report } : {}), ...(parsed.error ? { error: parsed.error } : {}) };
  } catch {
    return { runtime, error: `${exit}; printed no result.\n${stderr.slice(-2000)}${stdout.slice(-1000)}` };
  }
}

/**
 * One line per failing runtime, naming it, or "" when every runtime ran the scenario to the end.
 * @example failureSummary("cx", outcomes) // "cx failed on node18: TypeError: ...\ncx failed on chromium: ..."
 */
export function failureSummary(scenario: string, outcomes: readonly Outcome[]): string {
  return outcomes
    .filter((outcome) => outcome.error !== undefined)
    .map((outcome) => `${scenario} failed on ${outcome.runtime}: ${outcome.error!.split("\n").slice(0, 3).join(" | ")}`)
    .join("\n");
}
