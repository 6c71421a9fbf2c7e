import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, two folders above this package's src/. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** A package that is published: its npm name and folder. */
export interface PublicPackage {
  name: string;
  dir: string;
}

/**
 * Every package under packages/ that is not private, in folder order.
 * @example publicPackages().map((p) => p.name) // ["@apis/cmix", "@apis/cx", "@apis/runtime", ...]
 */
export function publicPackages(root = repoRoot): PublicPackage[] {
  return readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, "packages", entry.name))
    .flatMap((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; private?: boolean };
      return manifest.private ? [] : [{ name: manifest.name, dir }];
    });
}
