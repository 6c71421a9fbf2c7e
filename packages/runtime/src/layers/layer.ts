import { attemptRequest } from "./attempt-request.js";
import type { Call } from "./call.js";

/** Sends a request on to the rest of the pipeline and resolves its response. */
export type Next = (request: Request) => Promise<Response>;

/**
 * A user layer of the transport: it runs once per attempt, inside retries, after credentials are applied, so it sees
 * (and may change) exactly what is sent, and gets the response before its body is read.
 */
export type AttemptMiddleware = (request: Request, next: Next) => Promise<Response>;

/** A layer of the transport: one job on every attempt, with the call it belongs to. */
export type Layer = (request: Request, next: Next, call: Call) => Promise<Response>;

/** The end of the pipeline: the fetch that sends an attempt. */
export type Send = (request: Request, call: Call) => Promise<Response>;

/**
 * Composes layers, outermost first, around `send`. Each layer gets a `next` bound to the same call, so a layer may
 * call it more than once (a retry, a resend after a 401) and every call goes through all the layers inside it.
 *
 * @example
 * const run = compose([retry, credentials, timeout], (request) => fetch(request));
 * const response = await run(request, call);
 */
export function compose(layers: readonly Layer[], send: Send): Send {
  return layers.reduceRight<Send>((inner, layer) => (request, call) => layer(request, (next) => inner(next, call), call), send);
}

/**
 * Turns user middleware into layers that ignore the call, so a user never sees (or depends on) the runtime's internals.
 *
 * @example
 * const layers = middlewareLayers([async (request, next) => next(request)]);
 */
export function middlewareLayers(middleware: readonly AttemptMiddleware[]): Layer[] {
  // Middleware sees the attempt as it is sent: one Request with its credential and signal.
  return middleware.map((layer, index) => (request, next, call) => layer(index === 0 ? attemptRequest(request, call) : request, next));
}
