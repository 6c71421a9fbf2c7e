// The path a bare Linux x64 machine takes: the Chromium inside @sparticuz/chromium, forced even where this machine has
// another browser, launched and used for real against pages on 127.0.0.1.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/index.ts";

const run = promisify(execFile);
let browser: Browser;
let page: Server;
let api: Server;
const origin = (server: Server) => `http://127.0.0.1:${(server.address() as { port: number }).port}`;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return server;
}

beforeAll(async () => {
  ({ browser } = await launchChromium({ source: "bundled" }));
  page = await listen((_, response) => response.setHeader("content-type", "text/html").end("<h1>bare machine</h1>"));
  api = await listen((request, response) => {
    if (request.url === "/open") response.setHeader("access-control-allow-origin", "*");
    response.setHeader("content-type", "application/json").end('{"ok":true}');
  });
});

afterAll(async () => {
  await browser?.close();
  page?.close();
  api?.close();
});

describe("the bundled Chromium", () => {
  it("renders a page served on 127.0.0.1", async () => {
    const tab = await browser.newPage();
    await tab.goto(origin(page));
    expect(await tab.textContent("h1")).toBe("bare machine");
    await tab.close();
  });

  it("keeps CORS on, so a browser run proves what a real browser allows", async () => {
    const tab = await browser.newPage();
    await tab.goto(origin(page));
    const fetched = (path: string) =>
      tab.evaluate((url) => fetch(url).then((response) => response.json(), (error: Error) => ({ refused: error.name })), `${origin(api)}${path}`);
    expect(await fetched("/open")).toEqual({ ok: true });
    expect(await fetched("/closed")).toEqual({ refused: "TypeError" });
    await tab.close();
  });

  it("is unpacked once when two processes start together, and both launch it", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "apis-browser-race-"));
    const script = `import { launchChromium } from ${JSON.stringify(new URL("../src/index.ts", import.meta.url).href)};
const { browser, found } = await launchChromium({ source: "bundled" });
const page = await browser.newPage(); await page.setContent("<p>ok</p>");
console.log(found.executablePath, await page.textContent("p")); await browser.close();`;
    try {
      const env = { ...process.env, TMPDIR: scratch };
      // A hang guard, not a speed check: unpacking is CPU-bound and CI runs every package's tests at once.
      const both = await Promise.all([1, 2].map(() => run(process.execPath, ["--input-type=module", "-e", script], { env, timeout: 280_000 })));
      for (const { stdout } of both) expect(stdout.trim()).toMatch(new RegExp(`^${scratch}/apis-chromium-[\\d.]+/chromium ok$`));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 300_000);
});
