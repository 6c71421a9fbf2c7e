import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import type { SchemaObject } from "openapi-typescript";
import ts from "typescript";

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

/** openapi-typescript `transform`: `format: binary` is a Blob (a nullable one is `Blob | null`). */
export function binaryAsBlob(schema: SchemaObject): ts.TypeNode | undefined {
  if (schema.format !== "binary") return undefined;
  const nullable = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes("null"));
  return nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
}

/** The body of schema.ts (without the header comment): openapi-typescript's output for the spec. */
export async function renderSchemaTypes(specPath: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specPath), {
    transform: binaryAsBlob,
    // The default, spelled out: `export enum` breaks erasable-syntax TypeScript (node --strip-types).
    enum: false,
    silent: true,
  });
  return astToString(ast);
}
