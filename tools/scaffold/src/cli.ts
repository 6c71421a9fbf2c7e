#!/usr/bin/env node
// `pnpm new-vendor <name> [--title "Display Name"]`: scaffolds a vendor that builds, lints and passes its contract test.
import { findRepoRoot } from "@apis/spec";
import { scaffoldVendor } from "./scaffold.ts";

const [name, flag, title] = process.argv.slice(2);
if (!name || (flag !== undefined && flag !== "--title")) {
  console.error('usage: pnpm new-vendor <name> [--title "Display Name"]   (e.g. pnpm new-vendor acme-surveys)');
  process.exit(2);
}
try {
  const root = findRepoRoot();
  const files = await scaffoldVendor(root, name, title);
  console.log(`new-vendor: wrote ${files.length} files for @apis/${name}:\n${files.map((file) => `  ${file}`).join("\n")}`);
  console.log("\nNext: pnpm install && pnpm build && pnpm test, then replace the placeholder operation with the vendor's first endpoint.");
} catch (error) {
  console.error(`new-vendor: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
