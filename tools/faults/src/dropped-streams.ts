import { expect, it } from "vitest";
import { dropBodiesUnread } from "./garbage.js";

/**
 * Tests that a client's raw call with `parseAs: "stream"`, whose stream the caller drops (unread, or after reading its
 * first chunk), lets its connection go once collected: three calls each against a server whose bodies never end (see
 * {@link dropBodiesUnread}), after which no connection may be left open. The connection holds the body it fills, Node's
 * fetch does not time out a body nobody reads, and it cancels a collected Response's body only if nobody began to read
 * it: a stream that kept its Response, or had locked its body, kept its connection for good.
 * @example
 * itLetsDroppedStreamsGo("a survey list", "application/json", (url) => createClient({ baseUrl: url, auth }), (sdx) => sdx.GET("/surveys", { parseAs: "stream" }));
 */
export function itLetsDroppedStreamsGo<T>(what: string, contentType: string, setUp: (url: string) => T, call: (made: T) => Promise<{ data?: unknown; response: Response }>): void {
  for (const read of [false, true]) {
    it(`${what} streamed and dropped ${read ? "after its first chunk" : "unread"} lets its connection go once collected`, async () => {
      const { accepted, open, strays } = await dropBodiesUnread(contentType, setUp, async (made) => {
        const { data, response } = await call(made);
        expect(response.status).toBe(200);
        if (read) expect((await (data as ReadableStream<Uint8Array>).getReader().read()).done).toBe(false);
      }, 3);
      expect({ accepted, open }, `also came in: ${strays.join(", ")}`).toEqual({ accepted: 3, open: 0 });
    });
  }
}
