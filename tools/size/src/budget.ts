import { readFileSync } from "node:fs";
import type { PackageSize } from "./measure.ts";

/** Gzipped byte limits per vendor package, both ways of counting openapi-fetch. */
export interface Budget {
  unit: string;
  packages: Record<string, { withOpenapiFetch: number; withoutOpenapiFetch: number }>;
}

/** The budget checked in beside this package's src/. @example readBudget().packages["@apis/cx"]?.withOpenapiFetch */
export function readBudget(): Budget {
  return JSON.parse(readFileSync(new URL("../budget.json", import.meta.url), "utf8")) as Budget;
}

/**
 * One line per size over its budget (or without a budget); empty when everything fits.
 * @example overBudget(await measureAll(), readBudget()) // ["@apis/cx with openapi-fetch: 18,210 B gzipped > budget 18,000 B"]
 */
export function overBudget(sizes: PackageSize[], budget: Budget): string[] {
  const problems: string[] = [];
  for (const size of sizes) {
    const limits = budget.packages[size.name];
    if (!limits) {
      problems.push(`${size.name} has no entry in tools/size/budget.json: add one`);
      continue;
    }
    for (const [key, label] of [["withOpenapiFetch", "with"], ["withoutOpenapiFetch", "without"]] as const) {
      const actual = size[key].gzipped;
      if (actual > limits[key]) problems.push(`${size.name} ${label} openapi-fetch: ${actual.toLocaleString("en")} B gzipped > budget ${limits[key].toLocaleString("en")} B`);
    }
  }
  return problems;
}
