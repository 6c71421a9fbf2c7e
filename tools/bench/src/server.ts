// The benchmark's HTTP server, run in its own process so its work does not count against the client under test.
// Prints its port on stdout, and exits when its stdin ends. Routes: numbered pages and a large download; any other
// POST is a token endpoint, and any other GET the small JSON list every vendor's contender reads (at the path its
// pack-check row names), so the server knows no vendor.
import { createServer } from "node:http";
import { sendBytes } from "@apis/faults/send-bytes";

const TOKEN = JSON.stringify({ access_token: "bench-token", token_type: "Bearer", expires_in: 7200, scope: "public" });
const PROJECTS = JSON.stringify([{ id: 7, name: "Enterprise", response_count: 0, created_at: 1610774054 }]);

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://bench");
  if (url.pathname === "/pages") {
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 50);
    const total = Number(url.searchParams.get("total") ?? 100_000);
    const first = (page - 1) * perPage;
    const items = Array.from({ length: Math.max(0, Math.min(perPage, total - first)) }, (_, i) => ({ id: first + i, name: `item ${first + i}`, score: (first + i) % 11 }));
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(items));
  } else if (url.pathname === "/download") {
    sendBytes(response, Number(url.searchParams.get("bytes") ?? 0));
  } else if (request.method === "POST") {
    request.resume();
    response.writeHead(200, { "content-type": "application/json" }).end(TOKEN);
  } else if (request.method === "GET") {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(PROJECTS) }).end(PROJECTS);
  } else {
    response.writeHead(404).end();
  }
});
server.keepAliveTimeout = 60_000;
// Stdin is a pipe from the process that started the server (see startBenchServer): its end is that process's end.
process.stdin.on("end", () => process.exit(0)).resume();
server.listen(0, "127.0.0.1", () => {
  console.log(String((server.address() as { port: number }).port));
});
