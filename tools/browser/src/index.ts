export { findChromium, QUIET_ARGS, type ChromiumLookup, type FoundChromium } from "./find-chromium.ts";
export { launchChromium } from "./launch.ts";
export { bundledChromium } from "./bundled.ts";
export { CHROMIUM_PATH_VARIABLE, systemChromiumPaths, type ChromiumSource } from "./candidates.ts";
export type { Browser, Page } from "playwright-core";
