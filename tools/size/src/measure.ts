import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { vendorPackages as registeredPackages } from "@apis/spec";
import { rolldown } from "rolldown";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Bytes of one bundle, minified and then gzipped. */
export interface Bytes {
  minified: number;
  gzipped: number;
}

/** What a vendor package adds to an app: with openapi-fetch bundled in, and with it shared (marked external). */
export interface PackageSize {
  name: string;
  withOpenapiFetch: Bytes;
  withoutOpenapiFetch: Bytes;
}

/**
 * The vendor packages redocly.yaml registers that are published (not private); the runtime, which each of them
 * bundles, is no vendor.
 * @example vendorPackages() // [{ name: "@apis/wootric-cxi", entry: ".../packages/wootric-cxi/dist/index.js" }, ...]
 */
export function vendorPackages(root = repoRoot): { name: string; entry: string }[] {
  return registeredPackages(root).flatMap(({ name, dir }) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { private?: boolean };
    return manifest.private ? [] : [{ name, entry: join(dir, "dist/index.js") }];
  });
}

/**
 * Bundles a built ESM entry (with @apis/runtime inside) for the browser, minified, and gzips the result.
 * @example await bundleSize("/work/main/packages/cx/dist/index.js", { externalOpenapiFetch: true })
 */
export async function bundleSize(entry: string, options: { externalOpenapiFetch: boolean }): Promise<Bytes> {
  const bundle = await rolldown({
    input: entry,
    platform: "browser",
    external: options.externalOpenapiFetch ? [/^openapi-fetch(\/|$)/] : [],
    logLevel: "silent",
  });
  try {
    const { output } = await bundle.generate({ format: "esm", minify: true, codeSplitting: false });
    const code = output.map((chunk) => (chunk.type === "chunk" ? chunk.code : "")).join("");
    return { minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).byteLength };
  } finally {
    await bundle.close();
  }
}

/**
 * Measures every vendor package both ways, or only those `only` names. The packages must be built first (`pnpm build`).
 * @example for (const size of await measureAll()) console.log(size.name, size.withOpenapiFetch.gzipped)
 */
export async function measureAll(root = repoRoot, only?: readonly string[]): Promise<PackageSize[]> {
  const sizes: PackageSize[] = [];
  for (const { name, entry } of vendorPackages(root).filter((pkg) => only === undefined || only.includes(pkg.name))) {
    sizes.push({
      name,
      withOpenapiFetch: await bundleSize(entry, { externalOpenapiFetch: false }),
      withoutOpenapiFetch: await bundleSize(entry, { externalOpenapiFetch: true }),
    });
  }
  return sizes;
}
