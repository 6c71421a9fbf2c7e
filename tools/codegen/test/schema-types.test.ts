import ts from "typescript";
import { describe, expect, test } from "vitest";
import type { SchemaObject } from "openapi-typescript";
import { binaryAsBlob, errorBodyAsText, errorResponseNames, optionalsTakeUndefined } from "../src/schema-types.ts";

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

describe("the error body transform", () => {
  const spec = {
    paths: {
      "/items": {
        parameters: [],
        get: { responses: { "200": { $ref: "#/components/responses/Items" }, "404": { $ref: "#/components/responses/NotFound" }, default: { $ref: "#/components/responses/Oops" } } },
      },
    },
  };
  const ERROR = ts.factory.createTypeReferenceNode("ErrorBody");
  const widened = (path: string, names = errorResponseNames(spec)) => {
    const node = errorBodyAsText(names)(ERROR, { path } as never);
    return node && ts.createPrinter().printNode(ts.EmitHint.Unspecified, node, ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest));
  };

  test("finds the response components used for 4xx, 5xx and default answers, not for 2xx ones", () => {
    expect([...errorResponseNames(spec)].sort()).toEqual(["NotFound", "Oops"]);
  });

  test("an error status's JSON body may be text, inline or as a component", () => {
    expect(widened("#/paths/~1items/get/responses/404/content/application~1json")).toBe("ErrorBody | string");
    expect(widened("#/paths/~1responses/get/responses/5XX/content/application~1problem+json")).toBe("ErrorBody | string");
    expect(widened("#/components/responses/NotFound/content/application~1json")).toBe("ErrorBody | string");
  });

  // OpenAPI 3.1's path items (paths: { /a: { $ref: "#/components/pathItems/A" } }) and a body of any media type
  // (*/*), which openapi-fetch hands on as text all the same when it is not JSON.
  test("an error body in a path item component, or of media type */*, may be text too", () => {
    const withItems = { paths: { "/a": { $ref: "#/components/pathItems/A" } }, components: { pathItems: { A: { get: { responses: { "400": { $ref: "#/components/responses/Bad" }, "200": { $ref: "#/components/responses/Items" } } } } } } };
    expect([...errorResponseNames(withItems)]).toEqual(["Bad"]);
    expect(widened("#/components/pathItems/A/get/responses/404/content/application~1json")).toBe("ErrorBody | string");
    expect(widened("#/components/pathItems/A/get/responses/200/content/application~1json")).toBeUndefined();
    expect(widened("#/paths/~1items/get/responses/500/content/*~1*")).toBe("ErrorBody | string");
  });

  // openapi-typescript files such a response under a components.responses name it chooses: its body went untransformed.
  test("an error status answered by a $ref into another file is an error naming the operation, the status and the $ref; a 2xx one is not", () => {
    const split = (status: string) => ({ paths: { "/a": { get: { responses: { [status]: { $ref: "./responses.yaml#/NotFound" } } } } } });
    expect(() => errorResponseNames(split("404"))).toThrow("GET /a: its 404 response is a $ref into another file (./responses.yaml#/NotFound)");
    expect(() => errorResponseNames(split("default"))).toThrow("GET /a: its default response is a $ref into another file");
    expect([...errorResponseNames(split("200"))]).toEqual([]);
  });

  test("a 2xx body, a schema nested in an error body and a body that is not JSON are left as they are", () => {
    expect(widened("#/paths/~1responses/get/responses/200/content/application~1json")).toBeUndefined();
    expect(widened("#/components/responses/Items/content/application~1json")).toBeUndefined();
    expect(widened("#/paths/~1items/get/responses/404/content/application~1json/properties/message")).toBeUndefined();
    expect(widened("#/paths/~1items/get/responses/404/content/text~1plain")).toBeUndefined();
  });
});

describe("optional properties", () => {
  const printed = (text: string) => {
    const file = ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest, true);
    const [node] = optionalsTakeUndefined(file.statements);
    return ts.createPrinter().printNode(ts.EmitHint.Unspecified, node!, file);
  };

  // Under exactOptionalPropertyTypes, params: { query: { email: maybeEmail } } was refused (TS2375), though undefined is read as left out.
  test("take undefined, nested ones too, and a function type is parenthesized", () => {
    expect(printed("type Q = { a?: string; b: number; c?: { d?: 1 | 2 }; e?: () => void };")).toBe(
      "type Q = {\n    a?: string | undefined;\n    b: number;\n    c?: {\n        d?: 1 | 2 | undefined;\n    } | undefined;\n    e?: (() => void) | undefined;\n};",
    );
  });

  test("that already take undefined, or must be left out (never), are kept as they are", () => {
    expect(printed("type Q = { a?: string | undefined; b?: never; c?: unknown };")).toBe("type Q = {\n    a?: string | undefined;\n    b?: never;\n    c?: unknown;\n};");
    // In parentheses too: the rule is the one tools/lint holds hand-written types to (takesUndefined).
    expect(printed("type Q = { a?: (string | undefined); b?: (() => void) | (undefined) };")).toBe("type Q = {\n    a?: (string | undefined);\n    b?: (() => void) | (undefined);\n};");
  });
});
