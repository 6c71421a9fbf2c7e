import { cancelQuietly, describeValue } from "@apis/runtime";

/** One part of a {@link multipartStream}: a text field, or a file whose content arrives as a stream. */
export type StreamPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; content: ReadableStream<Uint8Array> };

/**
 * A `multipart/form-data` body (RFC 7578) written as it is read: file content flows from its stream straight into
 * the request, never gathered in memory, which `FormData` cannot do (its parts must be Blobs). Send it with
 * `duplex: "half"`; its length is unknown, so it goes out with chunked transfer encoding.
 *
 * @example
 * const { body, contentType } = multipartStream([{ name: "file", filename: "a.bin", contentType: "application/octet-stream", content }]);
 * await fetch(url, { method: "POST", body, headers: { "Content-Type": contentType }, duplex: "half" });
 */
export function multipartStream(parts: readonly StreamPart[]): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = `----apis-cx-${randomHex(16)}`;
  const encoder = new TextEncoder();
  let index = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
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
          controller.enqueue(encoder.encode("\r\n"));
          return;
        }
        const part = parts[index++];
        if (part === undefined) {
          controller.enqueue(encoder.encode(`--${boundary}--\r\n`));
          controller.close();
          return;
        }
        if ("value" in part) {
          controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${escape(part.name)}"\r\n\r\n${part.value}\r\n`));
          return;
        }
        controller.enqueue(
          encoder.encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="${escape(part.name)}"; filename="${escape(part.filename)}"\r\n` +
              `Content-Type: ${part.contentType}\r\n\r\n`,
          ),
        );
        reader = part.content.getReader();
      }
    },
    async cancel(reason) {
      // The request was abandoned: stop the sources too, the current one and those not reached yet, each through a
      // reader that keeps it locked: a cancelled stream reads as empty, and passed again it would be sent as an empty file.
      await reader?.cancel(reason);
      for (const part of parts.slice(index)) if ("content" in part) await part.content.getReader().cancel(reason);
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
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
