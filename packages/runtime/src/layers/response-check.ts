import { ApiConnectionError, ApiTimeoutError, InvalidResponseError, ResponseTooLargeError } from "../errors.js";
import { bodyMode, receiveBody } from "../receive-body.js";
import { describeError } from "../retry.js";
import { shorten } from "../shorten.js";
import { attemptFailure } from "./attempt-failure.js";
import { callError, throwIfAborted } from "./call.js";
import type { Layer } from "./layer.js";

/**
 * The response check layer: reads every body the caller will read whole (an error status's, a JSON operation's 2xx,
 * any 2xx to `buffer`) within the attempt's signal and `maxResponseBytes`, checks a JSON body parses, and hands on
 * the same response answering from what was read (see `paidResponse`). A body too large fails at once with a
 * {@link ResponseTooLargeError} (the same request would bring the same body); one that broke off or is not JSON is an
 * {@link AttemptFailure} that the retry layer resends where the method allows, since the server answered. Responses
 * an outer layer discards (a 401 to refresh, a status to retry) and streams go on unread.
 *
 * @example
 * const layer = responseCheckLayer(134_217_728, 60_000);
 */
export function responseCheckLayer(maxResponseBytes: number, timeoutMs: number): Layer {
  return async (request, next, call) => {
    const response = await next(request, call);
    const mode = bodyMode(response, call.method, call.options);
    // Whether an outer layer will discard this response, so its body is left unread.
    const dropped = call.drops.some((drops) => drops(response));
    if (mode === "none" || dropped) {
      // Only a body the caller gets to read stays linked to the caller's signal: one dropped or none has nothing to cancel.
      // Not dropped, the response is here because its mode is "none".
      call.stream = !dropped && response.body !== null;
      return response;
    }
    const received = await receiveBody(response, mode === "json", maxResponseBytes, call);
    if ("response" in received) return received.response;
    throwIfAborted(call);
    // A 2xx spent a one-time request (SendOptions.oneTime): from here on it is not safe to send again, whichever way its
    // body failed, since it would be refused. Set on the call, read by both failures below.
    call.safe &&= !(response.ok && call.options.oneTime);
    // The error keeps the wait the response asked for (a 429's, a 503's; see ApiError's retryAfterMs), whatever became
    // of its body, as an error built from the whole response does.
    const { status, headers } = response;
    if (received.reason === "too-large") {
      throw callError(ResponseTooLargeError, call, `returned ${status} but its body is larger than maxResponseBytes (${maxResponseBytes} bytes) and was cancelled: raise it or ask for less.`, { status, headers, limit: maxResponseBytes });
    }
    // A body that could not be read (in time, when the attempt's timeout ended it) or was not JSON; when safe, the attempt
    // may be resent, and the advice differs.
    if (received.reason === "not-json") {
      // The server's header, on one bounded line (see shorten): it may be 16 KiB long, or hold a C1 control.
      const said = headers.get("content-type");
      const type = said == null ? "" : ` (${shorten(said.split(";", 1)[0]!, 100, call.secrets)})`;
      throw attemptFailure(call, "not-json", call.safe, InvalidResponseError, (attempts) => `returned ${status}${type} with a body that is not JSON (treated as a server error, ${attempts})`,
        // No snippet of a body over 1 MiB (see checkJsonBody), so `body` is then undefined and the message says so.
        ` The vendor or a proxy is failing: retry later; ${received.body === undefined ? "its body was over 1 MiB" : "`body` holds its start"}.`, { status, body: received.body });
    }
    const timedOut = call.attempt?.timeout;
    throw attemptFailure(
      call,
      "body",
      call.safe,
      timedOut ? ApiTimeoutError : ApiConnectionError,
      (attempts) => (timedOut ? `returned ${status} but its body was not read in full within ${timeoutMs} ms (${attempts})` : `returned ${status} but the connection failed while its body was read (${attempts}): ${describeError(received.error, call.secrets)}`),
      timedOut ? " Raise timeoutMs or check the vendor's status." : " Check the network.",
      { status, headers, cause: received.error },
    );
  };
}
