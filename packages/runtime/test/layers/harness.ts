import { attemptRequest } from "../../src/layers/attempt-request.js";
import { startCall, type Call } from "../../src/layers/call.js";
import { compose, type Layer, type Next } from "../../src/layers/layer.js";
import type { SendOptions } from "../../src/transport.js";

/** Runs one layer alone over `next`, with a fresh call for `request` (`setUp` first); returns the call so tests can look at it. */
export function runLayer(
  layer: Layer,
  request: Request,
  next: Next,
  options: SendOptions = {},
  setUp: (call: Call) => void = () => {},
): { call: Call; result: Promise<Response> } {
  const call = startCall(request, options);
  // What the layers outside would have left on the call.
  setUp(call);
  return { call, result: layer(request, next, call) };
}

/** A `next` that records every request it gets and answers from `answer`. */
export function recordingNext(answer: (request: Request, index: number) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const next: Next = async (request) => {
    seen.push(request);
    return answer(request, seen.length - 1);
  };
  return { next, seen };
}

/**
 * `layers` composed over `next`, which gets each attempt as it is sent: one Request with what the layers left on the
 * call (credential, URL, signal; see `attemptRequest`).
 */
export function asSent(...layers: Layer[]): Layer {
  return (request, next, call) => compose(layers, (sent, inner) => next(attemptRequest(sent, inner), inner))(request, call);
}
