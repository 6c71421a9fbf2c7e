import { checkClient, checkOptionNames, dataOrThrow } from "@apis/runtime";
import type { CxClient } from "./client.js";
import { parseFilePath } from "./file-path.js";
import type { CxErrorBody } from "./types.js";

/** A file being downloaded: its content as a stream, read as it arrives, and what the response says about it. */
export interface Download {
  /**
   * The file's bytes. Read it to the end or cancel it, or the connection stays busy. A failure while it is read errors
   * it with the platform's own error, not an `ApiError`.
   */
  body: ReadableStream<Uint8Array>;
  /** The `Content-Type` CX serves the file with (the one given at upload), if any. */
  contentType: string | undefined;
  /**
   * The size in bytes from `Content-Length`, when CX sends one (and did not compress the body: fetch decompresses it).
   * Undefined in a browser, whose cross-origin response hides whether the body was compressed.
   */
  size: number | undefined;
}

/**
 * What {@link downloadFile} resolved before 0.2: openapi-fetch's shape, with the stream and its metadata as `data`.
 *
 * @deprecated `downloadFile` now resolves the {@link Download} itself and throws on failure; use `Download`.
 */
export type DownloadResult =
  | { data: Download; error?: never; response: Response }
  | { data?: never; error: CxErrorBody; response: Response };

/**
 * Downloads a file from the data host as a stream: nothing is buffered, so a file of any size takes the same
 * memory. Only the wait for the response headers is bounded by `timeoutMs`; pass a `signal` to bound or cancel
 * the transfer itself. A CX error throws the status-keyed `ApiError` (`NotFoundError`, ...) with CX's
 * `{ errorType, message }` as `body`; network failures before the headers throw an `ApiConnectionError` or
 * `ApiTimeoutError`. Once `body` is handed out, a failure while it is read (the connection breaks, the `signal`
 * aborts) errors the stream with the platform's own error (Node: `TypeError: terminated`, or the signal's reason).
 *
 * @example
 * const file = await downloadFile(cx, filePath("self", "/photos/2353.jpg"));
 * await pipeline(Readable.fromWeb(file.body), createWriteStream("2353.jpg"));
 */
export async function downloadFile(client: CxClient, filePath: string, options?: { signal?: AbortSignal | undefined }): Promise<Download> {
  checkClient(client);
  // A JavaScript caller's null means the same as leaving the options out.
  const opts = options ?? {};
  checkOptionNames(opts, ["signal"], "downloadFile");
  parseFilePath(filePath);
  const result = await client.GET("/data/{filePath}", {
    params: { path: { filePath } },
    parseAs: "stream",
    // A falsy signal (`useTimeout && AbortSignal.timeout(5000)`) reads as none.
    signal: opts.signal || undefined,
  });
  const data = dataOrThrow(result, "GET");
  const { response } = result;
  // A body fetch decompressed is longer than the Content-Length the server sent for it: no size then. Nor of a browser's
  // cross-origin response ("cors"), whose Content-Encoding is hidden unless the server exposes it, while its
  // Content-Length is not: a gzip body there read as its compressed size.
  // Decimal digits alone: Number() would read 0x10 or 1e3 too. No header (null) is tested as the text "null".
  const declared = response.headers.get("content-length");
  const length = response.headers.has("content-encoding") || response.type == "cors" || !/^\d+$/.test(declared as string) ? Number.NaN : Number(declared);
  return {
    // openapi-fetch reports an empty file (Content-Length: 0) as no data at all; it is still a file. The body handed
    // out is the caller's own stream, which keeps its Response (every client's are, see the runtime's ownStream): the
    // platform cancels a body not yet read once its Response is collected, and does so once this one is dropped.
    body: data ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() }),
    contentType: response.headers.get("content-type") ?? undefined,
    // Digits alone are never negative.
    size: Number.isSafeInteger(length) ? length : undefined,
  };
}
