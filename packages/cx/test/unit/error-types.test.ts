import { readSpec, registeredApi } from "@apis/prism";
import { describe, expect, it } from "vitest";
import { KNOWN_ERROR_TYPES } from "../../src/index.js";

const spec = readSpec(registeredApi("cx").root) as {
  components: { schemas: { ErrorType: { anyOf: { const?: string; type?: string }[] } } };
};

describe("KNOWN_ERROR_TYPES", () => {
  it("lists exactly the errorType values the spec documents, and the spec stays open to others", () => {
    const variants = spec.components.schemas.ErrorType.anyOf;
    expect(variants.flatMap((variant) => (variant.const === undefined ? [] : [variant.const]))).toEqual([...KNOWN_ERROR_TYPES]);
    expect(variants.some((variant) => variant.const === undefined && variant.type === "string")).toBe(true);
  });
});
