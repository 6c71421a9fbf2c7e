import { fetchWithinOrigin } from "../redirect.js";
import type { Layer } from "./layer.js";

/**
 * The redirect guard layer: a request that carries a credential in its URL or body (marked `manual` by the
 * credentials layer, and sent with `redirect: "manual"`) follows redirects by hand, only within its own origin and
 * over https, at most 5 hops, resending the body read once; any other redirect throws a `RedirectError` and nothing
 * is sent there (see `fetchWithinOrigin`). Each hop goes through the layers inside, user middleware included, with
 * its URL and body left on the call (see `attemptInit`). Other requests keep the platform's behaviour.
 *
 * @example
 * const layers = [credentialsLayer(authorizer, purpose), redirectGuardLayer];
 */
export const redirectGuardLayer: Layer = (request, next, call) => (call.manual ? fetchWithinOrigin(request, next, call) : next(request, call));
