import type { ApiError, ApiErrorInit } from "../errors.js";
import { endSentence } from "../error-summary.js";
import { NOT_RETRIED } from "../retry.js";
import { callError, type Call } from "./call.js";

/** Why an attempt failed, as the retry policy sees it. */
export type FailureKind = "timeout" | "connection" | "body" | "not-json";

/**
 * An attempt that failed in a way a retry may cure. Layers inside the retry layer throw it; the retry layer either
 * sends again or throws the public error, which is only built then, since its message counts the attempts made.
 */
export class AttemptFailure extends Error {
  // Declared, not class fields (nor parameter properties, which make class fields): the constructor sets each.
  declare readonly kind: FailureKind;
  /** Whether sending again is safe by default: the server cannot have acted on it, or acting twice is harmless. */
  declare readonly safe: boolean;
  /** The error the caller gets, given "1 attempt" or "3 attempts". */
  declare readonly toError: (attempts: string) => Error;

  constructor(kind: FailureKind, safe: boolean, toError: (attempts: string) => Error, options?: { cause?: unknown }) {
    // Never reaches a caller (the retry layer turns it into toError's error): the kind is message enough.
    super(kind, options);
    this.kind = kind;
    this.safe = safe;
    this.toError = toError;
  }
}

/**
 * The AttemptFailure of a call whose error reads `text(attempts)`, then `advice` when sending again is `safe`, else
 * {@link NOT_RETRIED}; `init` (its cause included) goes to the error.
 *
 * @example
 * throw attemptFailure(call, "connection", true, ApiConnectionError, (attempts) => `failed (${attempts})`, " Check the network.", { cause });
 */
export function attemptFailure(
  call: Call,
  kind: FailureKind,
  safe: boolean,
  ErrorClass: new (message: string, init: ApiErrorInit) => ApiError,
  text: (attempts: string) => string,
  advice: string,
  init: { status?: number | undefined; headers?: Headers | undefined; body?: unknown; cause?: unknown },
): AttemptFailure {
  return new AttemptFailure(kind, safe, (attempts) => callError(ErrorClass, call, `${endSentence(text(attempts))}${safe ? advice : NOT_RETRIED}`, init), init);
}
