import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Node } from "@apis/spec";
import { diffSpecs, listSpecs } from "../src/index.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const specs = listSpecs(root);

describe("the registered specs", () => {
  it("are every API in redocly.yaml, each mapped to the package its code is generated into", () => {
    expect(specs.map((spec) => `${spec.api} ${spec.packageName}`)).toEqual(
      expect.arrayContaining(["wootric-cxi @apis/wootric-cxi", "cx @apis/cx", "survey-dynamix @apis/survey-dynamix", "cmix-survey @apis/cmix"]),
    );
  });

  it.each(specs)("$path has no changes against itself, and every operation shows up as removed against an empty spec", (spec) => {
    const document = parse(readFileSync(join(root, spec.path), "utf8")) as Node;
    expect(diffSpecs(document, document)).toEqual([]);
    const removed = diffSpecs(document, { paths: {} });
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((change) => change.kind === "operation-removed")).toBe(true);
  });
});
