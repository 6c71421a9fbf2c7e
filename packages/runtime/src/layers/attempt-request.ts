import { requestTo } from "../url.js";
import type { Call } from "./call.js";

/**
 * The request an attempt sends, as one Request: a copy of the request the layers outside handed on, with the
 * attempt's signal and what the credentials layer left on the call: its `Authorization` header, or its URL (query
 * auth) and body (read once) with `redirect: "manual"` when the request carries a credential. A Request copy costs
 * more than the rest of an attempt's own work, so it is made only where a whole Request must be handed over (a
 * redirect followed by hand, user middleware, a `fetch` option) and remembered on the call; the platform's `fetch`
 * takes the attempt's part as its `init` instead (see {@link attemptInit}).
 *
 * @example
 * const sent = attemptRequest(request, call);
 */
export function attemptRequest(request: Request, call: Call): Request {
  if (call.ready !== undefined) return call.ready;
  const signal = call.attempt?.signal ?? call.signal;
  if (!call.guarded && call.url === request.url) {
    call.ready = new Request(request, { signal });
    if (call.authorization !== undefined) call.ready.headers.set("Authorization", call.authorization);
    return call.ready;
  }
  const headers = new Headers(request.headers);
  if (call.authorization !== undefined) headers.set("Authorization", call.authorization);
  call.ready = requestTo(call.url, request, { body: call.movedBody ?? null, headers, signal, redirect: call.guarded ? "manual" : undefined });
  return call.ready;
}

/**
 * What the platform's `fetch(request, init)` needs on top of a request no layer copied: the attempt's signal and, with
 * a header credential, the headers with its `Authorization`. `fetch` copies the request once anyway, so nothing else
 * does.
 *
 * @example
 * const response = await globalThis.fetch(request, attemptInit(request, call));
 */
export function attemptInit(request: Request, call: Call): RequestInit {
  const signal = call.attempt?.signal ?? call.signal;
  if (call.authorization === undefined) return { signal };
  const headers = new Headers(request.headers);
  headers.set("Authorization", call.authorization);
  return { signal, headers };
}
