import ts from "typescript";
import { describe, expect, test } from "vitest";
import type { SchemaObject } from "openapi-typescript";
import { binaryAsBlob } from "../src/schema-types.ts";

const printed = (schema: object) => {
  const node = binaryAsBlob(schema as SchemaObject);
  return node && ts.createPrinter().printNode(ts.EmitHint.Unspecified, node, ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest));
};

describe("the format: binary transform", () => {
  test("a binary string becomes Blob", () => {
    expect(printed({ type: "string", format: "binary" })).toBe("Blob");
  });

  test("a nullable binary becomes Blob | null, in OpenAPI 3.1 and 3.0 spelling", () => {
    expect(printed({ type: ["string", "null"], format: "binary" })).toBe("Blob | null");
    expect(printed({ type: "string", format: "binary", nullable: true })).toBe("Blob | null");
  });

  test("other schemas are left to openapi-typescript", () => {
    expect(printed({ type: "string", format: "byte" })).toBeUndefined();
    expect(printed({ type: "string" })).toBeUndefined();
  });
});
