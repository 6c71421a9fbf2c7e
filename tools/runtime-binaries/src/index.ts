import { join } from "node:path";
import { fileURLToPath } from "node:url";

const modules = fileURLToPath(new URL("../node_modules/", import.meta.url));

/** The Node versions this package carries, by major. */
export const NODE_MAJORS = ["18", "20", "22"] as const;

/**
 * The executable of a Node this package carries.
 * @example nodeBinary("18") // ".../tools/runtime-binaries/node_modules/node18/bin/node"
 */
export function nodeBinary(major: (typeof NODE_MAJORS)[number]): string {
  return join(modules, `node${major}`, "bin", process.platform === "win32" ? "node.exe" : "node");
}

/**
 * The launcher of Bun or Deno (the package's bin, as npm links it).
 * @example denoBinary() // ".../tools/runtime-binaries/node_modules/.bin/deno"
 */
export function launcher(name: "bun" | "deno"): string {
  return join(modules, ".bin", process.platform === "win32" ? `${name}.cmd` : name);
}
