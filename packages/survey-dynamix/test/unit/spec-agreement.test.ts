// The helpers' own lists of the vendor's rules must say what the spec says: a spec edit that one of them missed would
// have the client refuse a call the spec allows, or send one it forbids.
import { readSpec, registeredApi } from "@apis/prism";
import { describe, expect, it } from "vitest";
import { REGIONS, REQUIRED_FILTERS } from "../../src/index.js";
import { OWN_FIELDS } from "../../src/interaction-data.js";

const spec = readSpec(registeredApi("survey-dynamix").root) as {
  servers: { url: string; variables?: { region?: { enum: string[] } } }[];
  paths: Record<string, Record<string, { "x-required-one-of"?: string[] }>>;
  components: { schemas: { NewInteraction: { properties: Record<string, unknown> } } };
};

describe("the client's rules and the spec", () => {
  it("need the same filters on the same lists: REQUIRED_FILTERS is each GET's x-required-one-of", () => {
    const fromSpec = Object.fromEntries(
      Object.entries(spec.paths).flatMap(([path, item]) => (item.get?.["x-required-one-of"] ? [[path, item.get["x-required-one-of"]]] : [])),
    );
    expect(REQUIRED_FILTERS).toEqual(fromSpec);
  });

  it("take the same fields of POST /interactions: createInteraction's own fields and flags are NewInteraction's properties", () => {
    expect([...OWN_FIELDS, "_force_new", "_shorten_urls"].sort()).toEqual(Object.keys(spec.components.schemas.NewInteraction.properties).sort());
  });

  it("know the same regions: us1 (the bare host) and the second server's region enum", () => {
    expect(spec.servers[0]?.url).toBe("https://surveydynamix.com/api");
    expect(REGIONS).toEqual(["us1", ...(spec.servers[1]?.variables?.region?.enum ?? [])]);
  });
});
