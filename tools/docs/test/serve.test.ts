// The docs server as a reader's browser (or a mistyped link) meets it: every request gets an answer, and the server
// keeps serving after one it cannot read.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
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
  ({ url: base, server } = await serveSite(dir));
});

afterAll(() => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("answers a path with a malformed percent-escape with a 400, and keeps serving", async () => {
  const bad = await fetch(new URL("/%E0%A4%A", base));
  expect(bad.status).toBe(400);
  const index = await fetch(base);
  expect(index.status).toBe(200);
  await expect(index.text()).resolves.toContain("<title>index</title>");
});
