import { existsSync } from "node:fs";
import { chromium as playwright } from "playwright-core";
import { bundledChromium } from "./bundled.ts";
import { CHROMIUM_PATH_VARIABLE, hasBundledChromium, noChromiumMessage, systemChromiumPaths, type ChromiumSource } from "./candidates.ts";

/** A browser to launch: its executable, the extra flags it needs, and which step of the lookup found it. */
export interface FoundChromium {
  executablePath: string;
  args: string[];
  source: ChromiumSource;
}

/** The machine as the lookup sees it; tests pass their own. */
export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  exists?: (path: string) => boolean;
  /** Where Playwright's managed Chromium would be. Default: playwright-core's own answer. */
  playwrightPath?: () => string;
  /** Take only this step of the lookup, whatever else the machine has. */
  source?: ChromiumSource;
  /** Unpacks the bundled Chromium. Default: @sparticuz/chromium. */
  bundled?: () => Promise<{ executablePath: string; args: string[] }>;
}

/** Flags every headless run here wants: no first-run UI, and no background calls to hosts this machine cannot reach. */
export const QUIET_ARGS = ["--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

function playwrightManaged(lookup: () => string, exists: (path: string) => boolean): string | undefined {
  try {
    const path = lookup();
    return path && exists(path) ? path : undefined;
  } catch {
    return undefined; // playwright-core throws when it has no build for this platform
  }
}

/**
 * Finds a Chromium: `APIS_CHROMIUM_PATH`, then Playwright's, then the system's, then (Linux x64) the one inside
 * @sparticuz/chromium. Throws, naming the variable and how to get a browser, when there is none.
 * @example const { executablePath, args } = await findChromium();
 */
export async function findChromium(lookup: ChromiumLookup = {}): Promise<FoundChromium> {
  const env = lookup.env ?? process.env;
  const platform = lookup.platform ?? process.platform;
  const arch = lookup.arch ?? process.arch;
  const exists = lookup.exists ?? existsSync;
  const wanted = (source: ChromiumSource) => lookup.source === undefined || lookup.source === source;
  const named = env[CHROMIUM_PATH_VARIABLE];
  if (wanted("env") && named) {
    if (!exists(named)) throw new Error(`${CHROMIUM_PATH_VARIABLE} names ${named}, which does not exist: point it at a Chrome or Chromium executable, or unset it.`);
    return { executablePath: named, args: [], source: "env" };
  }
  const managed = wanted("playwright") ? playwrightManaged(lookup.playwrightPath ?? (() => playwright.executablePath()), exists) : undefined;
  if (managed) return { executablePath: managed, args: [], source: "playwright" };
  const system = wanted("system") ? systemChromiumPaths(platform, env).find((path) => exists(path)) : undefined;
  if (system) return { executablePath: system, args: [], source: "system" };
  if (wanted("bundled") && hasBundledChromium(platform, arch)) return { ...(await (lookup.bundled ?? bundledChromium)()), source: "bundled" };
  throw new Error(noChromiumMessage(platform, arch));
}
