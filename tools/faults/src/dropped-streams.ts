import { expect, it } from "vitest";
import { dropBodiesUnread } from "./garbage.js";

/**
 * A test that a client's raw call with `parseAs: "stream"`, whose body the caller drops unread, lets its connection go
 * once collected: three calls against a server whose bodies never end (see {@link dropBodiesUnread}), after which no
 * connection may be left open. The connection holds the body it fills and Node's fetch does not time out a body nobody
 * reads, so a stream that kept its Response kept its connection for good.
 * @example
 * itLetsDroppedStreamsGo("a survey list", "application/json", (url) => createClient({ baseUrl: url, auth }), (sdx) => sdx.GET("/surveys", { parseAs: "stream" }));
 */
export function itLetsDroppedStreamsGo<T>(what: string, contentType: string, setUp: (url: string) => T, call: (made: T) => Promise<{ response: Response }>): void {
  it(`${what} streamed and dropped unread lets its connection go once collected`, async () => {
    const { accepted, open, strays } = await dropBodiesUnread(contentType, setUp, async (made) => expect((await call(made)).response.status).toBe(200), 3);
    expect({ accepted, open }, `also came in: ${strays.join(", ")}`).toEqual({ accepted: 3, open: 0 });
  });
}
