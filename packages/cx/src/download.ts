import type { CxClient } from "./client.js";
import { parseFilePath } from "./file-path.js";
import type { CxErrorBody } from "./types.js";

/** A file being downloaded: its content as a stream, read as it arrives, and what the response says about it. */
export interface Download {
  /** The file's bytes. Read it to the end or cancel it, or the connection stays busy. */
  body: ReadableStream<Uint8Array>;
  /** The `Content-Type` CX serves the file with (the one given at upload), if any. */
  contentType: string | undefined;
  /** The size in bytes from `Content-Length`, when CX sends one. */
  size: number | undefined;
}

/** What {@link downloadFile} resolves: openapi-fetch's shape, with the stream and its metadata as `data`. */
export type DownloadResult =
  | { data: Download; error?: never; response: Response }
  | { data?: never; error: CxErrorBody; response: Response };

/**
 * Downloads a file from the data host as a stream: nothing is buffered, so a file of any size takes the same
 * memory. Only the wait for the response headers is bounded by `timeoutMs`; pass a `signal` to bound or cancel
 * the transfer itself. A CX error comes back as `error` (`{ errorType, message }`); network failures throw.
 *
 * @example
 * const { data, error } = await downloadFile(cx, filePath("self", "/photos/2353.jpg"));
 * if (error) throw new Error(`${error.errorType}: ${error.message}`);
 * await pipeline(Readable.fromWeb(data.body), createWriteStream("2353.jpg"));
 */
export async function downloadFile(client: CxClient, filePath: string, options: { signal?: AbortSignal } = {}): Promise<DownloadResult> {
  // A JavaScript caller's null means the same as leaving the options out.
  const opts = options ?? {};
  parseFilePath(filePath);
  const { data, error, response } = await client.GET("/data/{filePath}", {
    params: { path: { filePath } },
    parseAs: "stream",
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (error !== undefined || !response.ok) return { error: error as CxErrorBody, response };
  const length = Number(response.headers.get("content-length") ?? Number.NaN);
  return {
    data: {
      // openapi-fetch reports an empty file (Content-Length: 0) as no data at all; it is still a file.
      body: data ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() }),
      contentType: response.headers.get("content-type") ?? undefined,
      size: Number.isSafeInteger(length) && length >= 0 ? length : undefined,
    },
    response,
  };
}
