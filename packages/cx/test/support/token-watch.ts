import { inspect } from "node:util";

/** One rendering of something a test saw: an error's message, String, JSON or inspect output, or a log line. */
export interface Rendering {
  what: string;
  text: string;
}

// One module instance per test file (vitest isolates files), shared with the setup file that saves it.
const renderings: Rendering[] = [];

/** Every rendering this test file recorded so far. */
export function recorded(): readonly Rendering[] {
  return renderings;
}

/**
 * Records every way `value` can end up in a log: `message`, `String()`, `JSON.stringify()`, `util.inspect()` with
 * hidden properties and the whole cause chain. Returns `value`, so it wraps an expression.
 *
 * @example
 * const error = watch(await client.GET("/users/self")).error;
 */
export function watch<T>(value: T, what = describe(value)): T {
  const texts = [JSON.stringify(value) ?? "undefined", inspect(value, { depth: Infinity, showHidden: true, getters: true }), String(value)];
  if (value instanceof Error) texts.push(value.message, value.stack ?? "");
  for (const text of texts) renderings.push({ what, text });
  return value;
}

/** Records one log line. */
export function watchLine(what: string, text: string): void {
  renderings.push({ what, text });
}

/**
 * Runs `action` (a promise or a function), expects it to throw, records the error with {@link watch} and returns it.
 *
 * @example
 * const error = await caught(client.GET("/users/self"));
 */
export async function caught(action: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof action === "function" ? action() : action);
  } catch (error) {
    return watch(error);
  }
  throw new Error("Expected the call to throw, but it returned normally");
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message.slice(0, 80)}`;
  return typeof value;
}
