/**
 * Reads a response's whole body for as long as `signal` allows and returns an equivalent Response that holds it
 * (same status, headers and URL). When the signal aborts first, the body is cancelled, which closes a stalled
 * connection, and this rejects with the signal's reason: a transport keeps its attempt timer running over this, so
 * `timeoutMs` bounds the body as well as the headers.
 *
 * @example
 * const complete = await bufferResponse(response, attemptSignal.signal);
 */
export async function bufferResponse(response: Response, signal: AbortSignal): Promise<Response> {
  if (response.body === null) return response;
  const reader = response.body.getReader();
  const onAbort = () => {
    // A pending read then ends as done; the check after it turns that into the abort.
    reader.cancel(signal.reason).catch(() => {});
  };
  const chunks: Uint8Array[] = [];
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    if (signal.aborted) onAbort();
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  const copy = new Response(new Blob(chunks as BlobPart[]), { status: response.status, statusText: response.statusText, headers: response.headers });
  // Callers read the final URL from the response (e.g. to build an error); a constructed Response has none.
  Object.defineProperty(copy, "url", { value: response.url, enumerable: true });
  return copy;
}
