import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generateApis, loadRegistry } from "@apis/codegen";
import { fill, namesClashing, vendorNames } from "./names.ts";
import { addReadmeRow, addRegistryEntry } from "./registry-entry.ts";

const TEMPLATES = fileURLToPath(new URL("../templates", import.meta.url));

/** Every template file under `dir`, as `[path relative to templates/, text]`. */
export function readTemplates(dir = TEMPLATES): [string, string][] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(join(dir, file)).isFile())
    .sort()
    .map((file) => [file.replaceAll("\\", "/"), readFileSync(join(dir, file), "utf8")]);
}

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
 * A size budget for a new package: the largest any vendor has today, so the new one starts under a real cap.
 * @example addSizeBudget(readFileSync("tools/size/budget.json", "utf8"), "@apis/acme")
 */
export function addSizeBudget(budget: string, name: string): string {
  const parsed = JSON.parse(budget) as { packages: Record<string, { withOpenapiFetch: number; withoutOpenapiFetch: number }> };
  const all = Object.values(parsed.packages);
  const largest = (key: "withOpenapiFetch" | "withoutOpenapiFetch") => Math.max(...all.map((entry) => entry[key]));
  parsed.packages[name] = { withOpenapiFetch: largest("withOpenapiFetch"), withoutOpenapiFetch: largest("withoutOpenapiFetch") };
  parsed.packages = Object.fromEntries(Object.entries(parsed.packages).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(parsed, null, 2).replace(/\{\n\s+"withOpenapiFetch": (\d+),\n\s+"withoutOpenapiFetch": (\d+)\n\s+\}/g, '{ "withOpenapiFetch": $1, "withoutOpenapiFetch": $2 }')}\n`;
}

/**
 * Scaffolds a vendor in the repo at `root`: spec, package (ESM and CJS builds; unit, bad-input, fault, contract and
 * packed tests; README), generated types, its `redocly.yaml` entry (docs included), its README row, its size budget
 * and the dependency of docs, pack-check and size on it. Returns the files it wrote or changed.
 *
 * @example
 * await scaffoldVendor("/work/repo", "acme-surveys");
 */
export async function scaffoldVendor(root: string, name: string, title?: string): Promise<string[]> {
  const names = vendorNames(name, title);
  const clashing = namesClashing(names, readTemplates());
  if (clashing.length > 0) {
    throw new Error(`"${name}" is not a usable vendor name: the client's variable would be ${names.camel}, which tools/scaffold/templates/${clashing[0]}${clashing.length > 1 ? ` (and ${clashing.length - 1} more templates)` : ""} already uses for something else; pick another`);
  }
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

  // The tools that build, pack or measure every vendor depend on it, so turbo builds it before they run.
  for (const tool of ["docs", "pack-check", "size"]) {
    const file = join(root, "tools", tool, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { devDependencies?: Record<string, string> };
    manifest.devDependencies = Object.fromEntries(Object.entries({ ...manifest.devDependencies, [`@apis/${name}`]: "workspace:*" }).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    written.push(file);
  }
  const budgetFile = join(root, "tools", "size", "budget.json");
  if (existsSync(budgetFile)) {
    writeFileSync(budgetFile, addSizeBudget(readFileSync(budgetFile, "utf8"), `@apis/${name}`));
    written.push(budgetFile);
  }

  const api = loadRegistry(root).apis.filter((entry) => entry.name === name);
  for (const file of await generateApis(api, root)) written.push(join(root, file.relativePath));
  return written.map((file) => relative(root, file));
}
