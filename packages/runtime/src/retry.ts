import { redactText } from "./redact.js";

/** Backoff tuning: attempt n waits about `baseMs * 2^n`, never more than `maxMs`. */
export interface RetryDelayOptions {
  /** Delay before the first retry, in milliseconds. Default 500. */
  baseMs?: number | undefined;
  /** Upper bound of a backoff delay, in milliseconds. Default 8000. */
  maxMs?: number | undefined;
}

/** A `Retry-After` longer than this is not waited for: the response is returned to the caller instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

// Methods whose repetition has the same effect as a single request (RFC 9110 §9.2.2).
const IDEMPOTENT_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/** The advice that ends a message about a request that was not sent again because the server may have acted. */
export const NOT_RETRIED = " Not retried: the server may have acted on it; check before resending.";

// Errors raised while connecting, before a single byte of the request left: resending cannot duplicate anything.
const NOT_SENT_CODES = ["ECONNREFUSED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"];

/**
 * The delay a response asks for before a retry, from `retry-after-ms` or `Retry-After` (seconds or an HTTP date),
 * in milliseconds; undefined when it asks for none, the header cannot be read or its date has passed. A number is read
 * only as decimal digits, with or without a fraction (not `1e3`, `0x10`, `Infinity` or a sign).
 *
 * @example
 * retryAfterMs(new Headers({ "retry-after": "3" })); // 3000
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  // Absent (null) reads as "null", which neither test takes; headers trim their values.
  const asked = headers.get("retry-after-ms") as string;
  const after = headers.get("retry-after") as string;
  if (DECIMAL.test(asked)) return +asked;
  if (DECIMAL.test(after)) return +after * 1000;
  // A date that has passed asks for no wait of its own: the backoff is waited, as Stainless's clients do. V8 reads text
  // that is no date at all ("-1"; "5, 5", two headers joined) as a day in 2001, which meant resending at once.
  return Math.max(Date.parse(after) - now, 0) || undefined;
}

// An arrow, as vendor-client.ts's takenOptions: so written, the two are shorter once bundled (1 to 4 gzipped bytes a
// package). Neither is called while the runtime's modules load.
/**
 * Whether a method, upper-cased as `Call.method` holds it, may be sent again after the server may have acted on it.
 *
 * @example
 * isIdempotent("PUT");  // true
 * isIdempotent("POST"); // false
 */
export const isIdempotent = (method: string): boolean => IDEMPOTENT_METHODS.includes(method);

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Whether a fetch error shows that the request was never sent (connection refused, DNS not answering, no route),
 * judged from the `code` anywhere in its `cause` chain, as undici reports it, including the members of an
 * `AggregateError` (undici reports one per address it tried).
 *
 * @example
 * isNotSentError(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })); // true
 */
export function isNotSentError(error: unknown): boolean {
  let found = false;
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null || seen.has(value) || depth > 10) return;
    seen.add(value);
    const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
    found ||= NOT_SENT_CODES.includes(code as string);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return found;
}

/**
 * One line about a fetch error from its whole cause chain, since "fetch failed" alone says nothing and the causes
 * carry the useful part (e.g. "connect ECONNREFUSED 10.0.0.1:443"). At most 300 characters, redacted (see `redactText`)
 * of every credential known and every one of `secrets`.
 *
 * @example
 * describeError(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } })); // "fetch failed: ECONNRESET"
 */
export function describeError(error: unknown, secrets?: readonly string[]): string {
  const parts: string[] = [];
  let current: unknown = error;
  try {
    for (let depth = 0; depth < 10 && typeof current === "object" && current !== null; depth++) {
      const { message, code } = current as { message?: unknown; code?: unknown };
      // A message counts once trimmed and not blank; a code as it is (an empty one, first, too).
      for (const said of [(typeof message === "string" && message.trim()) || 0, code]) {
        if (typeof said === "string" && !parts.some((part) => part.includes(said))) parts.push(said);
      }
      current = (current as { cause?: unknown }).cause;
    }
    if (typeof current === "string" && current) parts.push(current);
  } catch {
    // A getter or Proxy trap that throws: what was read so far, never what it threw.
  }
  // Redacted before it is cut: a credential the cut fell inside (the call's own too) could no longer be recognised.
  return redactText(parts.join(": ") || "network error", secrets).slice(0, 300);
}

/**
 * The backoff before retry number `retry` (0 for the first): `baseMs * 2^retry` capped at `maxMs`, less a random
 * jitter of up to a quarter so that clients that failed together do not retry together.
 *
 * @example
 * backoffMs(2, { baseMs: 500, maxMs: 8000 }); // between 1500 and 2000
 */
export function backoffMs(retry: number, options: { baseMs: number; maxMs: number }, random: () => number = Math.random): number {
  // The options come checked, defaults filled in (see checkTransportOptions).
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** retry);
  return ceiling * (1 - random() * 0.25);
}
