import { backoffMs, MAX_RETRY_AFTER_MS, retryAfterMs } from "../retry.js";
import { AttemptFailure, type FailureKind } from "./attempt-failure.js";
import { pause, throwIfAborted, type Call } from "./call.js";
import type { Layer } from "./layer.js";
import { cancelQuietly, cancelRequestBody } from "../read-body.js";

/**
 * What an attempt came to, for {@link ShouldRetry}: a response (its body unread), or a failure: no response in time
 * (`timeout`), a network error (`connection`, with the error), a body that broke off (`body`) or a 2xx body of a
 * JSON operation that is not JSON (`not-json`). `safe`: whether sending the request again is harmless: of a response,
 * when its method is idempotent, it is a token request (see `TransportOptions.purpose`) or marked so
 * (`SendOptions.safe`, an operation marked idempotent); of a failure, also when the connection failed before anything
 * was sent.
 */
export type RetryOutcome = { method: string; retries: number; safe: boolean } & ({ response: Response } | { failure: FailureKind; error: unknown });

/**
 * Decides whether an attempt is sent again (while retries are left); see {@link defaultShouldRetry}. Only `true`
 * resends: any other answer, a Promise (an async policy's) or the text "true" included, does not, so that no such
 * answer sends a POST twice. It must be synchronous. One that throws fails the call at once, not retried, with an
 * `InputError` on `shouldRetry` quoting what it threw, redacted of the call's credentials (its cause a redacted copy),
 * and the response it was asked about is cancelled. With OAuth 2 it is also asked
 * about a 401 that the credentials layer then answers by resending with a fresh token, whatever it says.
 */
export type ShouldRetry = (outcome: RetryOutcome) => boolean;

/** A policy as the retry layer asks it: with the call too, for the one createTransport makes of a caller's {@link ShouldRetry}. */
export type Policy = (outcome: RetryOutcome, call: Call) => boolean;

/**
 * The default policy. A response: 429 for every request (the server refused to act), 408 and 5xx for `safe` ones
 * only (idempotent, a token request or marked `safe`), since a POST that met a 500 may have been carried out. A
 * failure: when it is `safe`, i.e. the request is, or the connection failed before anything was sent. It reads `safe`,
 * not `method`: to mark a request of your own repeatable, pass `{ ...outcome, safe: true }`.
 *
 * @example
 * createTransport({ shouldRetry: (outcome) => defaultShouldRetry(outcome) && outcome.method !== "DELETE" });
 */
export function defaultShouldRetry(outcome: RetryOutcome): boolean {
  // A failure is read as a 500: retried when safe.
  const status = "response" in outcome ? outcome.response.status : 500;
  // A JavaScript caller's outcome without safe reads as not safe, and is answered a boolean all the same.
  return status === 429 || (!!outcome.safe && (status === 408 || status >= 500));
}

/**
 * The retry layer: sends each attempt through the layers inside it, resending while `shouldRetry` says so and
 * retries are left, after an exponential backoff with jitter or the `Retry-After`/`retry-after-ms` the response asks
 * for (at most 60 s: a response that asks for longer is returned as it is). A request with a body is cloned only
 * while it may have to be sent again. The caller's signal ends a backoff wait at once. `shouldRetry` is told whether
 * the request is safe to send again (`Call.safe`: its method is idempotent, it is a token request, or marked `safe`).
 *
 * @example
 * const layer = retryLayer({ maxRetries: 2, retryDelay: { baseMs: 500, maxMs: 8000 }, shouldRetry: defaultShouldRetry });
 */
export function retryLayer(options: { maxRetries: number; retryDelay: { baseMs: number; maxMs: number }; shouldRetry: Policy }): Layer {
  return async (template, next, call) => {
    // The response last decided on and its wait, as a pair.
    let decided: [Response, number | undefined] | undefined;
    // The wait before resending after this response, or undefined when it is handed on: no retry left, the policy says
    // no, or it asks for longer than MAX_RETRY_AFTER_MS.
    const delayFor = (response: Response): number | undefined => {
      if (decided?.[0] !== response) {
        let delayMs: number | undefined;
        if (call.retries < options.maxRetries && options.shouldRetry({ method: call.method, retries: call.retries, response, safe: call.safe }, call) === true) {
          const asked = retryAfterMs(response.headers);
          // Not more than MAX_RETRY_AFTER_MS, or not asked (asked is never NaN).
          if (!(asked! > MAX_RETRY_AFTER_MS)) delayMs = asked ?? backoffMs(call.retries, options.retryDelay);
        }
        decided = [response, delayMs];
      }
      return decided[1];
    };
    call.drops.push((response) => delayFor(response) !== undefined);
    for (;;) {
      throwIfAborted(call);
      const last = call.retries >= options.maxRetries;
      let response: Response | undefined;
      let delayMs: number | undefined;
      const sent = !template.body || last ? template : template.clone();
      try {
        response = await next(sent, call);
      } catch (error) {
        // A copy's branch of the body left unread would keep the source open even once the caller's is cancelled (the
        // transport cancels that one): an attempt that ended early (an abort in a wait, a body read to move it) read neither.
        if (sent !== template) cancelQuietly(sent.body);
        if (!(error instanceof AttemptFailure)) throw error;
        if (last || options.shouldRetry({ method: call.method, retries: call.retries, failure: error.kind, error: error.cause, safe: error.safe }, call) !== true) {
          // "1 attempt", "3 attempts": how error messages count.
          throw error.toError(`${call.retries + 1} attempt${call.retries ? "s" : ""}`);
        }
        delayMs = backoffMs(call.retries, options.retryDelay);
      }
      if (response) {
        delayMs = delayFor(response);
        if (delayMs === undefined) {
          // Not kept once handed on: a streamed body keeps the call, and the platform frees a body dropped unread only once
          // its Response is collected.
          decided = undefined;
          // Nor is the caller's body, never sent again: its branch of the copy's tee holds all the copy read, and a streamed
          // body keeps the caller's request. One fetch made of a FormData is not: its copy's branch may be cancelled already,
          // and both cancelled would end the process (see cancelRequestBody).
          if (sent !== template) cancelRequestBody(template);
          return response;
        }
        // A body left unread would keep its connection busy until garbage collection.
        cancelQuietly(response.body);
      }
      // Counted once the wait is over: an abort during the wait names the attempts actually made.
      await pause(call, delayMs!);
      call.retries++;
    }
  };
}
