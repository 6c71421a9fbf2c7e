// What a live run's test files print is redacted in the suite's own process too, before vitest hands it to its
// reporter: a token the run obtains (from the vendor's token endpoint) is in no environment variable, so
// `pnpm contract:live`, which redacts everything it prints, cannot know it; the runtime, which obtained it here, does.
import { format } from "node:util";
import { readRegistry } from "@apis/spec";
import { aroundEach } from "vitest";
import { liveCredentialNames } from "./live.ts";
import { liveRedactor } from "./live-redact.ts";

/** The values of every credential the registry names for live runs (x-contract-live.env) that this run was given. */
export function liveSecrets(): string[] {
  return liveCredentialNames([...readRegistry().values()]).flatMap((name) => process.env[name] || []);
}

let redactor: ((text: string) => string) | undefined;

/**
 * `text` redacted as `pnpm contract:live` redacts what it prints, and of every credential the runtime holds or
 * obtained in this process (`redactText` knows them).
 *
 * @example
 * redactLive(`issued ${token}`); // "issued [redacted]"
 */
export function redactLive(text: string): string {
  return (redactor ??= liveRedactor(liveSecrets()))(text);
}

/**
 * Registers, for the test file being collected, the redaction of what its tests' failures and its console lines show:
 * each error of a test once the test is over (its afterEach and onTestFailed hooks too), before vitest reports it.
 *
 * @example
 * if (liveContract()) redactLiveOutput();
 */
export function redactLiveOutput(): void {
  // vitest sends a test's errors to its reporter as plain objects of strings (message, stack, diff, actual, expected
  // and any field of the error), made as the test failed.
  aroundEach(async (runTest, { task }) => {
    await runTest();
    redactEach(task.result?.errors);
  });
  // Once per process, however many files wrap it.
  if (WRAPPED in console) return;
  for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      const text = format(...args);
      const clean = redactLive(text);
      if (clean === text) original.apply(console, args);
      else original.call(console, "%s", clean);
    };
  }
  Object.defineProperty(console, WRAPPED, { value: true });
}

const WRAPPED = Symbol.for("@apis/prism redacts the console");

/** Redacts every string in `value` (and every key), in place: vitest made these objects for its report. */
function redactEach(value: unknown, seen = new WeakSet<object>()): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const item = fields[key];
    const name = redactLive(key);
    if (name !== key) delete fields[key];
    fields[name] = typeof item === "string" ? redactLive(item) : item;
    redactEach(item, seen);
  }
}
