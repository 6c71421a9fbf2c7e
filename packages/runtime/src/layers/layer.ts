import { describeValue, InputError } from "../input-error.js";
import { describeError } from "../retry.js";
import { attemptRequest } from "./attempt-request.js";
import type { Call } from "./call.js";
import { cancelQuietly } from "../read-body.js";
import { redactError, redactText } from "../redact.js";
import { untilAborted } from "../signal-followers.js";

/**
 * Sends a request on to the rest of the pipeline and resolves its response. The call goes along, so that the
 * pipeline is composed once per transport and a call makes no function of its own per layer.
 */
export type Next = (request: Request, call: Call) => Promise<Response>;

/**
 * A user layer of the transport: it runs once per attempt, inside retries, after credentials are applied, so it sees
 * (and may change) exactly what is sent, and gets the response before its body is read.
 */
export type AttemptMiddleware = (request: Request, next: (request: Request) => Promise<Response>) => Promise<Response>;

/**
 * The InputError for a function of the caller's that threw (a middleware layer, a `shouldRetry`): the caller's bug, not
 * a network failure, so it is final. Redacted of the call's secrets, which the function saw (the request's credentials,
 * a response's URL with its query token), in its text and in its cause.
 *
 * @example
 * throw callerThrew("shouldRetry", "shouldRetry", error, call);
 */
export function callerThrew(field: string, name: string, error: unknown, call: Call): InputError {
  const said = error instanceof Error ? describeError(error, call.secrets) : redactText(describeValue(error), call.secrets);
  return new InputError(field, `${name} threw: ${said}`, { cause: redactError(error, call.secrets) });
}

/** A layer of the transport: one job on every attempt, with the call it belongs to. */
export type Layer = (request: Request, next: Next, call: Call) => Promise<Response>;

/** The end of the pipeline: the fetch that sends an attempt. */
export type Send = Next;

/**
 * Composes layers, outermost first, around `send`. Each layer's `next` is the layers inside it, given the same call; a
 * layer may call it more than once (a retry, a resend after a 401) and every call goes through all of them.
 *
 * @example
 * const run = compose([retry, credentials, timeout], (request) => fetch(request));
 * const response = await run(request, call);
 */
export function compose(layers: readonly Layer[], send: Send): Send {
  return layers.reduceRight<Send>((inner, layer) => (request, call) => layer(request, inner, call), send);
}

/**
 * Turns user middleware into layers that ignore the call, so a user never sees (or depends on) the runtime's internals.
 *
 * @example
 * const layers = middlewareLayers([async (request, next) => next(request)]);
 */
export function middlewareLayers(middleware: readonly AttemptMiddleware[]): Layer[] {
  return middleware.map((layer, index) => async (request, next, call) => {
    // The attempt timeout layer, outside every middleware layer, has set the attempt's signal.
    const signal = call.attempt!.signal;
    let failure: { error: unknown } | undefined;
    let answer: Response | undefined;
    let response: unknown;
    try {
      // Middleware sees the attempt as it is sent: one Request with its credential and signal.
      // A layer that ignores the signal (one waiting on something else) ends with the attempt all the same.
      response = await untilAborted(
        layer(index ? request : attemptRequest(request, call), (attempt) =>
          // Not once the attempt ended: a layer waking late would send on a call that a later attempt now drives.
          (signal.aborted ? Promise.reject(signal.reason) : next(attempt, call)).then(
            (sent) => (answer = sent),
            (error: unknown) => {
              failure = { error };
              throw error;
            },
          ),
        ),
        signal,
      );
    } catch (error) {
      // Once what the layer sent on failed, or the attempt's signal ended it (its timeout, the caller), the failure is
      // the attempt's, however the layer wrapped it. Otherwise it is the layer's own (the caller's bug): thrown once
      // instead of retried as a network failure (an InputError is final).
      // A response the layer got before the attempt ended, and then stalled on, is let go: its connection is freed.
      if (signal.aborted) cancelQuietly(answer?.body);
      if (failure || signal.aborted) throw error;
      // The layer saw the attempt's credentials: neither its text nor its error may quote them.
      throw callerThrew("middleware", `middleware[${index}]`, error, call);
    }
    try {
      return checkResponse(response, "middleware", `middleware[${index}]`, ": return next(request)");
    } catch (error) {
      // Nothing resolved after the attempt failed (a catch that forgot to rethrow) or its signal ended: that is the
      // attempt's failure. Otherwise the response the layer dropped is let go, so that it holds no connection.
      if (failure || signal.aborted) throw failure ? failure.error : signal.reason;
      cancelQuietly(answer?.body);
      throw error;
    }
  });
}

/**
 * `value`, when it is a Response (of any fetch implementation: node-fetch's are not instances of the global one), else
 * an InputError saying what `name` resolved: a programming error, not a network one, so it is not retried.
 *
 * @example
 * return checkResponse(await fetch(request), "fetch", "fetch");
 */
export function checkResponse(value: unknown, field: string, name: string, hint = ""): Response {
  if (typeof (value as Partial<Response> | null | undefined)?.status === "number" && typeof (value as Response).headers?.get === "function") return value as Response;
  throw new InputError(field, `${name} must resolve a Response, got ${describeValue(value)}${hint}`);
}
