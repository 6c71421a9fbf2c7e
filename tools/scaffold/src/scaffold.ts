import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generateApis, loadRegistry } from "@apis/codegen";
import { fill, vendorNames } from "./names.ts";
import { addReadmeRow, addRegistryEntry } from "./registry-entry.ts";

const TEMPLATES = fileURLToPath(new URL("../templates", import.meta.url));

function copyTemplates(from: string, to: string, fillText: (text: string) => string, written: string[]): void {
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    const target = join(to, fillText(entry));
    if (statSync(source).isDirectory()) {
      copyTemplates(source, target, fillText, written);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, fillText(readFileSync(source, "utf8")));
    written.push(target);
  }
}

/**
 * Scaffolds a vendor in the repo at `root`: spec, package (client, unit and contract tests), generated types, its
 * `redocly.yaml` entry, its README row and the docs site's dependency on it. Returns the files it wrote or changed.
 *
 * @example
 * await scaffoldVendor("/work/repo", "acme-surveys");
 */
export async function scaffoldVendor(root: string, name: string, title?: string): Promise<string[]> {
  const names = vendorNames(name, title);
  for (const dir of [join(root, "specs", name), join(root, "packages", name)]) {
    if (existsSync(dir)) throw new Error(`${relative(root, dir)} already exists: pick another name or remove it first`);
  }
  const registryFile = join(root, "redocly.yaml");
  const registry = addRegistryEntry(readFileSync(registryFile, "utf8"), names);
  const readmeFile = join(root, "README.md");
  const readme = addReadmeRow(readFileSync(readmeFile, "utf8"), names);

  const written: string[] = [];
  const fillText = (text: string) => fill(text, names);
  copyTemplates(join(TEMPLATES, "spec"), join(root, "specs", name), fillText, written);
  copyTemplates(join(TEMPLATES, "package"), join(root, "packages", name), fillText, written);
  writeFileSync(registryFile, registry);
  writeFileSync(readmeFile, readme);
  written.push(registryFile, readmeFile);

  const docsPackage = join(root, "tools", "docs", "package.json");
  if (existsSync(docsPackage)) {
    const docs = JSON.parse(readFileSync(docsPackage, "utf8")) as { devDependencies?: Record<string, string> };
    docs.devDependencies = Object.fromEntries(Object.entries({ ...docs.devDependencies, [`@apis/${name}`]: "workspace:*" }).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(docsPackage, `${JSON.stringify(docs, null, 2)}\n`);
    written.push(docsPackage);
  }

  const api = loadRegistry(root).apis.filter((entry) => entry.name === name);
  for (const file of await generateApis(api, root)) written.push(join(root, file.relativePath));
  return written.map((file) => relative(root, file));
}
