import { fetchWithinOrigin } from "../redirect.js";
import type { Call } from "./call.js";
import type { Layer, Next } from "./layer.js";

/**
 * The redirect guard layer: a request that carries a credential in its URL or body (marked `guarded` by the
 * credentials layer, and sent with `redirect: "manual"`) follows redirects by hand, only within its own origin and
 * over https, at most 5 hops, resending the body read once; any other redirect throws a `RedirectError` and nothing
 * is sent there (see `fetchWithinOrigin`). Each hop goes through the layers inside, user middleware included, with
 * its URL and body left on the call (see `attemptInit`). Other requests keep the platform's behaviour.
 *
 * @example
 * const layer = redirectGuardLayer();
 */
export function redirectGuardLayer(): Layer {
  return (request, next, call) => (call.guarded ? guarded(request, next, call) : next(request, call));
}

// Each hop is the call's URL and body, sent through the layers inside.
async function guarded(request: Request, next: Next, call: Call): Promise<Response> {
  const { url, movedBody } = call;
  const hop = (to: string, keepBody: boolean) => {
    call.url = to;
    call.movedBody = keepBody ? movedBody : null;
    call.ready = undefined;
    return next(request, call);
  };
  try {
    // A copy of the call that keeps its first URL (the call's own moves with each hop): its method, URL and secrets.
    return await fetchWithinOrigin(hop, { ...call, url });
  } finally {
    // The next attempt starts from the request's own URL and body again.
    call.url = url;
    call.movedBody = movedBody;
  }
}
