import { createServer, type RequestListener } from "node:http";
import { itLetsDroppedStreamsGo } from "@apis/faults/dropped-streams";
import { byteLength, collectGarbage, dropBodiesUnread, settledWithin } from "@apis/faults/garbage";
import { expect, it } from "vitest";
import { createClient, downloadFile, filePath } from "../../src/index.js";
import { ACCESS_TOKEN } from "../support/secrets.js";

const path = filePath("self", "/photos/2353.jpg");

// A CX client whose data host is a local server answering every download with `answer`.
async function withDataHost(answer: RequestListener, use: (cx: ReturnType<typeof createClient>) => Promise<void>): Promise<void> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as { port: number }).port;
    await use(createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, dataBaseUrl: `http://127.0.0.1:${port}/1` }));
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

// Node's Request follows the signal it was given only while the Request lives (nodejs/node#55428), and openapi-fetch's
// Request is gone once downloadFile resolves: the download must still stop when its signal aborts, however many
// garbage collections ran in between, or a stalled transfer could never be cancelled.
it("a download in progress stops when its signal aborts, after garbage collections too", async () => {
  const neverEnds: RequestListener = (_, res) => {
    res.writeHead(200, { "Content-Type": "image/jpeg" });
    res.write("first chunk");
  };
  await withDataHost(neverEnds, async (cx) => {
    const controller = new AbortController();
    const file = await downloadFile(cx, path, { signal: controller.signal });
    const reader = file.body.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first chunk");
    await collectGarbage(undefined, 10);
    controller.abort(new Error("the user cancelled"));
    expect(await settledWithin(reader.read(), 5_000, "still running 5 s after the abort")).toMatchObject({ message: "the user cancelled" });
  });
});

// The platform cancels a body it has not started reading once its Response is collected ("Response object has been
// garbage collected"), and a cancelled body reads as ended: downloadFile hands out the body alone, so a download not
// yet read when a collection ran came out empty, with no error.
it("a download not yet read when garbage collections run still reads in full", async () => {
  const size = 1 << 20;
  await withDataHost(
    (_, res) => {
      res.writeHead(200, { "Content-Type": "image/jpeg" });
      res.end(Buffer.alloc(size, 97));
    },
    async (cx) => {
      // Only the body is kept, as `const { body } = await downloadFile(...)` does.
      const { body } = await downloadFile(cx, path);
      await collectGarbage(undefined, 10);
      expect(await settledWithin(byteLength(body), 5_000, "not read in full within 5 s")).toBe(size);
    },
  );
});

// The other side of it: a download the caller drops unread must let its Response go, so that the platform cancels the
// body and frees the connection. The connection holds the body it is filling, so what keeps the Response must be held
// by the caller alone: a service that checks a file's type and skips it would otherwise keep every such connection, and
// what it buffered, open for good (Node's fetch does not time a body out while nobody reads it).
it("a download dropped unread lets its connection go once collected", async () => {
  const { accepted, open, strays } = await dropBodiesUnread(
    "image/jpeg",
    (url) => createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, dataBaseUrl: `${url}/1` }),
    // A download, and the raw call's stream too.
    async (cx) => {
      expect((await downloadFile(cx, path)).contentType).toBe("image/jpeg");
      expect((await cx.GET("/data/{filePath}", { params: { path: { filePath: path } }, parseAs: "stream" })).response.status).toBe(200);
    },
    3,
  );
  // Each dropped body held its connection, so each call opened one.
  expect({ accepted, open }, `also came in: ${strays.join(", ")}`).toEqual({ accepted: 6, open: 0 });
});

// A download read in part and then dropped (a service that sniffs a file's first bytes and skips it): the first read
// locks the body, which Node's fetch then never cancels, so the body must be cancelled once the stream is collected.
it("a download dropped after its first chunk lets its connection go once collected", async () => {
  const { accepted, open, strays } = await dropBodiesUnread(
    "image/jpeg",
    (url) => createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, dataBaseUrl: `${url}/1` }),
    async (cx) => {
      const { body } = await downloadFile(cx, path);
      expect((await body.getReader().read()).done).toBe(false);
    },
    3,
  );
  expect({ accepted, open }, `also came in: ${strays.join(", ")}`).toEqual({ accepted: 3, open: 0 });
});

// A raw call's stream, unread and after its first chunk, through the helper every vendor's raw streams are tested with.
itLetsDroppedStreamsGo(
  "a file",
  "image/jpeg",
  (url) => createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, dataBaseUrl: `${url}/1` }),
  (cx) => cx.GET("/data/{filePath}", { params: { path: { filePath: path } }, parseAs: "stream" }),
);
