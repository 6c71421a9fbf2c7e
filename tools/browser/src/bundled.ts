// The Chromium inside @sparticuz/chromium: unpacked once per version into its own folder, under a lock, so two test
// processes starting together never launch a half-written binary, and a /tmp/chromium of another version is not reused.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const LOCK_STALE_MS = 120_000;

/**
 * The flags @sparticuz/chromium recommends for AWS Lambda, minus two that do not fit a test run: the one that switches
 * off CORS and same-origin checks (a browser test must see what a real browser allows), and single-process mode (in
 * which closing the last page ends the browser).
 */
const UNWANTED = new Set(["--disable-web-security", "--single-process"]);
function launchArgs(args: readonly string[]): string[] {
  return args.filter((arg) => !UNWANTED.has(arg));
}

function version(): string {
  const manifest = join(dirname(require.resolve("@sparticuz/chromium")), "..", "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process holds it; a lock older than the longest unpack is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((wake) => setTimeout(wake, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Unpacks (once) and returns the bundled Chromium with the flags it needs.
 * @example const { executablePath, args } = await bundledChromium();
 */
export async function bundledChromium(): Promise<{ executablePath: string; args: string[] }> {
  const root = tmpdir();
  const home = join(root, `apis-chromium-${version()}`);
  const ready = join(home, ".ready");
  return withLock(`${home}.lock`, async () => {
    const { default: chromium } = await import("@sparticuz/chromium");
    if (!existsSync(ready)) {
      rmSync(home, { recursive: true, force: true }); // a half-unpacked folder from a killed run
      mkdirSync(home, { recursive: true });
      // The package unpacks into os.tmpdir(), which reads TMPDIR on every call: point it at our folder meanwhile.
      const saved = process.env["TMPDIR"];
      process.env["TMPDIR"] = home;
      try {
        await chromium.executablePath();
      } finally {
        if (saved === undefined) delete process.env["TMPDIR"];
        else process.env["TMPDIR"] = saved;
      }
      writeFileSync(ready, "");
    }
    return { executablePath: join(home, "chromium"), args: launchArgs(chromium.args) };
  });
}
