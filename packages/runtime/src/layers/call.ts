import { ApiUserAbortError, type ApiError, type ApiErrorInit } from "../errors.js";
import { bodyCredentials } from "../credential-bearing.js";
import { redactUrl } from "../redact.js";
import { isIdempotent } from "../retry.js";
import { splitUrl } from "../url.js";
import { delay, type AttemptSignal } from "../timeout.js";
import type { SendOptions } from "../transport.js";
import type { Credential } from "../auth.js";

/**
 * One call through the transport, shared by its layers and its attempts: what errors name, the secrets to redact,
 * and the few facts one layer leaves for another (the attempt's signal, a body moved to another URL, whether an
 * outer layer will discard a response so that nobody reads its body).
 */
export interface Call {
  readonly method: string;
  /**
   * Whether sending the request again is harmless: its method is idempotent, or it is a token request (see
   * `TransportOptions.purpose`) or marked so (`SendOptions.safe`). Such a request is retried on timeouts, network
   * errors, 408 and 5xx too. The response check clears it once a 2xx spent a `SendOptions.oneTime` request.
   */
  safe: boolean;
  /** The URL actually sent, which query auth changes; errors name it, redacted, so they show what was tried. */
  url: string;
  /** Every credential this call sent, redacted from its errors and log lines. */
  readonly secrets: string[];
  /** The caller's request: a streamed body keeps it, and so the link from the caller's signal to its own. */
  readonly request: Request;
  /** The caller's signal (openapi-fetch's `signal`): it stops everything at once. */
  readonly signal: AbortSignal | undefined;
  readonly options: SendOptions;
  /** Retries made so far, for errors ("3 attempts") and the backoff. */
  retries: number;
  /** Attempts sent so far, for log lines. */
  sent: number;
  /** The signal of the attempt in flight, set by the timeout layer: the body check reads within it. */
  attempt?: AttemptSignal | undefined;
  /** The body, read once, of a request sent to another URL or through redirects by hand (see the credentials layer). */
  moved?: Blob | null | undefined;
  /**
   * The attempt's `Authorization` value, set by the credentials layer and sent with the attempt (see `attemptRequest`
   * and `attemptInit`): the request the caller built is never changed.
   */
  auth?: string | undefined;
  /** The attempt's request as one Request, once a layer needed it whole (see `attemptRequest`); reset each attempt. */
  ready?: Request | undefined;
  /** The attempt's query credential, which each redirect hop within the origin carries too (see `fetchWithinOrigin`). */
  query?: Credential["query"] | undefined;
  /** Whether this attempt follows redirects by hand (see the redirect layer). */
  manual?: boolean | undefined;
  /** Whether the response in hand goes to the caller unread (a stream), so its signal stays linked to the caller's. */
  stream?: boolean | undefined;
  /** Outer layers that will discard some responses (a 401 to refresh, a status to retry) say so here. */
  readonly drops: Array<(response: Response) => boolean>;
}

// An arrow, as redact.ts's normalizeName (see there).
/**
 * The error for a call its caller aborted.
 *
 * @example
 * if (call.signal.aborted) throw userAbort(call);
 */
export const userAbort = (call: Call): ApiUserAbortError => callError(ApiUserAbortError, call, "was aborted by the caller.", { cause: call.signal?.reason });

/**
 * Throws the caller's abort (see {@link userAbort}) once the caller's signal has aborted, as AbortSignal's
 * throwIfAborted does with its reason.
 *
 * @example
 * throwIfAborted(call);
 */
export function throwIfAborted(call: Call): void {
  if (call.signal?.aborted) throw userAbort(call);
}

/**
 * Waits `ms`, or throws the caller's abort as soon as the caller's signal aborts.
 *
 * @example
 * await pause(call, 500);
 */
export function pause(call: Call, ms: number): Promise<void> {
  return delay(ms, call.signal).catch(() => {
    throw userAbort(call);
  });
}

/**
 * An error about this call: `text` follows the request it names ("GET https://host/path", redacted), and the error
 * carries the call's method, URL and secrets besides `init`.
 *
 * @example
 * throw callError(ApiTimeoutError, call, `got no response within ${timeoutMs} ms.`, { cause });
 */
export function callError<E extends ApiError, I extends ApiErrorInit>(
  ErrorClass: new (message: string, init: I) => E,
  call: Pick<Call, "method" | "url"> & { secrets: readonly string[] },
  text: string,
  init: Omit<I, "method" | "url" | "secrets">,
): E {
  // "GET https://host/path", redacted: how errors name the request. The call gives the init its method, url and secrets
  // (nothing else of it is an error's: no status, body, cause or limit) and `init` the rest of I, so together they make
  // one (which TypeScript cannot see through Omit).
  return new ErrorClass(`${call.method} ${redactUrl(call.url)} ${text}`, { ...call, ...init } as ApiErrorInit as I);
}

/**
 * Starts a call for `request`, one whose method is idempotent, or that is `repeatable` whatever its method (a token
 * request, an operation marked idempotent), being safe to send again (see `Call.safe`). What the layers leave on it
 * later (the attempt's signal, a moved body, the Authorization value, the request made whole, whether it follows
 * redirects by hand or is streamed) starts out absent, which reads as undefined (false).
 *
 * @example
 * const call = startCall(request, { response: "json" });
 */
export function startCall(request: Request, options: SendOptions, repeatable?: boolean): Call {
  // A credential the caller put in the query (a querySerializer of its own, a legacy token parameter) is redacted like
  // one in its body: the client holds no such secret, and a server may quote it back in any form.
  const [, query] = splitUrl(request.url);
  const method = request.method.toUpperCase();
  return {
    method,
    safe: repeatable || isIdempotent(method),
    url: request.url,
    secrets: [...(options.secrets ?? []), ...((query && bodyCredentials(query)) || [])],
    request,
    signal: request.signal,
    options,
    retries: 0,
    sent: 0,
    drops: [],
  };
}
