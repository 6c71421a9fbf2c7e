// Test-only: records every way an error or a log line could reach a user's logs, per test file, and the credentials
// the file declared. Each vitest file has its own instance of this module; leak-watch.setup.ts checks its records
// against its credentials when the file is done, so every file answers for itself.
import { inspect } from "node:util";
import { encodingsOf, misreadings } from "./encodings.js";

/** One rendering of something a test saw: an error's message, String, JSON or inspect output, or a log line. */
export interface Rendering {
  what: string;
  text: string;
}

const renderings: Rendering[] = [];
const secrets = new Set<string>();

/** Every rendering and secret this test file recorded so far. */
export function recorded(): { renderings: readonly Rendering[]; secrets: readonly string[] } {
  return { renderings, secrets: [...secrets] };
}

/**
 * Declares the credentials a test file hands to clients, so the end-of-run check looks for them everywhere.
 *
 * @example
 * watchSecrets(PASSWORD, CLIENT_SECRET);
 */
export function watchSecrets(...values: string[]): void {
  for (const value of values) {
    if (value.length < 8) throw new Error(`watchSecrets: "${value}" is too short to be told apart from ordinary text`);
    secrets.add(value);
  }
}

/** Every way an error ends up in a log or a bug report. */
export function renderingsOf(value: unknown): string[] {
  const texts = [String(value), JSON.stringify(value) ?? "undefined", inspect(value, { depth: Infinity, showHidden: true, getters: true })];
  if (value instanceof Error) texts.push(value.message, value.stack ?? "");
  return texts;
}

/**
 * Records every way `value` can end up in a log: `message`, `String()`, `JSON.stringify()`, `util.inspect()` with
 * hidden properties and the whole cause chain. Returns `value`, so it wraps an expression.
 *
 * @example
 * const error = watch(await client.GET("/users/self")).error;
 */
export function watch<T>(value: T, what = describe(value)): T {
  for (const text of renderingsOf(value)) renderings.push({ what, text });
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

/**
 * Whether `text` shows `secret`: verbatim, percent- or form-encoded, JSON-escaped, or inside base64 (an
 * `Authorization: Basic` value, a base64url JWT segment), whatever its alignment.
 */
export function showsSecret(text: string, secret: string): boolean {
  return leakFinder([secret])(text);
}

/**
 * A test of whether a text shows any of `secrets`, in any of the forms {@link showsSecret} knows. Every secret's
 * encodings are made once, and each base64 run of a text is decoded once whatever the number of secrets, so that
 * the check at the end of a test file stays linear in what it recorded.
 *
 * @example
 * const shows = leakFinder([PASSWORD, TOKEN]); shows(logLine) // false
 */
export function leakFinder(secrets: readonly string[]): (text: string) => boolean {
  const variants = secrets.flatMap((secret) => Object.values(encodingsOf(secret, "user")).flatMap(misreadings));
  return (text) => {
    if (variants.some((variant) => text.includes(variant))) return true;
    for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{12,}={0,2}/g)) {
      const standard = run.replace(/-/g, "+").replace(/_/g, "/");
      for (let skip = 0; skip < 4; skip++) {
        // Read both ways: a secret with non-ASCII characters is base64 of its UTF-8 bytes.
        const bytes = Buffer.from(standard.slice(skip), "base64");
        const decoded = [bytes.toString("latin1"), bytes.toString("utf8")];
        if (secrets.some((secret) => decoded.some((text) => text.includes(secret)))) return true;
      }
    }
    return false;
  };
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message.slice(0, 80)}`;
  return typeof value;
}
