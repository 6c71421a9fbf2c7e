import { createServer } from "node:http";
import { itLetsDroppedStreamsGo } from "@apis/faults/dropped-streams";
import { byteLength, collectGarbage, dropBodiesUnread, settledWithin } from "@apis/faults/garbage";
import { expect, it } from "vitest";
import { createApiClient } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";

// Node's fetch cancels a body it has not started reading once its Response is collected, and a cancelled body reads as
// ended, with no error. A caller who keeps only `data` of a `parseAs: "stream"` call (the Response is in `response`,
// which most destructure away) must still read the whole body after garbage collections ran.
it("a stream handed out as data reads in full after garbage collections, its Response dropped", async () => {
  const body = `[${"0,".repeat(1 << 19)}0]`;
  const server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const client = createApiClient<paths>({ baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, operations, auth: { type: "none" } });
    const { data } = await client.GET("/items", { parseAs: "stream" });
    await collectGarbage(undefined, 10);
    expect(await settledWithin(byteLength(data!), 5_000, "not read in full within 5 s")).toBe(body.length);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

// The other side of it: a stream the caller drops unread must let its Response go, so that the platform cancels the body
// and frees its connection. The connection holds the body it is filling, so what keeps the Response must be something
// only the caller holds: a server that downloads and skips files would otherwise keep every connection, and what it
// buffered, open for good.
it("a stream handed out as data and dropped unread frees its connection once collected", async () => {
  const { accepted, open, strays } = await dropBodiesUnread(
    "application/octet-stream",
    (url) => createApiClient<paths>({ baseUrl: url, operations, auth: { type: "none" } }),
    async (client) => {
      expect((await client.GET("/files/{id}", { params: { path: { id: 1 } }, parseAs: "stream" })).response.status).toBe(200);
    },
    5,
  );
  // Each dropped body held its connection, so each call opened one.
  expect({ accepted, open }, `also came in: ${strays.join(", ")}`).toEqual({ accepted: 5, open: 0 });
});

// The same through the helper every vendor's raw streams are tested with, a stream dropped after its first chunk too:
// the first read locks the body, which Node's fetch then never cancels, so the stream cancels the reader it began once
// it is collected itself.
itLetsDroppedStreamsGo(
  "a file",
  "application/octet-stream",
  (url) => createApiClient<paths>({ baseUrl: url, operations, auth: { type: "none" } }),
  (client) => client.GET("/files/{id}", { params: { path: { id: 1 } }, parseAs: "stream" }),
);
