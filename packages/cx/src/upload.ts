// file-path.js and multipart-stream.js before @apis/runtime for bundle size only (gzip finds a few more bytes in that
// module order); no side effects.
import type { CxClient } from "./client.js";
import { isArrayBuffer, multipartStream } from "./multipart-stream.js";
// After multipart-stream.js for bundle size only (gzip finds a byte or two more in that module order); no side effects.
import { parseFilePath } from "./file-path.js";
import { checkClient, checkOptionNames, dataOrThrow, describeValue, fieldError, InvalidResponseError, joinsWhole, multipart, shown } from "@apis/runtime";
import type { FileMetadata } from "./types.js";

/**
 * What {@link uploadFile} can send: a Blob or File (e.g. `fs.openAsBlob`), a byte stream, bytes (an ArrayBuffer, or any
 * view of one: a Uint8Array or Buffer, a DataView, another typed array's bytes as they lie in memory), or text.
 */
export type UploadContent = Blob | ReadableStream<Uint8Array> | ArrayBuffer | ArrayBufferView | string;

export interface UploadOptions {
  /** The MIME type CX stores and later serves the file with (`file_content_type`). Default: the Blob's type, else `application/octet-stream`. */
  contentType?: string | undefined;
  /** The file name in the multipart part. Default: the last name of the path. */
  filename?: string | undefined;
  signal?: AbortSignal | undefined;
}

// Spaces and tabs only around a parameter's ";": \s took a line break, which ended the part's Content-Type line.
const MIME_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+([ \t]*;[ \t]*[A-Za-z0-9!#$&^_.+-]+=("[^"\r\n]*"|[A-Za-z0-9!#$&^_.+-]+))*$/;

/**
 * Uploads a file to the data host (`POST /data/{filePath}`) as `multipart/form-data`, with the content in `file`
 * and its MIME type in `file_content_type`, and resolves the stored file's metadata; a CX error throws the
 * status-keyed `ApiError` with CX's `{ errorType, message }` as `body`, and a 2xx without the file's `id` an
 * `InvalidResponseError`. The folders of the path must exist (`POST /files/mkdir/{filePath}`).
 *
 * A `ReadableStream` is written into a hand-built multipart body (`duplex: "half"`); it must be unread (one read in
 * part, cancelled or locked throws an `InputError`). Since the access token travels in
 * the query, the runtime reads that body whole before sending it (a same-origin 307/308 must resend it), so the
 * file is held in memory, several times its size at the peak (about 4 to 6 times, measured with 64 MiB in Node 24),
 * whatever its source. `timeoutMs` does not bound that read, and nothing bounds its size: pass a `signal` (e.g.
 * `AbortSignal.timeout(ms)`) for a source that may stall or never end. Sending the file is within the attempt that
 * `timeoutMs` bounds until CX answers: upload large files through a client with a larger `timeoutMs`. A POST is never
 * resent once the server may have acted on it.
 *
 * @example
 * const file = await uploadFile(cx, filePath("self", "/photos/2353.jpg"), await fs.openAsBlob("2353.jpg"), { contentType: "image/jpeg" });
 * console.log(file.id, file.size);
 */
export async function uploadFile(client: CxClient, filePath: string, content: UploadContent, options?: UploadOptions): Promise<FileMetadata> {
  checkClient(client);
  // A JavaScript caller's null means the same as leaving the options out.
  const opts = options ?? {};
  checkOptionNames(opts, ["contentType", "filename", "signal"], "uploadFile");
  const { path } = parseFilePath(filePath);
  if (!isUploadContent(content)) {
    throw fieldError("content", `must be a Blob or File (in Node: await fs.openAsBlob(path)), a ReadableStream, an ArrayBuffer, a Uint8Array or a string, got ${describeValue(content)}`);
  }
  const filename = opts.filename ?? path.slice(path.lastIndexOf("/") + 1);
  if (typeof filename !== "string" || filename === "") throw fieldError("filename", "must be a non-empty string, or left out");
  const contentType = opts.contentType ?? (content instanceof Blob && content.type !== "" ? content.type : "application/octet-stream");
  if (typeof contentType !== "string" || !MIME_TYPE.test(contentType)) {
    throw fieldError("contentType", `must be a MIME type such as "image/jpeg", got ${shown(contentType)}`);
  }
  const streamed = isReadableStream(content);
  // Unlocked, a stream the caller read in part or cancelled (a `for await` left early) reads from where it stopped, or
  // as empty: a truncated file would be stored. A Response refuses it, locked or disturbed, as fetch's body does.
  try {
    if (streamed) new Response(content);
  } catch {
    throw fieldError("content", "is a ReadableStream read, cancelled or locked already: pass an unread one");
  }
  // Written by hand (see multipart), a stream's content as it is read, anything else as a Blob of known length.
  const { pieces, type: multipartType } = multipart([
    ["file_content_type", contentType],
    // Bun (oven-sh/bun#25851) leaves a file's bytes (Bun.file, fs.openAsBlob) out of a Blob made of it and other
    // parts: such a file is read first, as Bun's FormData did, or an empty file would be stored.
    ["file", content instanceof Blob && !joinsWhole(content) ? await content.arrayBuffer() : content, filename, contentType],
  ]);
  const body = streamed ? multipartStream(pieces as (string | ReadableStream<Uint8Array>)[]) : bodyBlob(pieces as BlobPart[]);
  const result = await client.POST("/data/{filePath}", {
    params: { path: { filePath } },
    // The typed body documents the two fields; what is sent is the body written above.
    body: { file: content as Blob, file_content_type: contentType },
    bodySerializer: () => body,
    headers: { "Content-Type": multipartType },
    ...(streamed && { duplex: "half" }),
    // A falsy signal (`useTimeout && AbortSignal.timeout(5000)`) reads as none.
    signal: opts.signal || undefined,
  });
  const stored = dataOrThrow(result, "POST");
  // CX's own clients take an upload as done only when the answer has the file's id: anything else (an empty one too)
  // is no metadata.
  if (typeof stored?.id !== "string" || !stored.id) {
    const { status, url } = result.response;
    throw new InvalidResponseError(`POST ${url} answered ${status} without the stored file's id: \`body\` holds what it sent.`, { status, method: "POST", url, body: stored });
  }
  return stored;
}

function bodyBlob(pieces: BlobPart[]): Blob {
  try {
    return new Blob(pieces);
  } catch {
    // Of text, Blobs and bytes, only bytes whose buffer was transferred away (postMessage, structuredClone) fail.
    throw fieldError("content", "is a detached ArrayBuffer (transferred away) or a view of one");
  }
}

function isUploadContent(value: unknown): value is UploadContent {
  return (
    typeof value === "string" ||
    (typeof Blob !== "undefined" && value instanceof Blob) ||
    isReadableStream(value) ||
    isArrayBuffer(value) ||
    ArrayBuffer.isView(value)
  );
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
}
