import { createServer } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { createApiClient } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

// Node's fetch cancels a body it has not started reading once its Response is collected, and a cancelled body reads as
// ended, with no error. A caller who keeps only `data` of a `parseAs: "stream"` call (the Response is in `response`,
// which most destructure away) must still read the whole body after garbage collections ran.
it("a stream handed out as data reads in full after garbage collections, its Response dropped", async () => {
  const size = 1 << 20;
  const server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(`[${"0,".repeat(size / 2 - 1)}0]`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const client = createApiClient<paths>({ baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, operations, auth: { type: "none" } });
    const { data } = await client.GET("/items", { parseAs: "stream" });
    for (let round = 0; round < 10; round++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Bounded, so that a body that stalls fails here rather than at the test's timeout.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise((resolve) => (timer = setTimeout(resolve, 5_000, "not read in full within 5 s")));
    const read = (async () => {
      const reader = data!.getReader();
      let length = 0;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) length += chunk.value.byteLength;
      return length;
    })().catch((error: unknown) => error);
    const outcome = await Promise.race([read, stalled]);
    clearTimeout(timer);
    expect(outcome).toBe(size + 1);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
