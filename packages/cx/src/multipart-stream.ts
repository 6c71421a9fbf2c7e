import { cancelQuietly, describeValue, InputError } from "@apis/runtime";

/**
 * The runtime's `multipart` pieces as a body written as it is read: file content flows from its stream straight into the
 * request, never gathered in memory. Send it with `duplex: "half"`; its length is unknown, so it goes out with chunked
 * transfer encoding.
 *
 * @example
 * const { pieces, type } = multipart([["file", content, "a.bin", "application/octet-stream"]]); // from @apis/runtime
 * await fetch(url, { method: "POST", body: multipartStream(pieces), headers: { "Content-Type": type }, duplex: "half" });
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

function toBytes(chunk: unknown, encoder: TextEncoder): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return encoder.encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (isArrayBuffer(chunk)) return new Uint8Array(chunk);
  throw new InputError("content", `An upload stream must yield bytes (Uint8Array), not ${describeValue(chunk)}`);
}

/**
 * Whether `value` is an ArrayBuffer, one of another realm too (a vm context, as Jest runs tests in; an iframe): its
 * byteLength getter reads the buffer's own slot, which instanceof (this realm's only) does not, and which no object
 * forging the tag (`Symbol.toStringTag`), no Proxy and no SharedArrayBuffer has.
 *
 * @example
 * isArrayBuffer(runInNewContext("new ArrayBuffer(1)")); // true
 */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  try {
    return BYTE_LENGTH.call(value) >= 0;
  } catch {
    return false;
  }
}

const BYTE_LENGTH = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength")!.get!;
