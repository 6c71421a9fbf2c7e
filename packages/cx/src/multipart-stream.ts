import { cancelQuietly, describeValue } from "@apis/runtime";

/** One part of a {@link multipart} body: a text field, or a file and its content. */
export type StreamPart<Content> = { name: string; value: string } | { name: string; filename: string; contentType: string; content: Content };

/**
 * A `multipart/form-data` body (RFC 7578) as its pieces in order: the text of the headers, fields and boundaries, and
 * each file's content where it goes. Written by hand, not by `FormData`: Node's (undici 7.20 and later) ends the process
 * with an unhandled rejection when a Blob part cannot be read (an `fs.openAsBlob` file that changed), and it cannot
 * carry a stream. `new Blob(pieces)` makes a body of Blobs, bytes and text; {@link multipartStream} one with a stream.
 *
 * @example
 * const { pieces, contentType } = multipart([{ name: "file", filename: "a.bin", contentType: "application/octet-stream", content: blob }]);
 * await fetch(url, { method: "POST", body: new Blob(pieces), headers: { "Content-Type": contentType } });
 */
export function multipart<Content>(parts: readonly StreamPart<Content>[]): { pieces: (string | Content)[]; contentType: string } {
  const boundary = `----apis-cx-${randomHex(16)}`;
  const pieces: (string | Content)[] = [];
  for (const part of parts) {
    const disposition = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(part.name)}"`;
    if ("value" in part) pieces.push(`${disposition}\r\n\r\n${part.value}\r\n`);
    else pieces.push(`${disposition}; filename="${escape(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`, part.content, "\r\n");
  }
  pieces.push(`--${boundary}--\r\n`);
  return { pieces, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The {@link multipart} pieces as a body written as it is read: file content flows from its stream straight into the
 * request, never gathered in memory. Send it with `duplex: "half"`; its length is unknown, so it goes out with chunked
 * transfer encoding.
 *
 * @example
 * const { pieces, contentType } = multipart([{ name: "file", filename: "a.bin", contentType: "application/octet-stream", content }]);
 * await fetch(url, { method: "POST", body: multipartStream(pieces), headers: { "Content-Type": contentType }, duplex: "half" });
 */
export function multipartStream(pieces: readonly (string | ReadableStream<Uint8Array>)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Each pull enqueues something or closes the body: one that returned with neither would not be called again.
      for (;;) {
        if (reader) {
          const { done, value } = await reader.read();
          if (!done) {
            try {
              controller.enqueue(toBytes(value, encoder));
            } catch (error) {
              // The body fails, and its cancel() will not run: the source is let go here, without waiting on a cancel
              // that may never settle or fail in its place.
              cancelQuietly(reader, error);
              throw error;
            }
            return;
          }
          reader = undefined;
        }
        const piece = pieces[index++];
        if (typeof piece != "object") {
          if (piece === undefined) controller.close();
          else controller.enqueue(encoder.encode(piece));
          return;
        }
        reader = piece.getReader();
      }
    },
    async cancel(reason) {
      // The request was abandoned: stop the sources too, the current one and those not reached yet, each through a
      // reader that keeps it locked: a cancelled stream reads as empty, and passed again it would be sent as an empty file.
      await reader?.cancel(reason);
      for (const piece of pieces.slice(index)) if (typeof piece != "string") await piece.getReader().cancel(reason);
    },
  });
}

// What browsers do to names and file names in a multipart header (WHATWG HTML, "multipart/form-data encoding"):
// CR, LF and '"' become %0D, %0A and %22, which is what encodeURIComponent makes of each.
function escape(text: string): string {
  return text.replace(/[\r\n"]/g, (char) => encodeURIComponent(char));
}

function toBytes(chunk: unknown, encoder: TextEncoder): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return encoder.encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError(`An upload stream must yield bytes (Uint8Array), not ${describeValue(chunk)}`);
}

function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(values);
  // A Uint8Array stores the whole part of a number from 0 to 256 (exclusive), as Math.floor would give it.
  else for (let i = 0; i < bytes; i++) values[i] = Math.random() * 256;
  return Array.from(values, (value) => value.toString(16).padStart(2, "0")).join("");
}
