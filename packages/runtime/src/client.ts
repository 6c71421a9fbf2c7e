// form.js first: it puts the form writers where gzip finds their repeated text nearest (18 to 104 bytes per bundle).
import { multipartBody, toFormUrlEncoded } from "./form.js";
import createClient, { type Client, type HeadersOptions } from "openapi-fetch";
import { authorizeAny, type Auth, type Authorize } from "./auth.js";
import { withDefaultHeader } from "./default-header.js";
import { checkHeadersOption } from "./header-value.js";
import type { InvalidResponseError } from "./errors.js";
import { fieldError } from "./input-error.js";
// credential-bearing.js after input-error.js and operation-auth.js after secure-url.js, for bundle size only (gzip finds
// more repeated text in that module order); no side effects.
import { bodyCredentials } from "./credential-bearing.js";
import type { Logger } from "./logger.js";
import { jsonData } from "./paid-response.js";
// params.js after paid-response.js for bundle size only (gzip finds a few more bytes there); no side effects.
import { checkPathParams, encodeQueryNames } from "./params.js";
// Here rather than in name order for bundle size only (gzip finds about 5 more bytes in that module order).
import { callMethods, type AnyMethod } from "./client-methods.js";
import { PlannedRequest } from "./planned-request.js";
import type { OperationMeta, OperationTable } from "./operations.js";
import type { RateLimitOptions } from "./rate-limit.js";
import type { RetryDelayOptions } from "./retry.js";
import { ownStream } from "./read-body.js";
import type { CallContext as CallAbout, CallHooks, CallInit } from "./vendor-calls.js";
import { checkBaseUrl } from "./secure-url.js";
import { sendsCredentials } from "./operation-auth.js";
import { transportWith, baseTransportOptions, type AttemptMiddleware, type FetchLike, type SendOptions, type Transport } from "./transport.js";

/** Options of {@link createApiClient}. */
export interface ClientOptions {
  /**
   * Base URL of the API, e.g. `https://api.example.com`: https (http only on loopback). A relative one is accepted
   * only in a browser page; a protocol-relative one (`//host`) never.
   */
  baseUrl: string;
  /** Spec server URL -> base URL to use instead, for operations that name their own server. Same rule as `baseUrl`. */
  servers?: Record<string, string> | undefined;
  /** Per-operation metadata generated from the spec. */
  operations: OperationTable;
  auth: Auth;
  /**
   * The fetch underneath: a function. Default `globalThis.fetch`, looked up at call time. One of your own should honour
   * the signal it is given, so that the request itself is cancelled; one that ignores it still has each attempt end at
   * `timeoutMs` or the call's `signal` (its late response's body is cancelled).
   */
  fetch?: FetchLike | undefined;
  /**
   * Bound on each attempt, in milliseconds: an integer from 1 to 2^31-1. Default 60 000. `timeoutMs` bounds each attempt until its buffered body
   * has been read in full, headers and body alike; a body the caller streams (`parseAs: "stream"`, CX
   * `downloadFile`) is bounded only until its headers arrive.
   */
  timeoutMs?: number | undefined;
  /**
   * Bound on the size of every body the client buffers, in bytes. Default 134 217 728 (128 MiB); `Infinity` turns it
   * off. `maxResponseBytes` bounds every body the client buffers (JSON, text, blob, error bodies and token
   * responses): a larger body is cancelled and the call fails with a `ResponseTooLargeError` naming the limit.
   * An error status's body is read up to 1 MiB: past that it is cancelled, and a note stands in for it as `error`.
   */
  maxResponseBytes?: number | undefined;
  /** Retries where a retry is safe: an integer from 0 to 10. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff tuning, each from 0 to 2^31-1 ms. Defaults 500 / 8000 ms. */
  retryDelay?: RetryDelayOptions | undefined;
  /** Headers sent with every request: a `Headers`, a record, or an array of `[name, value]` pairs. */
  headers?: RequestInit["headers"] | undefined;
  /**
   * Receives one `debug(message, fields)` line per attempt: method, redacted URL, status or error, attempt number and
   * duration in ms. `console` fits. No header, body or credential is ever logged.
   */
  logger?: Logger | undefined;
  /** Paces requests by the budget the vendor reports in response headers instead of running into 429s. */
  rateLimit?: RateLimitOptions | undefined;
  /**
   * Layers `(request, next) => Promise<Response>` run on every attempt, inside retries and after credentials are
   * applied, so they see exactly what is sent (see `TransportOptions.middleware`), the credential included (an
   * `Authorization` header, a query credential in `request.url`): nothing redacts what a layer logs itself, so leave it
   * out, or use `logger`, which redacts it. openapi-fetch's `client.use(...)` runs once per call instead, before
   * credentials and outside retries.
   */
  middleware?: readonly AttemptMiddleware[] | undefined;
  /**
   * How the body of a multipart operation is written, from the call's `body` object. Default `multipartBody`: a Blob
   * that fails the call when one of its files cannot be read. A vendor client (`defineVendorClient`) has one only
   * when its description names it (`multipart`): without, such a call fails with a TypeError naming `multipart`.
   */
  multipart?: MultipartEncoder | undefined;
  /**
   * The spec's security scheme names `auth` holds credentials for, e.g. `["oauth2"]`: an operation is sent with them
   * only when its `security` names one of these. Default: any scheme.
   */
  schemes?: readonly string[] | undefined;
}

const FORM = "application/x-www-form-urlencoded";
type Init = Record<string, unknown> & { headers?: HeadersOptions | undefined };
type Core = {
  request(method: string, path: string, init?: Init): Promise<unknown>;
  use: Client<{}>["use"];
  eject: Client<{}>["eject"];
};

// The one check of baseUrl both ways of making a client need.
function requireBaseUrl(options: ClientOptions): void {
  if (!options?.baseUrl || typeof options.baseUrl !== "string") throw fieldError("baseUrl", "is required, e.g. https://api.example.com");
}

/**
 * Options of {@link createHookedClient}: a client's, and how operations that name their own server are routed
 * (`routeServer`, as createApiClient's are). Without it, such an operation goes to the base URL `servers` maps its
 * server URL to as written, as a vendor's description maps them, and a vendor's bundle holds no router.
 */
export interface HookedClientOptions extends ClientOptions {
  routeServer?: typeof routeServer | undefined;
}

/** How a client writes the body of a multipart operation from the call's `body` object: `multipartBody`, or one like it. */
export type MultipartEncoder = (value: Record<string, unknown>) => NonNullable<RequestInit["body"]>;

/**
 * One call's openapi-fetch options, following its operation's metadata, with the transport as its fetch. A JSON body
 * is parsed by the transport's check, so openapi-fetch is asked for it unread (`parseAs: "stream"`, which its
 * middleware sees) and the client hands on the value already parsed: openapi-fetch would parse the body again, every
 * time for one sent with no Content-Length.
 */
function prepareCall(path: string, meta: OperationMeta | undefined, init: Init = {}, context: CallContext): Init {
  // Checked like the client's own (an empty one is none, as openapi-fetch reads it): the URL openapi-fetch would build
  // from one with user info, or from one no parser reads, fails with the whole of it quoted, password and all.
  if (typeof init.baseUrl === "string" && init.baseUrl) checkBaseUrl(init.baseUrl, "baseUrl", 'use auth: { type: "basic", username, password }');
  // Checked like the client's own: the platform's error quotes a value it refuses, and a Map would send nothing.
  const headers = checkHeadersOption(init.headers ?? undefined, "headers");
  // The call's params with path parameters checked and query names encoded (unless the call serializes its own query).
  // A copy, also of a null params, which is none, as a null init is: openapi-fetch defaults only an undefined one.
  const params: { path?: unknown; query?: Record<string, unknown> | undefined } = { ...(init.params as object | undefined) };
  const prepared: Init = { ...init, headers, params };
  checkPathParams(path, params.path);
  if (params.query != null && typeof init.querySerializer !== "function") params.query = encodeQueryNames(params.query);
  // An operation that names its own server: a vendor client's goes to the host its description maps that very URL to
  // (its `defaults().servers`), else to the URL itself; createApiClient's where routeServer says.
  if (!prepared.baseUrl && meta?.server) {
    prepared.baseUrl = context.routeServer ? context.routeServer(meta.server, context) : (context.servers[meta.server] ?? meta.server);
  }
  if (prepared.body !== undefined && meta?.requestBody === "form") {
    // A string or URLSearchParams is a form already.
    prepared.bodySerializer ??= (body: unknown) => (typeof body === "string" || body instanceof URLSearchParams ? body : toFormUrlEncoded(body as Record<string, unknown>));
    prepared.headers = withDefaultHeader(headers, "Content-Type", FORM);
  } else if (prepared.body !== undefined && meta?.requestBody === "multipart") {
    // A client made without an encoder (see createHookedClient) fails here with "context.multipart is not a function".
    prepared.bodySerializer ??= (body: unknown) => (body instanceof FormData ? body : context.multipart!(body as Record<string, unknown>));
    // null removes a client-wide Content-Type, so the platform writes the Content-Type of the Blob, or of a FormData,
    // with its multipart boundary.
    prepared.headers = withDefaultHeader(headers, "Content-Type", null);
  }
  // Without this openapi-fetch would parse a download or a CSV export as JSON; "blob" and "text" match the types
  // openapi-typescript generates (format: binary is Blob). A caller streams a large download with parseAs: "stream".
  if (prepared.parseAs === undefined && meta?.response === "binary") prepared.parseAs = "blob";
  if (prepared.parseAs === undefined && meta?.response === "text") prepared.parseAs = "text";
  const parsesJson = (prepared.parseAs ?? "json") === "json";
  // Only a body openapi-fetch will parse as JSON is worth checking (and buffering) first.
  const credentials = bodyCredentials(init.body);
  const sendOptions: SendOptions = {
    authenticate: sendsCredentials(meta, context.schemes),
    fetch: typeof init.fetch === "function" ? (init.fetch as FetchLike) : undefined,
    response: meta?.response === "json" && parsesJson ? "json" : undefined,
    // openapi-fetch reads every body whole but a stream, so the transport reads it first, within its bounds.
    buffer: prepared.parseAs !== "stream",
    credentialBody: !!credentials,
    secrets: credentials,
    safe: meta?.idempotent,
  };
  prepared.fetch = (request: Request) => context.send(request, sendOptions);
  if (context.plan && init.middleware === undefined) prepared.Request ??= PlannedRequest;
  // An operation declared without content is read the same way, so that a body that is not JSON is no SyntaxError.
  if (parsesJson && meta !== undefined && (meta.response ?? "json") === "json") prepared.parseAs = "stream";
  return prepared;
}

/**
 * {@link createApiClient} with a vendor's per-operation defaults (see {@link CallHooks}) on every call: `prepare` gets
 * the call's options before anything else, `finish` its result last. `hooksOf` is asked for them once the options have
 * passed their checks; `auth` becomes credentials by `authorize` (see `transportWith`). `defineVendorClient` makes
 * its clients with it, so that they fan out to the methods once. Its base URL, servers and operations are taken as
 * checked (a vendor's are its checked host options and its own table), all but a base URL that is missing or empty.
 * Its `multipart` option has no default: without one, a multipart call that brings no FormData or `bodySerializer`
 * of its own fails with a TypeError ("context.multipart is not a function"), and a bundle holds no multipart writer.
 *
 * @example
 * const client = createHookedClient<paths>({ ...options, multipart: multipartBody }, authorizeAny, () => ({ prepare: (init) => ({ querySerializer, ...init }) }));
 */
export function createHookedClient<Paths extends {}>(options: HookedClientOptions, authorize: Authorize, hooksOf?: () => CallHooks | undefined): Client<Paths> {
  // A vendor's base URLs and servers are its host options, checked as such (see resolveHosts), and its operations are
  // its own table: what is left to check is a base URL that trimming made empty ("/" in a browser page).
  requireBaseUrl(options);
  const headers = checkHeadersOption(options.headers, "headers");
  const send = transportWith({ ...baseTransportOptions(options), auth: options.auth, rateLimit: options.rateLimit, middleware: options.middleware }, authorize);
  // openapi-fetch reads headers left undefined as none.
  const core = createClient<Paths>({ baseUrl: options.baseUrl, headers }) as unknown as Core;
  // Read by name, not spread: an option inherited from a prototype is an option too.
  const context: CallContext = {
    send,
    baseUrl: options.baseUrl,
    servers: options.servers ?? {},
    routeServer: options.routeServer,
    schemes: options.schemes,
    plan: true,
    multipart: options.multipart,
  };
  const hooks = hooksOf?.();
  // async, so that a call refused before sending rejects like any other failed call instead of throwing.
  const call = async (method: AnyMethod, path: string, given?: Init | null) => {
    // openapi-fetch reads a null init (a JavaScript caller's) as none, as it does undefined.
    given ||= {};
    const meta = method === "trace" ? undefined : options.operations[path]?.[method];
    const about: CallAbout = { method, path, meta };
    const init = (hooks?.prepare ? hooks.prepare(given as CallInit, about) : given) as Init;
    const prepared = prepareCall(path, meta, init, context);
    const result = (await core.request(method, path, prepared)) as { data?: unknown; response: Response };
    // openapi-fetch gives data only for a 2xx with a body: an error status comes as `error`.
    if (prepared.parseAs === "stream" && result.data !== undefined) {
      // A JSON body openapi-fetch left unread (see prepareCall): the data is the value the transport checked. The body
      // of an operation declared without content is no part of the contract: one that is not JSON ("OK") is no data.
      if (init?.parseAs !== "stream") result.data = await jsonData(result.response).catch((error: unknown) => {
          if (meta?.response || !(error instanceof SyntaxError)) throw error;
        });
      // The caller's own stream, which keeps its Response while it lives and lets it and its connection go once
      // dropped (see ownStream).
      else if (result.data instanceof ReadableStream) result.data = ownStream(result.response);
    }
    return hooks?.finish ? hooks.finish(result, { ...about, init: init as CallInit }) : result;
  };

  // openapi-fetch's use and eject work on its middleware list, not on `this`, so they are handed on as they are.
  // Once openapi-fetch middleware may see a call's Request, every call gets a real one (see PlannedRequest).
  const client = {
    ...callMethods(call),
    use: (...middleware: Parameters<Core["use"]>) => {
      context.plan = false;
      core.use(...middleware);
    },
    eject: core.eject,
  };
  // openapi-fetch's Client type is generic over each path's parameters; this object implements it uniformly.
  return client as unknown as Client<Paths>;
}

/** What every call of one client shares. */
interface CallContext {
  send: Transport;
  baseUrl: string;
  servers: Record<string, string>;
  routeServer: typeof routeServer | undefined;
  schemes: readonly string[] | undefined;
  /** Whether calls without openapi-fetch middleware are planned requests (see PlannedRequest). */
  plan: boolean;
  multipart: MultipartEncoder | undefined;
}

/**
 * Creates an openapi-fetch client whose every call goes through the resilient transport (auth, retries, timeouts)
 * and follows the spec's metadata for its operation: its server, its body encoding (JSON, urlencoded form or
 * multipart), whether it takes credentials, and what it answers (a 2xx JSON operation whose body is not JSON throws
 * an {@link InvalidResponseError} after any safe retries; binary answers come as a Blob and text ones as a string).
 * Per-call `baseUrl`, `headers`, `bodySerializer`, `parseAs`, `signal` and `fetch` still win.
 *
 * @example
 * const client = createApiClient<paths>({
 *   baseUrl: "https://api.example.com",
 *   operations,
 *   auth: { type: "bearer", token: apiToken },
 * });
 * const { data, error } = await client.GET("/v1/items/{id}", { params: { path: { id: 1 } } });
 */
export function createApiClient<Paths extends {}>(options: ClientOptions): Client<Paths> {
  // The options createApiClient reads itself (the transport checks its own).
  requireBaseUrl(options);
  checkBaseUrl(options.baseUrl, "baseUrl", 'use auth: { type: "basic", username, password }');
  if (options.servers !== undefined && (typeof options.servers !== "object" || options.servers === null)) {
    throw fieldError("servers", "must map spec server URLs to base URLs");
  }
  for (const [server, url] of Object.entries(options.servers ?? {})) {
    checkBaseUrl(String(url), `servers[${JSON.stringify(server)}]`);
  }
  if (typeof options.operations !== "object" || options.operations === null) {
    throw fieldError("operations", "is required: the generated operation table");
  }
  if (options.multipart !== undefined && typeof options.multipart !== "function") throw fieldError("multipart", "must be a function such as multipartBody");
  // Through to the caller's options (one inherited from a prototype is an option too), with multipartBody by default.
  return createHookedClient(Object.create(options, { multipart: { value: options.multipart ?? multipartBody }, routeServer: { value: routeServer } }), authorizeAny);
}

/**
 * Where an operation of createApiClient's that names its own server goes: to the base URL `servers` maps it to
 * (with or without a trailing slash), else to the server URL itself, or, for a relative one ("/v2"), to it under
 * `baseUrl`, where the API lives.
 *
 * @example
 * routeServer("https://data.cx.com/1", { servers: { "https://data.cx.com/1": "http://127.0.0.1:4010" }, baseUrl }); // "http://127.0.0.1:4010"
 */
function routeServer(server: string, { servers, baseUrl }: { servers: Record<string, string>; baseUrl: string }): string {
  const mapped = servers[server] ?? servers[trimSlash(server)] ?? servers[`${trimSlash(server)}/`];
  return mapped !== undefined ? mapped : /^[a-z][a-z0-9+.-]*:/i.test(server) ? server : `${trimSlash(baseUrl)}${server}`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
