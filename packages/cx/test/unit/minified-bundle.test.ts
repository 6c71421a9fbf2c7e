// @apis/cx as an app's bundler ships it, minified: a check written as a call whose result is unused (say
// `try { encodeURIComponent(path) } catch { ... }`) is taken for dead code and dropped, and the caller then gets a bare
// URIError instead of the InputError that names the field.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { rolldown } from "rolldown";
import { afterAll, beforeAll, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "..", "src", "index.ts");
const dir = mkdtempSync(join(tmpdir(), "apis-cx-minified-"));
let cx: typeof import("../../src/index.js");

beforeAll(async () => {
  const bundle = await rolldown({ input: join(import.meta.dirname, "..", "..", "src", "index.ts"), platform: "browser", logLevel: "silent" });
  try {
    const { output } = await bundle.generate({ format: "esm", minify: true, codeSplitting: false });
    writeFileSync(join(dir, "cx.min.mjs"), output.map((chunk) => (chunk.type === "chunk" ? chunk.code : "")).join(""));
  } finally {
    await bundle.close();
  }
  cx = (await import(pathToFileURL(join(dir, "cx.min.mjs")).href)) as typeof cx;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("refuses a path with an unpaired surrogate with an InputError naming it, minified too", () => {
  expect(() => cx.filePath("self", "/a\uD800.jpg")).toThrow(cx.InputError);
  expect(() => cx.filePath("self", "/a\uD800.jpg")).toThrow(/unpaired UTF-16 surrogate/);
  expect(cx.filePath("self", "/a\uD83D\uDE00.jpg")).toBe("self:%2Fa%F0%9F%98%80.jpg");
});

// An app that imports an error class alone, bundled with tree-shaking: each class must keep its name, which it is
// given by a module that runs for that effect (see errors.ts); a bundler that dropped that module left every error
// named "Error".
it("keeps an error class's name when an app imports it alone, bundled and minified", async () => {
  writeFileSync(join(dir, "entry.mjs"), `import { NotFoundError, ApiError } from ${JSON.stringify(SRC)}; export default [new NotFoundError("x", {}).name, ApiError.generate(500, {}).name];`);
  const bundle = await rolldown({ input: join(dir, "entry.mjs"), platform: "browser", logLevel: "silent" });
  try {
    const { output } = await bundle.generate({ format: "esm", minify: true, codeSplitting: false });
    writeFileSync(join(dir, "app.min.mjs"), output.map((chunk) => (chunk.type === "chunk" ? chunk.code : "")).join(""));
  } finally {
    await bundle.close();
  }
  const { default: names } = (await import(pathToFileURL(join(dir, "app.min.mjs")).href)) as { default: string[] };
  expect(names).toEqual(["NotFoundError", "InternalServerError"]);
}, 60_000);

// The error classes are named once, in a module of the runtime's that only re-exports them otherwise: a bundler that
// took it for free of side effects would drop the naming, and every error would carry its minified class name.
it("keeps every error class's name, minified too", () => {
  const classes = Object.entries(cx).filter(([name, value]) => typeof value === "function" && /Error$/.test(name));
  expect(classes.length).toBeGreaterThanOrEqual(19);
  for (const [name, ErrorClass] of classes) expect(new (ErrorClass as new (...args: unknown[]) => Error)("x", {}).name, name).toBe(name);
  expect(cx.ApiError.generate(404, { error: "gone" }, { method: "GET", url: "https://cx.example/x" }).name).toBe("NotFoundError");
});
