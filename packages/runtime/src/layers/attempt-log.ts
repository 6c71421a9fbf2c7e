import { fieldError, type InputError } from "../input-error.js";
import type { Logger } from "../logger.js";
import { redactText, redactUrl } from "../redact.js";
import { describeError } from "../retry.js";
import type { Call } from "./call.js";
import type { Layer } from "./layer.js";

/** The transport's log: one line per attempt (see {@link AttemptLog.layer}) and notes such as rate-limit waits. */
export interface AttemptLog {
  /** Logs "METHOD url text" with the method, redacted URL and purpose in its fields. */
  note(call: Call, text: string, fields?: Record<string, unknown>): Promise<void>;
  /**
   * Logs each attempt as its response headers arrive or it fails: method, redacted URL, status or error, attempt,
   * duration. A transport puts it in its pipeline only when it has a logger.
   */
  readonly layer: Layer;
}

/**
 * The log of a transport, after checking its `logger` option: undefined, or an object with a `debug` function;
 * anything else throws an {@link InputError}. A logger that throws cannot fail a request. Without a logger the lines
 * go nowhere (a note, made only while the rate limit makes a request wait, costs one redaction of the URL), and the
 * transport leaves the layer out.
 *
 * @example
 * const log = attemptLog(console, "api", timeoutMs);
 */
export function attemptLog(logger: Logger | undefined, purpose: "api" | "token", timeoutMs: number): AttemptLog {
  if (logger !== undefined && (typeof logger !== "object" || logger === null || typeof logger.debug !== "function")) {
    throw fieldError("logger", "must be an object with debug(message, fields), e.g. console");
  }
  // "METHOD url text", after "token request " on a token endpoint's transport; the URL as a log line may show it,
  // query credentials and any other known secret redacted. Async, so that an async debug's rejection is caught too: left
  // unhandled, it would end a Node process. No caller waits for it, so the redaction is inside the try as well.
  const note = async (call: Call, text: string, fields?: Record<string, unknown>) => {
    try {
      const url = redactText(redactUrl(call.url), call.secrets);
      await logger?.debug(`${purpose == "token" ? "token request " : ""}${call.method} ${url} ${text}`, { method: call.method, url, ...fields, purpose });
    } catch {
      // Logging is best effort: a request must not fail because its log line could not be written.
    }
  };
  return {
    note,
    layer: async (request, next, call) => {
      call.sent++;
      const started = Date.now();
      const line = (outcome: { status: number } | { error: string }) => {
        // Whole already: Date.now() is an integer number of ms.
        const durationMs = Date.now() - started;
        const result = "status" in outcome ? outcome.status : `failed: ${outcome.error}`;
        note(call, `-> ${result} (attempt ${call.sent}, ${durationMs} ms)`, { attempt: call.sent, ...outcome, durationMs });
      };
      try {
        const response = await next(request, call);
        line({ status: response.status });
        return response;
      } catch (error) {
        const shown = call.attempt?.timeout ? { message: `no response within ${timeoutMs} ms` } : error;
        line({ error: describeError(shown, call.secrets) });
        throw error;
      }
    },
  };
}
