import type { Budget } from "./budget.ts";
import type { Bytes, PackageSize } from "./measure.ts";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const cell = (bytes: Bytes) => `${kb(bytes.gzipped)} (${kb(bytes.minified)} min)`;

/**
 * The sizes as a Markdown table, the form both `pnpm size` and the README show.
 * @example console.log(formatTable(await measureAll(), readBudget()))
 */
export function formatTable(sizes: PackageSize[], budget: Budget): string {
  const rows = sizes.map((size) => {
    const limits = budget.packages[size.name];
    const limit = limits ? `${kb(limits.withOpenapiFetch)} / ${kb(limits.withoutOpenapiFetch)}` : "none";
    return `| \`${size.name}\` | ${cell(size.withOpenapiFetch)} | ${cell(size.withoutOpenapiFetch)} | ${limit} |`;
  });
  return [
    "| Package | min+gzip, with openapi-fetch | min+gzip, openapi-fetch shared | Budget (with / shared) |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "Each package's ESM entry with `@apis/runtime` bundled in, minified by rolldown and gzipped; measured by `pnpm size`.",
  ].join("\n");
}

export const README_START = "<!-- size:start -->";
export const README_END = "<!-- size:end -->";

/**
 * Replaces what lies between the size markers of a README with the table. Throws when the markers are missing,
 * so a renamed marker cannot silently leave old figures behind.
 * @example writeFileSync(path, replaceSection(readFileSync(path, "utf8"), table))
 */
export function replaceSection(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start) throw new Error(`the README has no ${README_START} ... ${README_END} section to write the sizes into`);
  return `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`;
}
