// Chromium: each scenario bundled for the browser by rolldown from the scratch project's node_modules, served from its
// own origin on 127.0.0.1, and run in a page. The API server is another origin, so every request crosses CORS.
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { launchChromium, type Browser } from "@apis/browser";
import { rolldown } from "rolldown";
import type { Outcome } from "./outcome.ts";

const PAGE = (script: string) => `<!doctype html><meta charset="utf-8"><title>runtime matrix</title>
<script>
  // A module that fails to load or throws at the top never sets the result: report that as the outcome.
  addEventListener("error", (event) => { window.__outcome ??= Promise.resolve({ error: String(event.error?.stack ?? event.message) }); });
</script>
<script type="module" src="./${script}" onerror="window.__outcome ??= Promise.resolve({ error: 'could not load ${script}' })"></script>`;

const ENTRY = (scenarioFile: string) => `import { run } from "./${scenarioFile}";
const api = new URLSearchParams(location.search).get("api");
window.__outcome = run(api).then((report) => ({ report }), (error) => ({ error: String(error?.stack ?? error) }));
`;

/** The first line of a bundler message, without colour codes. */
const plain = (message: string) => message.replace(/\x1b\[[0-9;]*m/g, "").split("\n", 1)[0]!;

/** Bundles `<name>.scenario.mjs` for the browser into `<name>.web.js`; a bundling error is the runtime's failure. */
async function bundle(scratch: string, name: string): Promise<string | undefined> {
  const entry = join(scratch, `${name}.web-entry.mjs`);
  await writeFile(entry, ENTRY(`${name}.scenario.mjs`));
  // An import the bundler cannot resolve for the browser (a Node built-in) fails the bundle, as it would an app's.
  const unresolved: string[] = [];
  try {
    const build = await rolldown({
      input: entry,
      cwd: scratch,
      platform: "browser",
      onLog: (_, log) => void (log.code === "UNRESOLVED_IMPORT" && unresolved.push(plain(log.message))),
    });
    await build.write({ file: join(scratch, `${name}.web.js`), format: "esm" });
    await build.close();
  } catch (error) {
    return `the browser bundle failed: ${plain((error as Error).message)}`;
  }
  return unresolved.length > 0 ? `the browser bundle failed: ${unresolved.join("; ")}` : undefined;
}

/** A browser and a static server over the scratch folder, shared by every scenario of a run. */
export interface BrowserRun {
  run(name: string, apiUrl: string, timeoutMs?: number): Promise<Outcome>;
  close(): Promise<void>;
}

/** Launches Chromium (see @apis/browser for which) and serves the scratch folder's pages. */
export async function startBrowserRun(scratch: string): Promise<BrowserRun> {
  const server: Server = createServer(async (request, response) => {
    const file = new URL(request.url ?? "/", "http://x").pathname.slice(1);
    if (file.endsWith(".html")) return void response.setHeader("content-type", "text/html").end(PAGE(file.replace(/\.html$/, ".web.js")));
    if (!/^[\w.-]+\.web\.js$/.test(file)) return void response.writeHead(404).end();
    response.setHeader("content-type", "text/javascript").end(await readFile(join(scratch, file)));
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const { browser }: { browser: Browser } = await launchChromium();
  const version = `chromium ${browser.version()}`;
  return {
    async run(name, apiUrl, timeoutMs = 60_000) {
      const failed = await bundle(scratch, name);
      if (failed) return { runtime: "chromium", version, error: failed };
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${origin}/${name}.html?api=${encodeURIComponent(apiUrl)}`);
        await page.waitForFunction(() => (globalThis as { __outcome?: unknown }).__outcome !== undefined, undefined, { timeout: timeoutMs });
        const result = await page.evaluate(() => (globalThis as unknown as { __outcome: Promise<{ report?: unknown; error?: string }> }).__outcome);
        return { runtime: "chromium", version, ...result };
      } catch (error) {
        return { runtime: "chromium", version, error: (error as Error).message };
      } finally {
        await context.close();
      }
    },
    async close() {
      await browser.close();
      await new Promise((closed) => server.close(closed));
    },
  };
}
