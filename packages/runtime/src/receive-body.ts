import { checkJsonBody, type NotJson } from "./json-response.js";
import { redactSecretBytes } from "./known-secrets.js";
import { paidResponse } from "./paid-response.js";
import { readBody } from "./read-body.js";
import type { Call } from "./layers/call.js";

/** How an attempt's body is handled: checked as JSON, read whole, or handed on unread (a stream, or no body). */
export type BodyMode = "json" | "buffer" | "none";

/** The most of an error status's body that is read (see {@link receiveBody}): 1 MiB. */
const ERROR_BODY_BYTES = 1_048_576;

/** What {@link receiveBody} came to: the response to hand on, or why not. */
export type Received = { response: Response } | NotJson | { reason: "too-large" } | { reason?: undefined; error: unknown };

/**
 * Reads a body in full within the call's attempt signal and `maxBytes` (an error status's within 1 MiB too; see `readBody`) and hands on the same response, its body
 * methods answering from the bytes read (see `paidResponse`). A JSON body must parse (see `checkJsonBody`). The body
 * of an error status has every known credential removed first, in every encoding, since it becomes openapi-fetch's
 * `error`, which callers log and put in errors.
 *
 * @example
 * const received = await receiveBody(response, true, maxBytes, call);
 * if ("response" in received) return received.response;
 */
export async function receiveBody(response: Response, json: boolean, maxBytes: number, call: Pick<Call, "attempt" | "signal" | "secrets">): Promise<Received> {
  let bytes: Uint8Array | undefined;
  // An error status's body explains, it holds no data: one beyond 1 MiB (a hostile or broken server's) is not read,
  // since redacting it would hold the event loop for seconds. A note stands in for it.
  const limit = response.ok ? maxBytes : Math.min(maxBytes, ERROR_BODY_BYTES);
  try {
    bytes = await readBody(response, (call.attempt?.signal ?? call.signal)!, limit);
  } catch (error) {
    return { error };
  }
  // (No bytes: over the bound. An empty body is an empty array, which is an object.)
  if (!bytes) {
    if (limit === maxBytes) return { reason: "too-large" };
    bytes = new TextEncoder().encode(`The error body was larger than ${limit} bytes and was not read.`);
  }
  // Only a 2xx body is checked as JSON, so a body checked is never one to redact.
  const checked = json ? checkJsonBody(bytes, call.secrets) : undefined;
  if (checked && !("value" in checked)) return checked;
  return { response: paidResponse(response, response.ok ? bytes : redactSecretBytes(bytes, call.secrets), checked, call.secrets) };
}

/**
 * Decides how a response's body is handled. Every body the caller will read whole is read here, so that the
 * attempt's timeout and the size bound cover it: an error status's body (openapi-fetch always reads it), a 2xx of a
 * JSON operation (also checked) and any 2xx the caller asked to `buffer`. Everything else, a download above all,
 * is handed on unread.
 *
 * @example
 * bodyMode(response, "GET", { response: "json" }); // "json" for a 200 with a body
 */
export function bodyMode(response: Response, method: string, options: { response?: string | undefined; buffer?: boolean | undefined }): BodyMode {
  // An error status is always read, even without a body, so that its reason phrase is cleaned like every other's.
  if (!response.ok) return "buffer";
  if (response.body === null || method === "HEAD") return "none";
  // A 2xx that may carry content (204 and 205 carry none) is checked as JSON.
  if (options.response === "json") return response.status === 204 || response.status === 205 ? "none" : "json";
  return options.buffer === true ? "buffer" : "none";
}
