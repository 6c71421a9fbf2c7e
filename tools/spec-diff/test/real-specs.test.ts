import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { readRegistry, type Node } from "@apis/spec";
import { diffSpecs, listSpecs } from "../src/index.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const specs = listSpecs(root);

describe("the registered specs", () => {
  it("are every API in redocly.yaml, each mapped to the package its code is generated into", () => {
    const apis = readRegistry(root);
    expect(specs.map((spec) => spec.api)).toEqual([...apis.keys()]);
    const packages = readdirSync(join(root, "packages")).map((dir) => ({ dir: join(root, "packages", dir), ...(JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as { name: string }) }));
    for (const spec of specs) expect(apis.get(spec.api)!.output!.startsWith(`${packages.find((pkg) => pkg.name === spec.packageName)!.dir}/src/generated/`)).toBe(true);
  });

  it.each(specs)("$path has no changes against itself, and every operation (and webhook) shows up as removed against an empty spec", (spec) => {
    const document = parse(readFileSync(join(root, spec.path), "utf8")) as Node;
    expect(diffSpecs(document, document)).toEqual([]);
    const removed = diffSpecs(document, { paths: {} });
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((change) => change.kind === "operation-removed" || change.kind === "webhook-removed")).toBe(true);
  });
});
