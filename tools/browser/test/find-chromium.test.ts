// The lookup order on machines described by the test: nothing here touches the real file system or launches anything.
import { describe, expect, it } from "vitest";
import { CHROMIUM_PATH_VARIABLE, findChromium, type ChromiumLookup } from "../src/index.ts";

const BUNDLED = { executablePath: "/tmp/apis-chromium-x/chromium", args: ["--single-process"] };

/** A machine with exactly these files, on Linux x64 unless told otherwise. */
function machine(files: string[], overrides: Partial<ChromiumLookup> = {}): ChromiumLookup {
  return {
    env: {},
    platform: "linux",
    arch: "x64",
    exists: (path) => files.includes(path),
    playwrightPath: () => "/root/.cache/ms-playwright/chromium-1200/chrome-linux/chrome",
    bundled: async () => BUNDLED,
    ...overrides,
  };
}

describe("findChromium", () => {
  it("takes the executable that APIS_CHROMIUM_PATH names before anything else", async () => {
    const found = await findChromium(machine(["/opt/chrome", "/usr/bin/chromium"], { env: { [CHROMIUM_PATH_VARIABLE]: "/opt/chrome" } }));
    expect(found).toEqual({ executablePath: "/opt/chrome", args: [], source: "env" });
  });

  it("fails, naming the variable, when APIS_CHROMIUM_PATH points at nothing, instead of falling back silently", async () => {
    await expect(findChromium(machine(["/usr/bin/chromium"], { env: { [CHROMIUM_PATH_VARIABLE]: "/nope/chrome" } }))).rejects.toThrow(
      /APIS_CHROMIUM_PATH names \/nope\/chrome, which does not exist/,
    );
  });

  it("prefers Playwright's managed Chromium to a system one", async () => {
    const managed = "/root/.cache/ms-playwright/chromium-1200/chrome-linux/chrome";
    expect(await findChromium(machine([managed, "/usr/bin/chromium"]))).toMatchObject({ executablePath: managed, source: "playwright" });
  });

  it("goes past Playwright when playwright-core has no build for the platform", async () => {
    const lookup = machine(["/usr/bin/google-chrome"], { playwrightPath: () => { throw new Error("unsupported platform"); } });
    expect(await findChromium(lookup)).toMatchObject({ executablePath: "/usr/bin/google-chrome", source: "system" });
  });

  it("finds Chrome in /Applications on macOS", async () => {
    const chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(await findChromium(machine([chrome], { platform: "darwin", arch: "arm64" }))).toMatchObject({ executablePath: chrome, source: "system" });
  });

  it("finds Chrome under Program Files on Windows", async () => {
    const chrome = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe".replaceAll("\\", "/");
    const lookup = machine([chrome], { platform: "win32", env: { PROGRAMFILES: "C:/Program Files" }, exists: (path) => path.replaceAll("\\", "/") === chrome });
    expect(await findChromium(lookup)).toMatchObject({ source: "system" });
  });

  it("uses the Chromium inside @sparticuz/chromium on a bare Linux x64 machine", async () => {
    expect(await findChromium(machine([]))).toEqual({ ...BUNDLED, source: "bundled" });
  });

  it("takes only the bundled Chromium when asked, even where a system browser exists", async () => {
    expect(await findChromium(machine(["/usr/bin/chromium"], { source: "bundled", env: { [CHROMIUM_PATH_VARIABLE]: "/usr/bin/chromium" } }))).toMatchObject({ source: "bundled" });
  });

  it.each([
    ["macOS with no Chrome", "darwin", "arm64"],
    ["Linux arm64 with no Chromium", "linux", "arm64"],
  ] as const)("fails on %s with a message naming the variable and how to install a browser", async (_, platform, arch) => {
    const error = await findChromium(machine([], { platform, arch })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(CHROMIUM_PATH_VARIABLE);
    expect((error as Error).message).toMatch(/install Google Chrome|playwright-core install chromium/);
  });
});
