import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mustRun } from "./run.ts";
import type { PublicPackage } from "./public-packages.ts";

/**
 * Packs the given packages with `pnpm pack` (which rewrites `workspace:*` to real versions) and installs the
 * tarballs with npm into a new folder outside the workspace, as a user would; `overrides` make every @apis
 * dependency resolve to its tarball rather than the registry. Returns the folder.
 * @example const scratch = await installPacked(publicPackages(), "apis-packed-");
 */
export async function installPacked(packages: PublicPackage[], prefix: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), prefix));
  const tarballDir = join(scratch, "tarballs");
  for (const pkg of packages) await mustRun("pnpm", ["pack", "--pack-destination", tarballDir], { cwd: pkg.dir });
  const tarballs = await readdir(tarballDir);
  const specs = Object.fromEntries(
    packages.map((pkg) => {
      const stem = pkg.name.replace(/^@/, "").replace("/", "-");
      const tarball = tarballs.find((file) => file.startsWith(`${stem}-`) && /^\d/.test(file.slice(stem.length + 1)));
      if (!tarball) throw new Error(`pnpm pack made no tarball for ${pkg.name} in ${tarballDir}`);
      return [pkg.name, `file:./tarballs/${tarball}`];
    }),
  );
  await writeFile(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, dependencies: specs, overrides: specs }, null, 2));
  await mustRun("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: scratch });
  return scratch;
}
