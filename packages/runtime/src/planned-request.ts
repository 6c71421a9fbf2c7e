import { fieldError } from "./input-error.js";

/**
 * What openapi-fetch builds for a call without a body when no openapi-fetch middleware could see it: the URL, as the
 * URL parser writes it (like a Request's: the origin check, redaction and log lines rely on that), the method, headers
 * and signal, sent as `fetch(url, init)` (see `attemptInit`), so that the platform makes one Request per attempt
 * instead of two.
 * Anything else (a body, a method other than GET, HEAD or DELETE, an option only a Request checks, a relative URL)
 * gets a real Request. Only the transport ever holds one, and reads only its URL, method, headers and signal (its body
 * reads as none): user middleware and a `fetch` option get a real Request (`attemptRequest`). Whatever the call, a
 * signal with no `addEventListener` is refused with an `InputError`: the platform's TypeError would quote it. One of
 * another realm passes: a planned call only listens to it, and a Request refuses it as before.
 *
 * @example
 * const { data } = await core.GET("/v1/tags", { Request: PlannedRequest });
 */
export class PlannedRequest {
  declare readonly url: string;
  declare readonly method: string;
  declare readonly headers: Headers;
  /** The caller's signal, or none: nothing of the runtime listens to a signal of its own. */
  declare readonly signal: AbortSignal | undefined;

  constructor(url: string, init: RequestInit & { headers: Headers }) {
    // The platform's TypeError would quote what is no signal (the options object it was taken from, a secret and all).
    // One of another realm passes: a planned call's transport only listens to it (a Request refuses it, as before).
    if (init.signal != null && typeof init.signal.addEventListener != "function") throw fieldError("signal", "must be an AbortSignal");
    // openapi-fetch's init: method, headers, body and redirect "follow", and a signal if the caller gave one. Any other
    // method (TRACE, one that is no token) gets a Request: it throws at once.
    let plain = init.body == null && init.redirect === "follow" && /^(GET|HEAD|DELETE) https?:/i.test(`${init.method} ${url}`);
    for (const key in init) plain &&= /^(method|headers|body|signal|redirect)$/.test(key);
    // A constructor that returns an object makes `new` give that object.
    if (!plain) return new Request(url, init) as unknown as PlannedRequest;
    this.url = new URL(url).href;
    this.method = init.method!;
    this.headers = init.headers;
    this.signal = init.signal || undefined;
  }
}
