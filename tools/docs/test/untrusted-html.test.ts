// A spec's descriptions are Markdown, and Markdown may hold HTML: text copied from a vendor's page can carry an event
// handler. The site shows such HTML without running it. Built from a scratch registry (no client: nothing to typecheck)
// and opened in Chromium as browser.test.ts opens the real site.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium, type Browser } from "@apis/browser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSite } from "../src/build.ts";
import { serveSite } from "../src/serve.ts";

// Each handler adds its own bit to window.ran: 1 the API's description, 2 an operation's, 4 a response's.
const SPEC = `openapi: 3.1.0
info:
  title: Untrusted HTML
  version: 1.0.0
  description: 'About this API. <img src="missing-1.png" onerror="window.ran = (window.ran || 0) | 1">'
paths:
  /things:
    get:
      operationId: listThings
      summary: List things
      description: 'Lists things. <img src="missing-2.png" onerror="window.ran = (window.ran || 0) | 2">'
      responses:
        '200':
          description: 'The things. <img src="missing-4.png" onerror="window.ran = (window.ran || 0) | 4">'
`;

const BOUND_MS = 180_000;
let root: string;
let browser: Browser;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "apis-docs-html-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
  writeFileSync(
    join(root, "redocly.yaml"),
    'apis:\n  untrusted:\n    root: openapi.yaml\n    x-docs:\n      title: Untrusted HTML\n      package: "@apis/untrusted"\n      pending: a scratch API\ntelemetry: off\nextends: [minimal]\n',
  );
  writeFileSync(join(root, "openapi.yaml"), SPEC);
  buildSite(join(root, "dist"), root);
  ({ url: base, server } = await serveSite(join(root, "dist")));
  ({ browser } = await launchChromium());
}, BOUND_MS);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

it("shows HTML in a spec's descriptions without running its event handlers", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL("/untrusted/", base).href, { waitUntil: "load" });
  const section = page.locator('[data-section-id$="operation/listThings"]');
  await section.waitFor();
  await expect(section.innerText()).resolves.toContain("Lists things.");
  await expect(page.locator("#redoc").innerText()).resolves.toContain("About this API.");
  // Once every image has failed to load, a handler left on one has run by the time the page answers the next question.
  await expect(section.innerText()).resolves.toContain("The things.");
  await page.waitForFunction(() => {
    const images = Array.from((globalThis as unknown as { document: Document }).document.images).filter((image) => image.src.includes("missing-"));
    return images.length === 3 && images.every((image) => image.complete);
  });
  expect(await page.evaluate(() => (globalThis as { ran?: number }).ran ?? 0)).toBe(0);
  await context.close();
}, BOUND_MS);
