// Opens the built site in Chromium, headless, as a reader would (the browser @apis/browser finds: APIS_CHROMIUM_PATH,
// Playwright's, the system's, or the one inside @sparticuz/chromium): the index and every API page. Any request to
// another host, any console error and any operation of a spec missing from its page fails the test.
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { launchChromium, type Browser, type Page } from "@apis/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentedApis } from "../src/build.ts";
import { hasClient } from "../src/snippets.ts";
import { serveSite } from "../src/serve.ts";
import { operationsOf, type JsonObject } from "../src/spec.ts";
import { readFileSync } from "node:fs";

const dist = fileURLToPath(new URL("../dist", import.meta.url));
const screenshots = fileURLToPath(new URL("../.screenshots", import.meta.url));
const apis = documentedApis();
// Bounds for a hang, not times to meet: a page renders in 2 to 4 s alone, but `pnpm test` runs this beside every other
// suite on two cores, and Chromium with Redoc can then take many times that.
const WAIT_MS = 120_000;
const BOUND_MS = 180_000;

let browser: Browser;
let server: Server;
let base: string;

beforeAll(async () => {
  ({ url: base, server } = await serveSite(dist));
  ({ browser } = await launchChromium());
  mkdirSync(screenshots, { recursive: true });
}, BOUND_MS);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** Opens a page, refusing every request to another host, and reports what went wrong while it loaded. */
async function open(path: string, ready: (page: Page) => Promise<unknown>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || url.host === new URL(base).host) return route.continue();
    foreign.push(url.href);
    return route.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(new URL(path, base).href, { waitUntil: "load", timeout: WAIT_MS });
  await ready(page);
  return { page, context, foreign, errors };
}

describe("the docs site in a browser", () => {
  it("shows the index with one row per API, each with its package and operation count", async () => {
    const { page, context, foreign, errors } = await open("/", (page) => page.waitForSelector("table"));
    for (const { api, docs } of apis) {
      const row = page.locator(`tr[data-api="${api.name}"]`);
      await expect(row.textContent()).resolves.toContain(docs.package);
      const document = JSON.parse(readFileSync(`${dist}/${api.name}/openapi.json`, "utf8")) as JsonObject;
      await expect(row.locator(".operations").textContent()).resolves.toBe(String(operationsOf(document).length));
    }
    await page.screenshot({ path: `${screenshots}/index.png`, fullPage: true });
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, BOUND_MS);

  it.each(apis.map(({ api, docs }) => [api.name, docs.package, hasClient(docs)] as const))("renders every operation of %s with its %s snippet (if it has a client yet), offline", async (name, pkg, withClient) => {
    const document = JSON.parse(readFileSync(`${dist}/${name}/openapi.json`, "utf8")) as JsonObject;
    const operations = operationsOf(document);
    const { page, context, foreign, errors } = await open(`/${name}/`, (page) => page.waitForSelector('[data-section-id*="operation/"]', { timeout: WAIT_MS }));
    const sections = await page.locator('[data-section-id*="operation/"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-section-id") ?? ""));
    const missing = operations.filter((operation) => !sections.some((id) => id.endsWith(`operation/${operation.operationId}`)));
    expect(missing.map((operation) => operation.operationId)).toEqual([]);
    // Every operation's section shows our snippet. Redoc renders later sections on idle callbacks: poll, don't sleep.
    const withoutSnippet = () =>
      page.evaluate(
        ({ ids, pkg }: { ids: string[]; pkg: string }) =>
          ids.filter((id) => {
            // Runs in the page: the DOM's document, not Node's.
            const page = (globalThis as unknown as { document: Document }).document;
            return !Array.from(page.querySelectorAll(`[data-section-id$="operation/${id}"]`)).some((node) => node.textContent?.includes(`from "${pkg}"`));
          }),
        { ids: operations.map((operation) => operation.operationId), pkg },
      );
    if (withClient) await expect.poll(withoutSnippet, { timeout: WAIT_MS }).toEqual([]);
    // Every operation's section shows how sure its facts are (x-confidence), as text a reader sees.
    const withoutConfidence = () =>
      page.evaluate(
        (expected: [string, string][]) =>
          expected.flatMap(([id, confidence]) => {
            const page = (globalThis as unknown as { document: Document }).document;
            const sections = Array.from(page.querySelectorAll<HTMLElement>(`[data-section-id$="operation/${id}"]`));
            return sections.some((node) => node.innerText.includes(`Confidence: ${confidence}`)) ? [] : [id];
          }),
        operations.map((operation) => [operation.operationId, String(operation.operation["x-confidence"])] as [string, string]),
      );
    await expect.poll(withoutConfidence, { timeout: WAIT_MS }).toEqual([]);
    await page.screenshot({ path: `${screenshots}/${name}.png` });
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, BOUND_MS);

  // OpenAPI 3.1 webhooks (a vendor's signed events) are not operations of a path: each must still have its section.
  const withWebhooks = apis.filter(({ api }) => Object.keys(webhooksOf(api.name)).length > 0).map(({ api }) => api.name);
  it.each(withWebhooks)("renders every webhook of %s, offline", async (name) => {
    const expected = Object.values(webhooksOf(name)).flatMap((item) => Object.values(item).map((operation) => String(operation.operationId)));
    const { page, context, foreign, errors } = await open(`/${name}/`, (page) => page.waitForSelector('[data-section-id*="operation/"]', { timeout: WAIT_MS }));
    const sections = await page.locator('[data-section-id*="operation/"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-section-id") ?? ""));
    expect(expected.filter((id) => !sections.some((section) => section.endsWith(`operation/${id}`)))).toEqual([]);
    expect(expected.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, BOUND_MS);
});

function webhooksOf(name: string): Record<string, Record<string, { operationId?: unknown }>> {
  const document = JSON.parse(readFileSync(`${dist}/${name}/openapi.json`, "utf8")) as { webhooks?: Record<string, Record<string, { operationId?: unknown }>> };
  return document.webhooks ?? {};
}
