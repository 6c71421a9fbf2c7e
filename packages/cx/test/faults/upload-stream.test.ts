// A streamed upload whose source stalls or never ends: the runtime reads a body that carries the query access token
// before sending it (it may have to be resent after a same-origin 307/308), and the caller's signal must stop that read.
import { describe, expect, it } from "vitest";
import { ApiUserAbortError, createClient, filePath, InputError, uploadFile } from "../../src/index.js";
import { ACCESS_TOKEN } from "../support/secrets.js";

// Settles with the outcome, or with "still pending" after `ms`, so a regression fails instead of hanging.
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), new Promise<"still pending">((resolve) => setTimeout(() => resolve("still pending"), ms))]);

function connect() {
  let sent = 0;
  const cx = createClient({
    auth: { type: "token", accessToken: ACCESS_TOKEN },
    fetch: async () => {
      sent++;
      return Response.json({ id: "ZdvTGn0mEeG34xIFOBql1A", size: 1 });
    },
  });
  return { cx, sent: () => sent };
}

describe("CX streamed upload whose source does not end", () => {
  it("stops reading a source that never yields once the caller aborts, with an ApiUserAbortError, and sends nothing", async () => {
    const { cx, sent } = connect();
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
    const controller = new AbortController();
    const upload = uploadFile(cx, filePath("self", "/stalled.bin"), stalled, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const outcome = await within(upload, 2000);
    expect(outcome).not.toBe("still pending");
    expect((outcome as { error?: unknown }).error).toBeInstanceOf(ApiUserAbortError);
    expect(sent()).toBe(0);
  });

  it("stops reading a source that yields for ever once the caller aborts, instead of gathering it all", async () => {
    const { cx, sent } = connect();
    let pulls = 0;
    // Bounded, so that a regression ends (and fails) rather than filling memory: 100 000 chunks of 1 KiB.
    const endless = new ReadableStream<Uint8Array>({
      async pull(source) {
        if (++pulls > 100_000) return source.close();
        if (pulls % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        source.enqueue(new Uint8Array(1024));
      },
    });
    const controller = new AbortController();
    const upload = uploadFile(cx, filePath("self", "/endless.bin"), endless, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const outcome = await within(upload, 5000);
    expect((outcome as { error?: unknown }).error).toBeInstanceOf(ApiUserAbortError);
    expect(pulls).toBeLessThan(100_000);
    expect(sent()).toBe(0);
  });
});

// The source is often a file being read (Readable.toWeb(createReadStream(path))): an upload that ends without sending it
// must cancel it, or its file descriptor stays open for as long as the process runs.
describe("CX streamed upload the caller aborts", () => {
  for (const when of ["before the upload starts", "while the source is read"]) {
    it(`cancels its source when aborted ${when}`, async () => {
      const { cx, sent } = connect();
      let cancel: () => void = () => {};
      const cancelled = new Promise<string>((resolve) => (cancel = () => resolve("cancelled")));
      const source = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}), cancel });
      const controller = new AbortController();
      if (when === "before the upload starts") controller.abort();
      else setTimeout(() => controller.abort(), 20);
      const outcome = await within(uploadFile(cx, filePath("self", "/stalled.bin"), source, { signal: controller.signal }), 2000);
      expect((outcome as { error?: unknown }).error).toBeInstanceOf(ApiUserAbortError);
      expect(await within(cancelled, 2000)).toEqual({ value: "cancelled" });
      expect(sent()).toBe(0);
    });
  }
});

describe("CX streamed upload passed again after an abort", () => {
  it("refuses the cancelled source, which would be stored as an empty file", async () => {
    const { cx, sent } = connect();
    const source = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode("hello")) });
    const aborted = await uploadFile(cx, filePath("self", "/a.txt"), source, { signal: AbortSignal.abort() }).catch((error: unknown) => error);
    expect(aborted).toBeInstanceOf(ApiUserAbortError);
    const again = await uploadFile(cx, filePath("self", "/a.txt"), source).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(InputError);
    expect(again).toMatchObject({ field: "content" });
    expect(sent()).toBe(0);
  });
});

describe("CX streamed upload whose source yields something other than bytes", () => {
  // The caller's stream is at fault, as a content of the wrong type is: an InputError naming content (still a TypeError).
  it("fails with an InputError on content saying so, cancels the source and sends nothing", async () => {
    const { cx, sent } = connect();
    let cancelled: unknown;
    let pulls = 0;
    const source = new ReadableStream<Uint8Array>({
      // Bounded, so that a regression that read on would end.
      pull: (controller) => (++pulls > 1000 ? controller.close() : controller.enqueue({ not: "bytes" } as unknown as Uint8Array)),
      cancel: (reason) => void (cancelled = reason),
    });
    const outcome = await within(uploadFile(cx, filePath("self", "/objects.bin"), source), 2000);
    const error = (outcome as { error?: unknown }).error;
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "content", message: expect.stringMatching(/must yield bytes \(Uint8Array\), not an object$/) });
    expect(cancelled).toBe(error);
    expect(sent()).toBe(0);
  });
});
