import { join } from "node:path";

/** Where a Chromium was found. */
export type ChromiumSource = "env" | "playwright" | "system" | "bundled";

/** The variable that names a Chrome or Chromium executable, checked before anything else. */
export const CHROMIUM_PATH_VARIABLE = "APIS_CHROMIUM_PATH";

/**
 * The usual install paths of Chrome and Chromium on this platform, most specific first.
 * @example systemChromiumPaths("darwin", {}) // ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", ...]
 */
export function systemChromiumPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === "darwin") {
    return ["Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium"].map((app) => `/Applications/${app}`);
  }
  if (platform === "win32") {
    const roots = [env["PROGRAMFILES"], env["PROGRAMFILES(X86)"], env["LOCALAPPDATA"]].filter((root): root is string => Boolean(root));
    return roots.flatMap((root) => [join(root, "Google", "Chrome", "Application", "chrome.exe"), join(root, "Chromium", "Application", "chrome.exe")]);
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/snap/bin/chromium"];
}

/** Whether `@sparticuz/chromium` carries a browser for this platform: it ships a Linux x64 build. */
export function hasBundledChromium(platform: NodeJS.Platform, arch: string): boolean {
  return platform === "linux" && arch === "x64";
}

/** What to tell someone with no browser at all. */
export function noChromiumMessage(platform: NodeJS.Platform, arch: string): string {
  return [
    `No Chrome or Chromium found for the browser tests (${platform} ${arch}).`,
    `Set ${CHROMIUM_PATH_VARIABLE} to a Chrome or Chromium executable, install Google Chrome,`,
    "or run `pnpm --filter @apis/browser exec playwright-core install chromium` for Playwright's own.",
    "On Linux x64 the Chromium inside @sparticuz/chromium is used: run `pnpm install` so that it is there.",
  ].join(" ");
}
