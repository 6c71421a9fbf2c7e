import { requestTo } from "../url.js";
import type { Call } from "./call.js";

/**
 * The request an attempt sends: the one copy it makes of the request the layers outside handed on, with the attempt's
 * signal and what the credentials layer left on the call: its `Authorization` header, or its URL (query auth) and
 * body (read once) with `redirect: "manual"` when the request carries a credential. A Request copy costs more than
 * the rest of an attempt's own work, so it is made here once instead of once per layer.
 *
 * @example
 * const sent = attemptRequest(request, call, attempt.signal);
 */
export function attemptRequest(request: Request, call: Call, signal: AbortSignal): Request {
  if (!call.guarded && call.url === request.url) {
    const sent = new Request(request, { signal });
    if (call.authorization !== undefined) sent.headers.set("Authorization", call.authorization);
    return sent;
  }
  const headers = new Headers(request.headers);
  if (call.authorization !== undefined) headers.set("Authorization", call.authorization);
  return requestTo(call.url, request, { body: call.movedBody ?? null, headers, signal, redirect: call.guarded ? "manual" : undefined });
}
