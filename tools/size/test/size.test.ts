import { beforeAll, describe, expect, it } from "vitest";
import { formatTable, measureAll, overBudget, readBudget, replaceSection, vendorPackages, type PackageSize } from "../src/index.ts";

const budget = readBudget();
let sizes: PackageSize[];

beforeAll(async () => {
  sizes = await measureAll();
});

describe("the size budget", () => {
  it("names exactly the vendor packages, each with both limits", () => {
    expect(Object.keys(budget.packages).sort()).toEqual(vendorPackages().map((pkg) => pkg.name).sort());
    for (const limits of Object.values(budget.packages)) {
      expect(limits.withOpenapiFetch).toBeGreaterThan(limits.withoutOpenapiFetch);
    }
  });

  it("holds every vendor package under its gzipped budget, with openapi-fetch bundled and shared", () => {
    expect(sizes.map((size) => size.name).sort()).toEqual(Object.keys(budget.packages).sort());
    expect(overBudget(sizes, budget)).toEqual([]);
  });

  it("counts openapi-fetch only when it is bundled: sharing it saves at least 1 KB gzipped per package", () => {
    for (const size of sizes) {
      expect(size.withOpenapiFetch.gzipped - size.withoutOpenapiFetch.gzipped).toBeGreaterThan(1024);
      expect(size.withoutOpenapiFetch.gzipped).toBeLessThan(size.withoutOpenapiFetch.minified);
    }
  });

  it("reports a package over its budget by name, figure and limit", () => {
    const grown = sizes.map((size) => ({ ...size, withOpenapiFetch: { minified: 1e6, gzipped: 999_999 } }));
    const [first] = overBudget(grown, budget);
    expect(first).toMatch(/^@apis\/\S+ with openapi-fetch: 999,999 B gzipped > budget [\d,]+ B$/);
  });
});

describe("the README section", () => {
  it("replaces only what lies between the size markers", () => {
    const table = formatTable(sizes, budget);
    const readme = "# apis\n\n<!-- size:start -->\nold figures\n<!-- size:end -->\n\n## Next\n";
    expect(replaceSection(readme, table)).toBe(`# apis\n\n<!-- size:start -->\n${table}\n<!-- size:end -->\n\n## Next\n`);
    for (const { name } of sizes) expect(table).toContain(`| \`${name}\` |`);
  });

  it("refuses a README without the markers rather than dropping the table", () => {
    expect(() => replaceSection("# apis\n", "table")).toThrow("<!-- size:start -->");
  });
});
