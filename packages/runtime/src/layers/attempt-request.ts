import { PlannedRequest } from "../planned-request.js";
import type { Call } from "./call.js";

/**
 * The attempt as one Request (see {@link attemptInit}), for what must be handed a whole Request: user middleware and a
 * `fetch` option. It is made once per attempt and remembered on the call.
 *
 * @example
 * const sent = attemptRequest(request, call);
 */
export function attemptRequest(request: Request, call: Call): Request {
  return (call.ready ??= new Request(...attemptInit(request, call)));
}

/**
 * What an attempt sends, as `fetch(url, init)` takes it: the request the layers outside handed on, with the attempt's
 * signal and what the layers left on the call: its `Authorization` header, its URL (query auth, a redirect hop) and
 * body (read once), and `redirect: "manual"` when the request carries a credential. When nothing moved, the request
 * itself goes with an init of the signal and headers: `fetch` copies a request once anyway, so no layer does. A
 * {@link PlannedRequest} always goes as its URL and an init.
 *
 * @example
 * const [url, init] = attemptInit(request, call);
 * const response = await globalThis.fetch(url, init);
 */
export function attemptInit(request: Request, call: Call): [Request | string, RequestInit] {
  const signal = call.attempt?.signal ?? call.signal;
  // A planned request is no Request: it always goes as a URL and an init (its settings read as none, its body as null).
  const moved = call.manual || call.url !== request.url || request instanceof PlannedRequest;
  if (!moved && !call.auth) return [request, { signal }];
  const headers = new Headers(request.headers);
  if (call.auth) headers.set("Authorization", call.auth);
  if (!moved) return [request, { signal, headers }];
  // Moved: the request's method and settings go with it. Its body goes as read (a Blob), since handing over the
  // request's stream would need `duplex: "half"`, which browsers other than Chromium do not support.
  const init: RequestInit = {
    method: request.method,
    headers,
    body: call.moved ?? null,
    signal,
    redirect: call.manual ? "manual" : request.redirect,
  };
  for (const key of ["credentials", "cache", "integrity", "keepalive", "referrerPolicy"] as const) (init as Record<string, unknown>)[key] = request[key];
  return [call.url, init];
}
