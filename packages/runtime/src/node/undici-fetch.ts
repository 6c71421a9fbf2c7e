// The Node fast transport: a fetch on undici's `request` API, which skips the WHATWG Request and fetch machinery
// that the platform's fetch runs per request. Node only; reached through the `@apis/runtime/undici` subpath, so no
// other entry point (and no browser bundle) imports undici.
// First, so that an older Node is told what it lacks before undici fails to load there.
import "./node-version.js";
import { pipeline, Readable, Transform, type TransformCallback } from "node:stream";
import * as zlib from "node:zlib";
import { request, type Dispatcher } from "undici";
import { describeValue, InputError } from "../input-error.js";
import { isFormBody, readBody } from "../read-body.js";
import { follow as followSignal } from "../signal-followers.js";

/** Options of {@link undiciFetch}. */
export interface UndiciFetchOptions {
  /**
   * The undici dispatcher requests go through (an `Agent`, a `ProxyAgent`). Default: undici's global one. A `Pool` or
   * `Client` sends every request to the one origin it was made for, whatever the URL (a redirect to another origin,
   * a token endpoint on another host too), and undici offers no way to check it: give one only to a client whose
   * every request goes to that origin.
   */
  dispatcher?: Dispatcher | undefined;
}

/** A fetch that takes its arguments as the platform's does. */
export type PlatformFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** What one request sends; `body` is read whole before it goes, so that a redirect can send it again. */
interface Outgoing {
  url: string;
  /** The URL's explicit port, for the bad-port check: parsed with the URL, none for one that does not parse. */
  port: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | string | null;
  signal: AbortSignal | undefined;
  redirect: RequestRedirect;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// As many hops and content codings as the platform's fetch allows.
const MAX_REDIRECTS = 20;
const MAX_CODINGS = 5;
// Sent again after a redirect only within the same origin, as fetch does.
const ORIGIN_BOUND_HEADERS = ["authorization", "cookie", "proxy-authorization"];
// The Fetch standard's bad ports: those of protocols other than HTTP (SMTP, IRC, SIP, NFS...), which fetch never
// connects to, so that neither a caller nor a server's redirect can make a request speak HTTP to such a service.
const BAD_PORTS = new Set(
  [
    1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119,
    123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990,
    993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
  ].map(String),
);
// What the Response constructor takes as a statusText: HTTP's reason-phrase (tab, space, visible ASCII, obs-text).
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;
// The signal of a request sent without one.
const NEVER = new AbortController().signal;
const NORMALIZED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
const CONDITIONAL_HEADERS = ["if-modified-since", "if-none-match", "if-unmodified-since", "if-match", "if-range"];
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];

/**
 * A fetch for Node on undici's `request` API, for a client's `fetch` option: the same requests and answers as the
 * platform's fetch at a fraction of its cost per request (`pnpm bench` measures it). It follows redirects as fetch
 * does (at most 20; 303, and 301/302 after a POST, become a GET without body; `Authorization`, `Cookie` and
 * `Proxy-Authorization` stay behind when the origin changes; `redirect: "manual"` returns the 3xx), decodes gzip,
 * deflate (zlib-wrapped or raw), br and, where Node's zlib has it, zstd bodies, and stops at the request's signal. It differs in three ways: a request body is read whole
 * before it is sent (so that a redirect can send it again), no `Accept-Encoding` is added, so servers answer
 * uncompressed unless asked otherwise, and a request that sets `integrity` is refused rather than left unchecked. Needs the `undici` package, a dependency of `@apis/runtime`, and Node 20.18 or
 * later; browsers, Deno and Bun keep the platform's fetch.
 *
 * @example
 * import { undiciFetch } from "@apis/runtime/undici";
 * const client = createClient({ auth, fetch: undiciFetch() });
 */
export function undiciFetch(options: UndiciFetchOptions = {}): PlatformFetch {
  const dispatcher = options.dispatcher;
  if (dispatcher !== undefined && typeof (dispatcher as Partial<Dispatcher> | null)?.dispatch !== "function") {
    throw new InputError("dispatcher", `dispatcher must be an undici Dispatcher (an Agent, a Pool), got ${describeValue(dispatcher)}`);
  }
  return async (input, init = {}) => send(await outgoing(input, init), dispatcher);
}

async function send(out: Outgoing, dispatcher: Dispatcher | undefined): Promise<Response> {
  // undici listens to the signal it is given for as long as the request and its body last: given the caller's, one
  // signal shared by many calls in flight would hold a listener for each, and Node 18 and 20 warn past 10. So each
  // request goes with a signal of its own, which follows the caller's through the one listener the runtime shares on
  // it (see signal-followers) until the response's body is done.
  const caller = out.signal;
  const own = caller && new AbortController();
  const follower = { handleEvent: () => own!.abort(caller!.reason) };
  const leave = () => followSignal(caller, follower, 1);
  if (caller) followSignal(caller, follower);
  try {
    for (let hops = 0; ; hops++) {
      if (caller?.aborted) throw caller.reason;
      if (BAD_PORTS.has(out.port)) throw failed(`a request to port ${out.port}, which fetch blocks`);
      const { method, headers, body } = out;
      let answer: Dispatcher.ResponseData;
      try {
        answer = await request(out.url, { method: method as Dispatcher.HttpMethod, headers, body, signal: own?.signal, dispatcher });
      } catch (error) {
        // As the platform's fetch: the signal's reason when it stopped the request, else a TypeError with the cause.
        throw caller?.aborted ? caller.reason : failed(error instanceof Error ? error.message : "network error", error);
      }
      const location = REDIRECT_STATUSES.has(answer.statusCode) ? answer.headers.location : undefined;
      if (location === undefined || out.redirect === "manual") {
        // Its body, however it ends (read, cancelled, given up once collected unread), ends the following.
        answer.body.once("close", leave);
        return toResponse(answer, out, hops > 0);
      }
      // A redirect's own body is not wanted: dump() reads a little of it, then gives up the connection.
      answer.body.dump().catch(() => {});
      if (out.redirect === "error") throw failed("the server redirected a request whose redirect mode is error");
      // The platform's words, by which the runtime tells a redirect loop from a network failure.
      if (hops === MAX_REDIRECTS) throw failed("redirect count exceeded");
      follow(out, answer.statusCode, location);
    }
  } catch (error) {
    leave();
    throw error;
  }
}

// The next hop of a redirect, as the Fetch standard's "HTTP-redirect fetch" makes it.
function follow(out: Outgoing, status: number, location: string | string[]): void {
  if (typeof location !== "string") throw failed("a redirect with more than one Location");
  let next: URL;
  try {
    next = new URL(asUtf8(location), out.url);
  } catch {
    throw failed("a redirect to a Location that is not a URL");
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") throw failed(`a redirect to a ${next.protocol} URL`);
  if (next.username !== "" || next.password !== "") throw failed("a redirect to a URL with credentials");
  if ((status === 303 && out.method !== "GET" && out.method !== "HEAD") || ((status === 301 || status === 302) && out.method === "POST")) {
    out.method = "GET";
    out.body = null;
    for (const name of BODY_HEADERS) delete out.headers[name];
  }
  if (next.origin !== new URL(out.url).origin) for (const name of ORIGIN_BOUND_HEADERS) delete out.headers[name];
  next.hash = "";
  out.url = next.href;
  out.port = next.port;
}

// Header values come as latin1, one character a byte. Some servers write a Location in raw UTF-8 ("/café"); fetch, as
// browsers, reads such a one as UTF-8, so that it names the path the server meant rather than a mojibake one.
function asUtf8(location: string): string {
  return /^[\x20-\x7e]*$/.test(location) ? location : Buffer.from(location, "latin1").toString("utf8");
}

async function outgoing(input: Request | string | URL, init: RequestInit): Promise<Outgoing> {
  const base = typeof input === "string" || input instanceof URL ? undefined : input;
  // fetch checks the body against it; going without the check would hand back, unchecked, the bytes it was to refuse.
  if ((init.integrity ?? base?.integrity ?? "") !== "") {
    throw new InputError("integrity", "undiciFetch does not check a response's integrity: use the platform's fetch for a request that sets it");
  }
  const target = requestUrl(base?.url ?? String(input));
  const method = methodOf(init.method ?? base?.method ?? "GET");
  const given = init.body !== undefined ? init.body : (base?.body ?? null);
  if (given !== null && (method === "GET" || method === "HEAD")) throw new TypeError("Request with GET/HEAD method cannot have body.");
  const headers: Record<string, string> = {};
  new Headers(init.headers ?? base?.headers).forEach((value, name) => {
    headers[name] = value;
  });
  // The platform's fetch sends the Host of the URL whatever the caller set; so does this, so that a Host header cannot
  // route a request (or, kept across a redirect, the next hop) to a virtual host other than the URL's.
  delete headers.host;
  // The platform's fetch names itself too; some vendors' firewalls refuse a request that names no agent.
  headers["user-agent"] ??= "node";
  // The Fetch standard asks for any type when none is named; some servers refuse (406) or pick an odd one without it.
  headers["accept"] ??= "*/*";
  // Node's fetch sends these with every request too (the request's mode, "cors" unless set, over the caller's header),
  // so that a server or firewall that reads them (one choosing the language of its messages by the first) sees the
  // same request from both.
  headers["accept-language"] ??= "*";
  const mode = init.mode ?? base?.mode;
  headers["sec-fetch-mode"] = mode === "same-origin" || mode === "no-cors" ? mode : "cors";
  // The cache mode as fetch writes it into the request (there being no cache here), for a CDN or proxy on the way: a
  // conditional request's default mode is no-store.
  const cache = init.cache ?? base?.cache ?? "default";
  if (cache === "only-if-cached" && mode !== "same-origin") throw new TypeError("'only-if-cached' can be set only with 'same-origin' mode");
  if (cache === "no-cache") headers["cache-control"] ??= "max-age=0";
  if (cache === "no-store" || cache === "reload" || (cache === "default" && CONDITIONAL_HEADERS.some((name) => name in headers))) {
    headers["pragma"] ??= "no-cache";
    headers["cache-control"] ??= "no-cache";
  }
  // A null one in init, as for the Request constructor, leaves out the Request's own.
  const signal = (init.signal !== undefined ? init.signal : base?.signal) ?? undefined;
  const body = await bodyBytes(given, headers, signal);
  return { ...target, method, headers, body, signal, redirect: init.redirect ?? base?.redirect ?? "follow" };
}

// The URL as the Request constructor takes it: serialised, one with credentials refused (undici would send it without
// them), and without its fragment, which is never sent, and which fetch leaves out of the response's url; with its
// explicit port from the same parse (see Outgoing).
function requestUrl(href: string): Pick<Outgoing, "url" | "port"> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    // request() refuses it, as it refuses any other.
    return { url: href, port: "" };
  }
  if (url.username !== "" || url.password !== "") throw new TypeError("Request cannot be constructed from a URL that includes credentials");
  url.hash = "";
  return { url: url.href, port: url.port };
}

// The method as the Request constructor takes it: the Fetch standard's six upper-cased, any other as given (HTTP's
// methods are case-sensitive), and those fetch never sends refused.
function methodOf(given: string): string {
  const upper = given.toUpperCase();
  if (FORBIDDEN_METHODS.has(upper)) throw new TypeError(`'${upper}' HTTP method is unsupported.`);
  return NORMALIZED_METHODS.has(upper) ? upper : given;
}

// A body as bytes or text, with the content type fetch would give it (a FormData's boundary, a URLSearchParams').
async function bodyBytes(body: BodyInit | null, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<Uint8Array | string | null> {
  if (body === null) return null;
  if (typeof body === "string") {
    headers["content-type"] ??= "text/plain;charset=UTF-8";
    return body;
  }
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const serialized = new Response(body);
  const type = serialized.headers.get("content-type");
  if (type !== null) headers["content-type"] ??= type;
  // Read within the signal as fetch stops sending it: a stream whose source stalls would otherwise hold the request
  // forever, past the caller's abort and the runtime's timeout, which both work through the signal.
  // No bound (Infinity): the whole body, never undefined. One fetch made of a FormData is read whole: cancelled, it
  // would end the process (see isFormBody).
  try {
    return (await readBody(serialized, isFormBody(new Headers(headers)) ? NEVER : (signal ?? NEVER), Infinity))!;
  } catch (error) {
    // As fetch: the signal's reason when it stopped the read, else a TypeError carrying what failed (the source's error).
    throw signal?.aborted ? signal.reason : failed("the request body could not be read", error);
  }
}

function toResponse(answer: Dispatcher.ResponseData, out: Outgoing, redirected: boolean): Response {
  const status = answer.statusCode;
  let headers: Headers;
  try {
    headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
    }
  } catch (error) {
    discard(answer.body);
    throw failed("response headers that fetch cannot carry", error);
  }
  if (status < 200 || status > 599) {
    discard(answer.body);
    throw failed(`a response with status ${status}`);
  }
  const empty = out.method === "HEAD" || status === 204 || status === 205 || status === 304;
  if (empty) answer.body.dump().catch(() => {});
  const body = empty ? null : webStream(decoded(answer.body, headers.get("content-encoding")), out.signal);
  const statusText = (answer as { statusText?: string | undefined }).statusText ?? "";
  // undici reads the reason phrase as UTF-8, which Response refuses outside latin1; fetch shows it as it came, so this
  // does too, rather than failing (and leaving the body unread) over a server's localised "200 Καλώς".
  const carried = REASON_PHRASE.test(statusText);
  const response = new Response(body, { status, statusText: carried ? statusText : "", headers });
  if (!carried) Object.defineProperty(response, "statusText", { value: statusText, enumerable: true, configurable: true });
  Object.defineProperty(response, "url", { value: out.url, enumerable: true, configurable: true });
  Object.defineProperty(response, "redirected", { value: redirected, enumerable: true, configurable: true });
  if (body !== null) unread.register(response, answer.body);
  return response;
}

// The body of a Response collected unread is given up, so that its connection is freed rather than held until the
// server closes it: a caller that drops a response unread cannot starve the pool. (The platform's fetch cancels such a
// body too, but on Node 24 its connection stays open. A body read to its end is given up already; discarding it does
// nothing.)
const unread = new FinalizationRegistry<Readable>((body) => discard(body));

// Gives up a body nobody will read. undici's body errors when destroyed before its end, and an error event with no
// listener is thrown out of the event loop: an uncaught exception a hostile server could cause at will.
function discard(body: Readable): void {
  body.on("error", () => {});
  body.destroy();
}

// A Node stream as a web one that stops taking data once cancelled (Readable.toWeb throws out of an event handler when
// data arrives after a cancel: an uncaught exception), reading only as fast as the reader asks. It fails as fetch's
// body does: with the signal's reason when that stopped it, else a TypeError carrying what failed (a socket's error, a
// coding's), so that a caller telling a network failure by its TypeError sees one while reading too.
function webStream(body: Readable, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      body.on("data", (chunk: Uint8Array) => {
        if (done) return;
        // A copy, as fetch hands on: undici's chunk is a Buffer viewing the whole socket read, the response's head too.
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) body.pause();
      });
      body.once("end", () => {
        if (!done) controller.close();
        done = true;
      });
      body.once("error", (error) => {
        if (!done) controller.error(signal?.aborted ? signal.reason : new TypeError("terminated", { cause: error }));
        done = true;
      });
      body.once("close", () => {
        if (!done) controller.error(failed("the connection closed before the body ended"));
        done = true;
      });
    },
    pull() {
      body.resume();
    },
    cancel() {
      done = true;
      body.destroy();
    },
  });
}

// The body with its content codings undone, last applied first, as fetch does; a list that names one it does not know
// (identity and an empty one among them, as for fetch) leaves the body as it came.
function decoded(body: Readable, encoding: string | null): Readable {
  if (encoding === null) return body;
  const codings = encoding.toLowerCase().split(",").map((coding) => coding.trim());
  if (codings.length > MAX_CODINGS) {
    discard(body);
    throw failed(`more than ${MAX_CODINGS} content codings`);
  }
  if (!codings.every((coding) => DECODERS.has(coding))) return body;
  const streams = [body, ...codings.reverse().map((coding) => DECODERS.get(coding)!())] as unknown as Parameters<typeof pipeline>;
  return (pipeline as (...args: unknown[]) => Readable)(...streams, () => {});
}

// Servers often end a gzip or deflate stream without its final flush; fetch accepts that, so these do too.
const { constants } = zlib;
const FLUSH = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const DECODERS = new Map<string, () => NodeJS.ReadWriteStream>([
  ["gzip", () => zlib.createGunzip(FLUSH)],
  ["x-gzip", () => zlib.createGunzip(FLUSH)],
  ["deflate", () => new Inflate()],
  ["br", () => zlib.createBrotliDecompress({ flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH })],
]);
// zstd as Node's fetch decodes it, where this Node's zlib has it (22.15 and 23.8 on).
if (typeof zlib.createZstdDecompress === "function") {
  DECODERS.set("zstd", () => zlib.createZstdDecompress({ flush: constants.ZSTD_e_continue, finishFlush: constants.ZSTD_e_end }));
}

// A deflate body, zlib-wrapped as RFC 9110 says or raw as some servers send it: fetch, as browsers, tells them apart by
// the first byte (a zlib header's low nibble is 8), so this does too. What it inflates waits while the reader does, so
// that a small body that inflates to gigabytes is never held whole.
class Inflate extends Transform {
  #inner: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback): void {
    if (chunk.length === 0) return done();
    if (this.#inner === undefined) {
      const inner = (this.#inner = (chunk[0]! & 0x0f) === 8 ? zlib.createInflate(FLUSH) : zlib.createInflateRaw(FLUSH));
      inner.on("data", (data: Buffer) => {
        if (!this.push(data)) inner.pause();
      });
      inner.on("error", (error) => this.destroy(error));
    }
    this.#inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    // A stream that ended before the body did (bytes after its end, which fetch ignores) has sent its 'end' already.
    if (this.#inner === undefined || this.#inner.readableEnded) return done();
    this.#inner.once("end", () => done()).end();
  }

  override _read(size: number): void {
    this.#inner?.resume();
    super._read(size);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    super._destroy(error, done);
  }
}

// A failed fetch rejects with a TypeError, as the platform's does, so that retries treat it as a network error.
function failed(reason: string, cause?: unknown): TypeError {
  return new TypeError(`fetch failed: ${reason}`, cause === undefined ? undefined : { cause });
}
