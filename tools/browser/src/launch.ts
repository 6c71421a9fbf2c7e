import { chromium, type Browser } from "playwright-core";
import { findChromium, QUIET_ARGS, type ChromiumLookup, type FoundChromium } from "./find-chromium.ts";

/**
 * Launches the Chromium that findChromium picks, headless, with no sandbox (tests run as root in CI) and no background
 * networking. Returns the browser and what was found, so a test can say which browser it ran.
 * @example const { browser } = await launchChromium(); const page = await browser.newPage();
 */
export async function launchChromium(lookup: ChromiumLookup = {}): Promise<{ browser: Browser; found: FoundChromium }> {
  const found = await findChromium(lookup);
  const args = [...new Set([...found.args, ...QUIET_ARGS, "--no-sandbox", "--disable-gpu"])];
  // The bundled build brings its own GPU emulation flags; --disable-gpu would fight them.
  const flags = found.source === "bundled" ? args.filter((arg) => arg !== "--disable-gpu") : args;
  const browser = await chromium.launch({ executablePath: found.executablePath, args: flags, headless: true });
  return { browser, found };
}
