import type { ServerResponse } from "node:http";

const CHUNK = Buffer.alloc(64 * 1024, 97);

/**
 * Answers 200 with `bytes` bytes of "a", written from one reused 64 KiB chunk and honouring backpressure, so the
 * server costs the benchmark as little as it can.
 * @example sendBytes(response, 100 * 1024 * 1024);
 */
export function sendBytes(response: ServerResponse, bytes: number): void {
  response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes) });
  let left = bytes;
  const pump = () => {
    while (left > 0) {
      const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= piece.length;
      if (!response.write(piece)) return void response.once("drain", pump);
    }
    response.end();
  };
  pump();
}
