import { redactSecrets } from "./known-secrets.js";
import { finalized } from "./timeout.js";

/**
 * Reads a response body in full, at most `maxBytes` of it, for as long as `signal` allows, and resolves its bytes, or
 * undefined when it is larger than the bound. A `Content-Length` above the bound fails before anything is read; a body
 * that passes it while arriving (an endless chunked one) stops there. Either way the stream is cancelled, so its connection is freed and nothing more is held. When `signal` aborts
 * (the attempt's timeout, the caller), the stream is cancelled and the signal's reason is thrown; a broken
 * connection throws what the stream threw.
 *
 * @example
 * const bytes = await readBody(response, attempt.signal, 134_217_728);
 * if (bytes === undefined) throw new Error("too large");
 */
export async function readBody(response: Response, signal: AbortSignal, maxBytes: number): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array(0);
  // No Content-Length reads as 0 (+null is 0, hence the non-null assertion), never above maxBytes (at least 1).
  const declared = +response.headers.get("content-length")!;
  if (declared > maxBytes || signal.aborted) {
    cancelQuietly(response.body);
    if (signal.aborted) throw signal.reason;
    return undefined;
  }
  const reader = response.body.getReader();
  // Cancelling ends a pending read at once even when the source never answers (a body that stalled mid-way).
  const onAbort = () => cancelQuietly(reader, signal.reason);
  signal.addEventListener("abort", onAbort);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      // subarray(): a chunk that is not bytes (a fetch of one's own that enqueues strings) fails here as a broken body,
      // like the platform's text(), not later where what was read is decoded (a token body, a text answer).
      total += value.subarray().byteLength;
      if (total > maxBytes) {
        cancelQuietly(reader);
        return undefined;
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Whether `fetch` made the body with these headers of a FormData (its multipart boundary says so): Node 24's fetch
 * (undici) then throws ERR_INVALID_STATE from a microtask, which ends the process, when that body is cancelled before
 * it was read to its end. Such a body holds nothing but memory, so it is left to the garbage collector instead.
 *
 * @example
 * const readWhole = isFormBody(request.headers);
 */
export function isFormBody(headers: Headers): boolean {
  return /formdata-undici-/.test(String(headers.get("content-type")));
}

/**
 * Cancels a request's body that was not sent (see {@link cancelQuietly}), so that its source (a file being read) is let
 * go; unless fetch made it of a FormData (see {@link isFormBody}), which holds nothing but memory and would end the
 * process.
 *
 * @example
 * cancelRequestBody(request);
 */
export function cancelRequestBody(request: Request): void {
  if (!isFormBody(request.headers)) cancelQuietly(request.body);
}

/**
 * An equivalent of `response` (status, headers, URL) whose body is `bytes`, already read: what the caller reads
 * from it is what the transport checked. Its status text has every known credential, and every one of `secrets`, removed.
 *
 * @example
 * return bufferedCopy(response, bytes);
 */
export function bufferedCopy(response: Response, bytes: Uint8Array, secrets?: readonly string[]): Response {
  // Status codes such as 204 forbid a body; an empty one becomes none.
  // A body stream's chunks sit on ArrayBuffers (never shared ones), which is what a Response body takes.
  const copy = new Response(bytes.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : null, {
    status: response.status,
    // The reason phrase is the server's free text and ends up in error messages: known credentials go. A phrase fetch
    // carries but a Response cannot (a control character, a UTF-8 decoding of latin1 bytes) keeps the rest of it.
    statusText: redactSecrets(response.statusText, secrets).replace(/[^\x20-\x7e\t\x80-\xff]/g, "?"),
    headers: response.headers,
  });
  // Callers read the final URL from the response (e.g. to build an error); a constructed Response has none.
  for (const key of ["url", "redirected"] as const) {
    Object.defineProperty(copy, key, { value: response[key], enumerable: true });
  }
  return copy;
}

/**
 * The stream to hand out for `response`'s body: its chunks, pulled only once it is read itself, and `response` kept
 * for as long as it lives. Every client hands out a call's stream (`parseAs: "stream"`) this way. `response.body`
 * itself would not do: Node's fetch cancels a body nobody began to read once its Response is collected, so one kept
 * unread came out empty with no error, and the connection holds the body it fills, so one linked to its Response kept
 * both for good once dropped. This stream is held by the caller alone: dropped unread, it lets its Response go, and the
 * platform cancels the body; dropped after a first read, which locks the body (the platform then cancels nothing), it
 * cancels the body itself once collected. Either way the connection is freed.
 *
 * @example
 * result.data = ownStream(result.response);
 */
export function ownStream(response: Response): ReadableStream<Uint8Array> {
  // The body is read through `response`, which the source's functions keep.
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await (reader ??= response.body!.getReader()).read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      // Cancelled as it is: a body not begun is cancelled itself, one begun through its reader.
      cancel: (reason) => (reader ?? response.body!).cancel(reason),
    },
    // Nothing is pulled before the caller reads: an unread body stays unlocked, which the platform cancels once collected.
    { highWaterMark: 0 },
  );
  // Only a reader this stream began: an unread body is the platform's to cancel, and the caller's own if it took
  // `response.body` itself. Nothing this keeps leads back to the stream.
  finalized.register(stream, () => cancelQuietly(reader));
  return stream;
}

// One copy into a buffer of the exact size; a body that came in one chunk is not copied at all.
/**
 * Cancels a body (or its reader), when there is one, without waiting: a cancel that fails (a stream already errored or
 * locked elsewhere) has nothing left to free.
 *
 * @example
 * cancelQuietly(response.body);
 */
export function cancelQuietly(stream: { cancel(reason?: unknown): Promise<void> } | null | undefined, reason?: unknown): void {
  stream?.cancel(reason).catch(() => {});
}
