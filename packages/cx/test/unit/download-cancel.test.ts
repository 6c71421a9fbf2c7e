import { createServer } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { createClient, downloadFile, filePath } from "../../src/index.js";
import { ACCESS_TOKEN } from "../support/secrets.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

// Node's Request follows the signal it was given only while the Request lives (nodejs/node#55428), and openapi-fetch's
// Request is gone once downloadFile resolves: the download must still stop when its signal aborts, however many
// garbage collections ran in between, or a stalled transfer could never be cancelled.
it("a download in progress stops when its signal aborts, after garbage collections too", async () => {
  const server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "image/jpeg" });
    res.write("first chunk");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as { port: number }).port;
    const cx = createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, dataBaseUrl: `http://127.0.0.1:${port}/1` });
    const controller = new AbortController();
    const file = await downloadFile(cx, filePath("self", "/photos/2353.jpg"), { signal: controller.signal });
    const reader = file.body.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first chunk");
    for (let round = 0; round < 10; round++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    controller.abort(new Error("the user cancelled"));
    // Bounded, so that a download that goes on fails here rather than at the test's timeout.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stillRunning = new Promise((resolve) => (timer = setTimeout(resolve, 5_000, "still running 5 s after the abort")));
    const outcome = await Promise.race([reader.read().then(() => "read on after the abort", (error: unknown) => error), stillRunning]);
    clearTimeout(timer);
    expect(outcome).toMatchObject({ message: "the user cancelled" });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

// The platform cancels a body it has not started reading once its Response is collected ("Response object has been
// garbage collected"), and a cancelled body reads as ended: downloadFile hands out the body alone, so a download not
// yet read when a collection ran came out empty, with no error.
it("a download not yet read when garbage collections run still reads in full", async () => {
  const size = 1 << 20;
  const server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "image/jpeg" });
    res.end(Buffer.alloc(size, 97));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as { port: number }).port;
    const cx = createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, dataBaseUrl: `http://127.0.0.1:${port}/1` });
    // Only the body is kept, as `const { body } = await downloadFile(...)` does.
    const { body } = await downloadFile(cx, filePath("self", "/photos/2353.jpg"));
    for (let round = 0; round < 10; round++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise((resolve) => (timer = setTimeout(resolve, 5_000, "not read in full within 5 s")));
    const read = (async () => {
      const reader = body.getReader();
      let length = 0;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) length += chunk.value.byteLength;
      return length;
    })().catch((error: unknown) => error);
    const outcome = await Promise.race([read, stalled]);
    clearTimeout(timer);
    expect(outcome).toBe(size);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
