import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { specOperations, operationMatcher } from "./operations.ts";

/**
 * The header of a gate's own answer: what the vendor did (or what the run tried) that a Prism proxy would have hidden,
 * which the recorder reports (see recorder.ts).
 */
export const GATE_HEADER = "x-apis-upstream";

/** The header's text for a write a read-only run did not send: the suite's doing, not the vendor's. */
export const WRITE_NOT_SENT = "write not sent: a live run is read-only unless APIS_CONTRACT_LIVE_WRITES=1";

/** A gate between a live run's Prism proxy and the vendor (see {@link startUpstreamGate}). */
export interface UpstreamGate {
  /** Where the proxy forwards to: the gate's origin, to which it appends the server's path and the request's. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The most of a vendor's answer the gate reads, decoded: the clients' own default bound (`maxResponseBytes`, 128 MiB),
 * past which a client would refuse the body too. Prism reads a body whole, however long it runs: the gate reads it
 * first, within this bound, so that an endless one is reported rather than held in memory until the wait ends.
 */
export const GATE_BODY_BYTES = 134_217_728;

// Where frameworks read a method other than the request's (Rails, Laravel, ASP.NET, Google's APIs): a GET or a token
// request carrying one may be carried out as a DELETE. A read-only run sends it only when the method it names may go.
const METHOD_OVERRIDES = ["x-http-method-override", "x-http-method", "x-method-override"];

// Not forwarded either way: they describe one connection (the proxy's or the vendor's). The length of a request's
// body, which fetch sets again, and of an answer fetch decoded (see forward) are left out too.
const HOP_BY_HOP = /^(host|connection|keep-alive|proxy-connection|transfer-encoding|upgrade|te|trailer)$/i;

/**
 * Starts the hop between a live run's Prism proxy and the vendor (`origin`): each request goes on as it came, and the
 * vendor's answer comes back as it was, but for what Prism would hide or make worse:
 * - a redirect is not followed: Prism's own fetch follows one to any host, over http too, and sends a token request's
 *   body (the client secret) there again. It is answered 502 with {@link GATE_HEADER} naming the status and the origin;
 * - a 501, for which Prism answers with a mocked response (a made-up pass), is answered 502 with the header so too;
 * - a write (no GET, HEAD or OPTIONS) is refused, 403 with the header, and nothing is sent, unless `writes` is true or
 *   the spec says it changes nothing: a token request (`security: []`) or a read sent as POST (`x-idempotent: true`).
 *   A method named in an override header or a `_method` parameter (query or form) counts as the request's too;
 * - a body is read before it goes on, within `maxBytes` ({@link GATE_BODY_BYTES} unless given): one larger, or one that breaks off, is answered
 *   502 with the header saying so and the vendor's status, where Prism would have held all of it, or lost the status.
 *
 * @example
 * const gate = await startUpstreamGate(spec, "https://api.cx.com", "/1", liveWrites());
 * const prism = await startPrism(spec, { upstream: `${gate.url}/1` });
 */
export async function startUpstreamGate(spec: string, origin: string, serverPath: string, writes: boolean, maxBytes = GATE_BODY_BYTES): Promise<UpstreamGate> {
  const sendable = writes ? () => true : readOnlyRule(spec, serverPath);
  // Requests still going to the vendor when the gate stops: cancelled, so no socket outlives the run.
  const going = new AbortController();
  const server = createServer((request, response) => {
    // Given up by the proxy (the suite's request timed out) before the vendor's answer went through: so is the vendor's.
    const abandoned = new AbortController();
    response.once("close", () => response.writableFinished || abandoned.abort());
    forward(request, response, origin, sendable, maxBytes, AbortSignal.any([going.signal, abandoned.signal])).catch((error: unknown) => {
      // The vendor unreachable, or the request given up: the proxy sees the connection fail, as it would have.
      if (!response.headersSent) response.writeHead(502, { [GATE_HEADER]: `unreachable: ${(error as Error).name}` });
      response.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    stop: async () => {
      going.abort();
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

async function forward(request: IncomingMessage, response: ServerResponse, origin: string, sendable: (method: string, path: string) => boolean, maxBytes: number, signal: AbortSignal): Promise<void> {
  const method = request.method ?? "GET";
  const url = request.url ?? "/";
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
  if (!(await methodsAsked(request, body)).every((asked) => sendable(asked, url))) {
    response.writeHead(403, { [GATE_HEADER]: WRITE_NOT_SENT }).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (!HOP_BY_HOP.test(name) && name !== "content-length" && value !== undefined) for (const one of [value].flat()) headers.append(name, one);
  }
  const answer = await fetch(`${origin}${url}`, { method, headers, body, redirect: "manual", signal });
  const location = answer.headers.get("location");
  const redirected = answer.status >= 300 && answer.status < 400 && answer.status !== 304;
  const read = redirected || answer.status === 501 ? undefined : await readAnswer(answer, maxBytes);
  // Each begins with the vendor's status, which the recorder reports.
  const hidden = redirected
    ? `${answer.status}: a redirect to ${location ? originOf(location, origin) : "nowhere (no Location)"}, not followed`
    : answer.status === 501
      ? "501, which Prism would have answered with a mocked response"
      : typeof read === "string"
        ? `${answer.status}: ${read}`
        : undefined;
  if (hidden) {
    await answer.body?.cancel().catch(() => {});
    response.writeHead(502, { [GATE_HEADER]: hidden }).end();
    return;
  }
  // fetch decodes a compressed body: it goes on decoded, without the encoding and length it came with.
  const decoded = answer.headers.has("content-encoding");
  const kept: Record<string, string[]> = {};
  for (const [name, value] of answer.headers) if (!HOP_BY_HOP.test(name) && !(decoded && /^content-(encoding|length)$/.test(name))) (kept[name] ??= []).push(value);
  response.writeHead(answer.status, answer.statusText, kept).end(read);
}

/** Every method the request asks for: its own, and any that an override header or a `_method` parameter names. */
async function methodsAsked(request: IncomingMessage, body: Buffer | undefined): Promise<string[]> {
  const named = [...new URL(request.url ?? "/", "http://gate").searchParams.getAll("_method"), ...(body?.length ? await formMethods(request.headers["content-type"], body) : [])];
  return [request.method ?? "GET", ...METHOD_OVERRIDES.flatMap((name) => request.headers[name] ?? []), ...named].map((method) => String(method).toUpperCase());
}

// The `_method` fields of a form body, as Rack reads them: urlencoded (a media type is case-insensitive, and Rack reads
// a POST without one so too) or multipart. A multipart body that does not parse asks for a method no rule lets go.
async function formMethods(type: string | undefined, body: Buffer): Promise<string[]> {
  if (type === undefined || /^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return new URLSearchParams(body.toString("latin1")).getAll("_method");
  if (!/^\s*multipart\/form-data\s*;/i.test(type)) return [];
  try {
    return (await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData()).getAll("_method").map(String);
  } catch {
    return ["a multipart form that does not parse"];
  }
}

/**
 * The vendor's body in full, within `maxBytes`; or, for one larger or that breaks off (a reset, gzip that
 * is not), what became of it, for the gate's header: one line of printable text.
 */
async function readAnswer(answer: Response, maxBytes: number): Promise<Buffer | string> {
  const declared = Number(answer.headers.get("content-length"));
  // A HEAD's, a 204's or a 304's length is the resource's, with no body sent (fetch gives none).
  if (answer.body && declared > maxBytes) return `a body of ${declared} bytes, more than the gate reads (${maxBytes}), not read`;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of (answer.body as unknown as AsyncIterable<Uint8Array> | null) ?? []) {
      total += chunk.byteLength;
      // Leaving the loop cancels the body.
      if (total > maxBytes) return `a body over ${maxBytes} bytes, more than the gate reads, not read`;
      chunks.push(chunk);
    }
  } catch (error) {
    const { name, message } = error as Error;
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    return `a body that broke off (${`${name}: ${message}${code ? ` ${code}` : ""}`.replace(/[^\x20-\x7e]/g, "?").slice(0, 200)})`;
  }
  return Buffer.concat(chunks);
}

// Where a redirect points, as far as the report needs it (no path or query, which may carry a credential).
function originOf(location: string, base: string): string {
  try {
    const url = new URL(location, base);
    // A URL of no host (`javascript:`, `data:`) has the origin "null": its scheme says more.
    return url.origin === "null" ? `a ${url.protocol} URL` : url.origin;
  } catch {
    return "a Location that is no URL";
  }
}

/**
 * Whether a read-only run may send a request: any GET, HEAD or OPTIONS, and the writes that change nothing, a token
 * request (needing no credentials) or a read sent as POST (`x-idempotent: true`), matched on the path after the
 * server's (`/1`), which the proxy puts before it.
 */
function readOnlyRule(spec: string, serverPath: string): (method: string, path: string) => boolean {
  // No credentials at all (`security: []`): a token request. An empty requirement among others is not one: Wootric's
  // survey sends list `{}` for a token sent in the form.
  const operations = specOperations(spec, (operation) => (Array.isArray(operation["security"]) && operation["security"].length === 0) || operation["x-idempotent"] === true);
  const match = operationMatcher(operations);
  return (method, url) => {
    if (/^(GET|HEAD|OPTIONS)$/.test(method)) return true;
    // The operation's path is what follows the server's (`/1` for CX), which the proxy puts first; nothing else is.
    const pathname = new URL(url, "http://gate").pathname;
    return pathname.startsWith(`${serverPath}/`) && match(method, pathname.slice(serverPath.length)) !== undefined;
  };
}
