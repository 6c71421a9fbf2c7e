// Test-only helpers for the fault suites: collect everything a client rendered, then prove no secret is in it.
// Everything collected also goes to the leak watch (leak-watch.ts), which the end-of-run check reads.
import assert from "node:assert/strict";
import { it } from "vitest";
import { renderingsOf, showsSecret, watch, watchLine, watchSecrets } from "./leak-watch.js";

/** Collects log lines and rendered errors over a whole suite. */
export interface LeakCollector {
  /** A logger for `createClient({ logger })`. */
  logger: { debug(message: string, fields?: Record<string, unknown>): void };
  /** Records every rendering of an error and returns the error. */
  error<T>(error: T): T;
  /** Log lines received since the last `take`. */
  takeLines(): string[];
  /** Everything collected so far, each with where it came from. */
  all(): { kind: "log" | "error"; text: string }[];
  /** The collected texts that show one of the suite's secrets (verbatim, URL-encoded or inside base64). */
  leaks(): { kind: string; secret: string; text: string }[];
}

/**
 * A collector for one fault suite, which hands `secrets` to its clients.
 *
 * @example
 * const collected = collectLeaks([PASSWORD, CLIENT_SECRET]);
 * const client = createClient({ ..., logger: collected.logger });
 * const error = collected.error(await client.GET("/x").catch((e) => e));
 * expect(collected.leaks()).toEqual([]);
 */
export function collectLeaks(secrets: readonly string[]): LeakCollector {
  watchSecrets(...secrets);
  const items: { kind: "log" | "error"; text: string }[] = [];
  let fresh: string[] = [];
  return {
    logger: {
      debug(message, fields) {
        const line = `${message} ${JSON.stringify(fields)}`;
        items.push({ kind: "log", text: line });
        watchLine("logger.debug", line);
        fresh.push(line);
      },
    },
    error(error) {
      for (const text of renderingsOf(error)) items.push({ kind: "error", text });
      return watch(error);
    },
    takeLines() {
      const lines = fresh;
      fresh = [];
      return lines;
    },
    all: () => [...items],
    leaks() {
      return items.flatMap((item) => secrets.filter((secret) => showsSecret(item.text, secret)).map((secret) => ({ kind: item.kind, secret, text: item.text.slice(0, 300) })));
    },
  };
}

/** Awaits a promise expected to reject and returns what it rejected with (or fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw, but it resolved");
}

/**
 * Registers the test that ends a fault suite: the suite collected at least `least` log lines and errors (so the
 * check below looked at something), and none of them shows one of its secrets.
 *
 * @example
 * describe("CX fault suite leaks", () => itLeaksNothing(collected, { logs: 5, errors: 3 }));
 */
export function itLeaksNothing(collected: LeakCollector, least: { logs: number; errors: number }): void {
  it("no secret appears in any error or log line the suite above collected", () => {
    assert.ok(collected.all().filter((item) => item.kind === "log").length >= least.logs, `fewer than ${least.logs} log lines collected`);
    assert.ok(collected.all().filter((item) => item.kind === "error").length >= least.errors, `fewer than ${least.errors} errors collected`);
    assert.deepEqual(collected.leaks(), []);
  });
}
