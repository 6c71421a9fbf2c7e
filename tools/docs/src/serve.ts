import { createReadStream, statSync, type Stats } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  // Chromium draws no SVG image served under another type (Redoc's side-menu logo is one).
  ".svg": "image/svg+xml",
};

// None for what cannot be read: a path with a NUL, a name over 255 bytes or one in an unreadable folder throws even with
// throwIfNoEntry false, which out of the handler ended the server.
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function answer(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(text);
}

/** Answers one request for a file under `dir`: GET and HEAD only, nothing outside `dir`, no folder listing. */
function serveFile(dir: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== "GET" && request.method !== "HEAD") return answer(response, 405, "Method not allowed", { allow: "GET, HEAD" });
  let url: URL;
  let pathname: string;
  try {
    url = new URL(request.url ?? "/", "http://localhost");
    pathname = decodeURIComponent(url.pathname);
  } catch {
    // A malformed escape (`/%E0`) would otherwise throw out of the handler and stop the server.
    return answer(response, 400, "Bad request");
  }
  let file = normalize(join(dir, pathname));
  if (file !== dir && !file.startsWith(dir + sep)) return answer(response, 403, "Forbidden");
  if (statOf(file)?.isDirectory()) {
    // A page's links are relative (openapi.json, ../assets/): served at /cx instead of /cx/, they would miss. One
    // leading slash only: `/.//cx` is the path //cx, and a Location of //cx/ would send the browser to the host cx.
    if (!url.pathname.endsWith("/")) return answer(response, 301, "Moved", { location: `/${url.pathname.replace(/^\/+/, "")}/${url.search}` });
    file = join(file, "index.html");
  }
  if (!statOf(file)?.isFile()) return answer(response, 404, "Not found");
  const stream = createReadStream(file);
  // Gone or unreadable after the check (a `pnpm build` under way removes dist/): end this answer, not the server.
  stream.once("error", () => (response.headersSent ? response.destroy() : answer(response, 500, "Cannot read the file")));
  stream.once("open", () => {
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "x-content-type-options": "nosniff" });
    stream.pipe(response);
  });
}

/**
 * Serves the built site from `dir` on 127.0.0.1 (port 0 picks a free one).
 *
 * @example
 * const server = await serveSite("tools/docs/dist", 4400);
 */
export async function serveSite(dir: string, port = 0): Promise<{ url: string; server: Server }> {
  const root = normalize(dir).replace(/(.)[\\/]+$/, "$1");
  const server = createServer((request, response) => serveFile(root, request, response));
  await new Promise<void>((listening, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} on 127.0.0.1 is in use: stop what listens there, or pass another port (PORT=4401 pnpm run docs)`) : error),
    );
    server.listen(port, "127.0.0.1", listening);
  });
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/`, server };
}
