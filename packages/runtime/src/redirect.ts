import { RedirectError } from "./errors.js";
import { callError, type Call } from "./layers/call.js";
import type { Next } from "./layers/layer.js";
import { redactText, redactUrl } from "./redact.js";
import { cancelQuietly } from "./read-body.js";

/** How many redirects a request that carries a credential follows before it gives up. */
export const MAX_REDIRECTS = 5;

/**
 * Sends a call that carries a credential (in its body, query or URL) with `redirect: "manual"` through `next`, and
 * follows redirects by hand: only within the request's own origin (so over https, or http on loopback, as the request
 * itself), at most {@link MAX_REDIRECTS} hops, each with the call's query credential. Each hop goes through `next`
 * with its URL and body left on the call (the body read once, or none); once done, the call has its own URL and body
 * back for the next attempt. 307 and 308 resend the same method and body; 301, 302 and 303 are followed only by GET
 * and HEAD, since for any other method `fetch` would turn it into a GET without its body. Anything else, and any
 * redirect whose target the platform hides (a browser's opaque redirect), throws a {@link RedirectError} that quotes
 * its Location as sent, redacted; nothing is sent there.
 *
 * @example
 * const layer: Layer = (request, next, call) => (call.manual ? fetchWithinOrigin(request, next, call) : next(request, call));
 */
export async function fetchWithinOrigin(request: Request, next: Next, call: Call): Promise<Response> {
  const { url, moved } = call;
  let keepBody = true;
  try {
    for (let hops = 0; ; hops++) {
      call.moved = keepBody ? moved : null;
      call.ready = undefined;
      const response = await next(request, call);
      // 301, 302, 303, 307 or 308 (a status is a number, which test() reads as its digits).
      if (response.type !== "opaqueredirect" && !(/^30[12378]$/.test(response.status as unknown as string) && response.headers.has("location"))) return response;
      cancelQuietly(response.body);
      const location = response.headers.get("location");
      const refuse = (why: string, quoted?: boolean) => {
        // The Location as the server wrote it, redacted: the URL parser's href re-encodes an echoed credential (' as
        // %27) or lower-cases it in a host name, out of redaction's reach. Never one with user info (refused first, and
        // unquoted), which the parser finds in more forms than redaction (//user:pw@host, up to the last @); controls
        // and spaces percent-encoded, so that the server writes no text of its own into the message.
        // Named by its first URL (the call's own moves with each hop), with the call's method and secrets.
        return callError(
          RedirectError,
          { ...call, url },
          `was redirected${response.status ? ` (${response.status})` : ""}${quoted ? ` to ${redactText(redactUrl(location!), call.secrets).replace(/[\p{C}\p{Z}]/gu, encodeURIComponent).slice(0, 300)}` : ""}, which was not followed: ${why}.`,
          { status: response.status || undefined },
        );
      };
      if (response.type === "opaqueredirect") throw refuse("this platform hides its target");
      let parsed: URL;
      try {
        parsed = new URL(location!, call.url);
      } catch {
        throw refuse("an invalid Location URL");
      }
      // 307 and 308 resend the method and body; 301, 302 and 303 would turn any but GET and HEAD into a GET without it.
      const keeps = /^30[78]$/.test(response.status as unknown as string);
      // Why the hop may not be taken, each tested in turn.
      // fetch would refuse it with a TypeError that quotes the URL, reported as a network error rather than a redirect.
      if (parsed.username || parsed.password) throw refuse("a URL with user info");
      if (hops >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects in a row`, true);
      // The request's origin passed checkSecureUrl, so this refuses plain http too: the scheme is part of an origin.
      // Parsed here, on a redirect, rather than on every attempt.
      const origin = new URL(url).origin;
      if (parsed.origin !== origin) throw refuse(`another origin; a credential is sent only within ${origin}`, true);
      if (!keeps && !/^(GET|HEAD)$/.test(call.method)) {
        throw refuse(`a ${response.status}, which would turn the ${call.method} into a GET; only 307 and 308 keep it`, true);
      }
      keepBody = keeps;
      // A query credential goes with each hop, as fetch keeps an Authorization header within the origin: a Location
      // without it would be answered 401.
      call.url = call.query?.(parsed.href) ?? parsed.href;
    }
  } finally {
    // The next attempt starts from the request's own URL and body again.
    call.url = url;
    call.moved = moved;
  }
}
