// A raw call's stream (`parseAs: "stream"`) against a local server whose body never ends: one the caller drops unread
// must let its Response go, so that the platform cancels the body and frees the connection (the connection holds the
// body it fills, and Node's fetch does not time out a body nobody reads); one not yet read when collections run must
// still read in full.
import { createServer } from "node:http";
import { itLetsDroppedStreamsGo } from "@apis/faults/dropped-streams";
import { byteLength, collectGarbage, settledWithin } from "@apis/faults/garbage";
import { expect, it } from "vitest";
import { createClient } from "../../src/index.js";

const AUTH = { type: "token", accessToken: "access-123" } as const;
const params = { path: { surveyId: 138651 } };

itLetsDroppedStreamsGo(
  "a survey's XML",
  "application/xml",
  (url) => createClient({ environment: "production", auth: AUTH, fileProcessingBaseUrl: url }),
  (cmix) => cmix.fileProcessing.GET("/surveys/{surveyId}", { params, parseAs: "stream" }),
);

it("a stream not yet read when collections run still reads in full", async () => {
  const size = 1 << 20;
  const server = createServer((_, response) => void response.writeHead(200, { "Content-Type": "application/xml" }).end(Buffer.alloc(size, 97)));
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  try {
    const port = (server.address() as { port: number }).port;
    const cmix = createClient({ environment: "production", auth: AUTH, fileProcessingBaseUrl: `http://127.0.0.1:${port}` });
    // Only the stream is kept, as `const { data } = await ...GET(..., { parseAs: "stream" })` does.
    const { data } = await cmix.fileProcessing.GET("/surveys/{surveyId}", { params, parseAs: "stream" });
    await collectGarbage(undefined, 10);
    expect(await settledWithin(byteLength(data!), 5_000, "not read in full within 5 s")).toBe(size);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
