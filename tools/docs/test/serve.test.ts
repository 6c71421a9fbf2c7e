// The docs server as a reader's browser (or a mistyped link) meets it: every request gets an answer, and the server
// keeps serving after one it cannot read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveSite } from "../src/serve.ts";

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "apis-docs-serve-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>index</title>");
  mkdirSync(join(dir, "cx"));
  writeFileSync(join(dir, "cx", "index.html"), '<!doctype html><title>cx</title><script src="openapi.json"></script>');
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "assets", "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // A folder where a page should be: reading it as a file fails after it has been opened.
  mkdirSync(join(dir, "broken", "index.html"), { recursive: true });
  ({ url: base, server } = await serveSite(dir));
});

afterAll(() => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function servesIndex(): Promise<void> {
  const index = await fetch(base);
  expect(index.status).toBe(200);
  await expect(index.text()).resolves.toContain("<title>index</title>");
}

it("answers a path with a malformed percent-escape with a 400, and keeps serving", async () => {
  const bad = await fetch(new URL("/%E0%A4%A", base));
  expect(bad.status).toBe(400);
  await servesIndex();
});

// fs.statSync throws for these even with throwIfNoEntry false (ERR_INVALID_ARG_VALUE, ENAMETOOLONG): out of the
// handler, the throw ended the server.
it.each([
  ["a NUL", "/cx%00"],
  ["a name over 255 bytes", `/${"a".repeat(300)}`],
  ["a folder's name over 255 bytes", `/cx/${"b".repeat(300)}/`],
])("answers a path with %s, which no file can have, with a 404, and keeps serving", async (_, path) => {
  const response = await fetch(new URL(path, base));
  expect(response.status).toBe(404);
  await servesIndex();
});

// Served at /cx, the page's relative links (openapi.json, ../assets/) would resolve against / and the page stay blank.
it("redirects a folder asked for without its trailing slash to the folder, keeping the query", async () => {
  const response = await fetch(new URL("/cx?x=1", base), { redirect: "manual" });
  expect(response.status).toBe(301);
  expect(response.headers.get("location")).toBe("/cx/?x=1");
  const followed = await fetch(new URL("/cx", base));
  expect(followed.url).toBe(new URL("/cx/", base).href);
  await expect(followed.text()).resolves.toContain("<title>cx</title>");
});

it("redirects within this server, whatever slashes the path starts with", async () => {
  // fetch would normalise the path first: the request goes as written.
  const location = await new Promise<string | undefined>((resolve, reject) => {
    const port = Number(new URL(base).port);
    request({ host: "127.0.0.1", port, path: "/.//cx" }, (response) => {
      response.resume();
      resolve(response.headers.location);
    })
      .once("error", reject)
      .end();
  });
  expect(location).toBe("/cx/");
});

// Chromium draws no SVG image served as application/octet-stream: Redoc's side-menu logo disappeared.
it("serves an SVG as image/svg+xml", async () => {
  const response = await fetch(new URL("/assets/logo.svg", base));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/svg+xml");
});

it("answers a method other than GET and HEAD with a 405 naming those two", async () => {
  const response = await fetch(base, { method: "POST", body: "x" });
  expect(response.status).toBe(405);
  expect(response.headers.get("allow")).toBe("GET, HEAD");
  const head = await fetch(base, { method: "HEAD" });
  expect(head.status).toBe(200);
});

it("answers a page that is no file with a 404, and keeps serving (reading it would throw out of the server)", async () => {
  const response = await fetch(new URL("/broken/", base));
  expect(response.status).toBe(404);
  await servesIndex();
});

it("serves a folder given with a trailing slash like one without", async () => {
  const { url, server: other } = await serveSite(`${dir}/`);
  try {
    const response = await fetch(new URL("/cx/", url));
    expect(response.status).toBe(200);
    await expect(response.text()).resolves.toContain("<title>cx</title>");
  } finally {
    other.close();
  }
});
