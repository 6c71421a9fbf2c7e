// The unended-body server counts the connections of the test that started it, not those of other processes that
// reach its port (one that was theirs a moment ago): under `pnpm test` a stray once made 6 downloads count 8.
import { createConnection } from "node:net";
import { expect, it } from "vitest";
import { dropBodiesUnread, startUnendedBodyServer } from "../src/garbage.ts";

// A request on a connection of its own that ends with its answer, as a client in another process would send.
async function rawRequest(port: number, path: string): Promise<string> {
  const socket = createConnection(port, "127.0.0.1");
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  let head = "";
  for await (const chunk of socket) {
    head += String(chunk);
    if (head.includes("\r\n")) break;
  }
  socket.destroy();
  return head.slice(0, head.indexOf("\r\n"));
}

it("counts and holds only the connections that asked for a path under its url", async () => {
  const server = await startUnendedBodyServer("application/octet-stream");
  try {
    const { port, pathname } = new URL(server.url);
    expect(pathname).toMatch(/^\/[0-9a-f-]{36}$/);
    expect(await rawRequest(+port, "/items")).toBe("HTTP/1.1 404 Not Found");
    expect(server.accepted).toBe(0);
    expect(server.strays).toEqual(["GET /items"]);

    expect(await rawRequest(+port, `${pathname}/items`)).toBe("HTTP/1.1 200 OK");
    expect(server.accepted).toBe(1);
    expect(server.strays).toEqual(["GET /items"]);
  } finally {
    server.close();
  }
});

// dropBodiesUnread proves a client lets dropped bodies go only if it tells a body held from one let go.
it("dropBodiesUnread reports connections let go as closed, and those of bodies still held as open", async () => {
  const cancelled = await dropBodiesUnread("text/plain", (url) => url, async (url) => {
    await (await fetch(url)).body!.cancel();
  }, 2);
  expect(cancelled).toMatchObject({ accepted: 2, open: 0 });
  const held: Response[] = [];
  const kept = await dropBodiesUnread("text/plain", (url) => url, async (url) => {
    held.push(await fetch(url));
  }, 2);
  expect(kept).toMatchObject({ accepted: 2, open: 2 });
  for (const response of held) await response.body!.cancel();
});
