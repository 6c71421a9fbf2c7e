import type { VendorNames } from "./names.ts";

/** The vendor's `apis:` entry, inserted as text so the file's comments and order survive. */
export function addRegistryEntry(registry: string, names: VendorNames): string {
  if (new RegExp(`^  ${names.name}:\\s*$`, "m").test(registry)) throw new Error(`redocly.yaml already registers "${names.name}"`);
  const ports = [...registry.matchAll(/x-mock-port:\s*(\d+)/g)].map((match) => Number(match[1]));
  const port = ports.length > 0 ? Math.max(...ports) + 10 : 4710;
  const entry = [
    `  ${names.name}:`,
    `    root: specs/${names.name}/openapi.yaml`,
    `    x-contract-live:`,
    `      env: [${names.env}_ACCESS_TOKEN]`,
    `    x-mock-port: ${port}`,
    `    x-openapi-ts:`,
    `      output: packages/${names.name}/src/generated/schema.ts`,
    `    x-docs:`,
    `      title: "${names.title}"`,
    `      package: "@apis/${names.name}"`,
    `      setup: 'const ${names.camel} = createClient({ auth: { type: "token", accessToken: "ACCESS_TOKEN" } });'`,
    `      client: ${names.camel}`,
  ].join("\n");
  const lines = registry.split("\n");
  const apis = lines.findIndex((line) => /^apis:\s*$/.test(line));
  if (apis < 0) throw new Error("redocly.yaml has no top-level apis: section");
  let end = apis + 1;
  while (end < lines.length && (lines[end]!.startsWith(" ") || lines[end]!.trim() === "")) end++;
  while (end > apis + 1 && lines[end - 1]!.trim() === "") end--;
  lines.splice(end, 0, entry);
  return lines.join("\n");
}

/** The vendor's row in the README's vendor table, after the last row. */
export function addReadmeRow(readme: string, names: VendorNames): string {
  const lines = readme.split("\n");
  const header = lines.findIndex((line) => line.startsWith("| Vendor |"));
  if (header < 0) throw new Error('README.md has no vendor table (a line starting with "| Vendor |")');
  let end = header + 1;
  while (end < lines.length && lines[end]!.startsWith("|")) end++;
  const columns = lines[header]!.split("|").length - 2;
  const cells = [names.title, `\`@apis/${names.name}\``, `[specs/${names.name}/openapi.yaml](specs/${names.name}/openapi.yaml)`, "bearer token", "1"];
  while (cells.length < columns) cells.push("");
  lines.splice(end, 0, `| ${cells.slice(0, columns).join(" | ")} |`);
  return lines.join("\n");
}
