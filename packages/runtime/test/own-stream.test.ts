import { describe, expect, it } from "vitest";
import { ownStream } from "../src/index.js";

describe("ownStream", () => {
  // A body nobody began to read is cancelled itself (one begun, through the reader that began it).
  it("cancels a body not begun with the caller's reason", async () => {
    const cancelled: unknown[] = [];
    const body = new ReadableStream<Uint8Array>({ cancel: (reason) => void cancelled.push(reason) }, { highWaterMark: 0 });
    await ownStream(new Response(body)).cancel("not needed");
    expect(cancelled).toEqual(["not needed"]);
  });
});
