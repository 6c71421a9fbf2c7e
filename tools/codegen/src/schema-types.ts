import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import type { SchemaObject, TransformNodeOptions } from "openapi-typescript";
import ts from "typescript";
import { operationsOf, refOf, unescapePointer } from "@apis/spec";
import { isRecord } from "./registry.ts";
import { loadSpecDocument } from "./spec-document.ts";

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());
const STRING = ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);

/** openapi-typescript `transform`: `format: binary` is a Blob (a nullable one is `Blob | null`). */
export function binaryAsBlob(schema: SchemaObject): ts.TypeNode | undefined {
  if (schema.format !== "binary") return undefined;
  const nullable = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes("null"));
  return nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
}

// The statuses openapi-fetch types `error` from (openapi-typescript-helpers' ErrorStatus): 4xx, 5xx and default.
const ERROR_STATUS = /^([45](\d\d|XX)|default)$/;

/**
 * The names of the response components (`#/components/responses/<name>`) the spec answers an error status with.
 *
 * @example
 * errorResponseNames(spec); // Set { "BadRequest", "NotFound" }
 */
export function errorResponseNames(spec: unknown): Set<string> {
  const names = new Set<string>();
  // operationsOf follows a path's $ref (an OpenAPI 3.1 path item component) as every other walk of a spec does.
  for (const { key, operation } of isRecord(spec) ? operationsOf(spec) : []) {
    const responses = isRecord(operation["responses"]) ? operation["responses"] : {};
    for (const [status, response] of Object.entries(responses)) {
      const ref = ERROR_STATUS.test(status) ? refOf(response) : undefined;
      if (ref?.startsWith(RESPONSES)) names.add(unescapePointer(ref.slice(RESPONSES.length)));
      // openapi-typescript files it under a components.responses name of its own choosing, which this cannot know.
      else if (ref !== undefined && !ref.startsWith("#")) {
        throw new Error(`${key}: its ${status} response is a $ref into another file (${ref}), whose body could not be typed \`| string\`; write it under #/components/responses (it may $ref the file from there)`);
      }
    }
  }
  return names;
}

const RESPONSES = "#/components/responses/";

/**
 * openapi-typescript `postTransform`: the JSON body of an error status is `| string`, since openapi-fetch hands a body
 * that is not JSON (a proxy's HTML page, an empty body, the runtime's note on one too large to read) on as text, and
 * the type of `error` must say so. `errors` are the response components used for error statuses.
 */
export function errorBodyAsText(errors: Set<string>): (type: ts.TypeNode, options: TransformNodeOptions) => ts.TypeNode | undefined {
  return (type, options) => {
    // Only a response's content schema itself (in a path, a path item component or a response component), not a schema
    // nested in it; its media type must be JSON, or any (*/*), which openapi-fetch reads as JSON where it parses.
    const match = /^#\/(?:(?:paths|components\/pathItems)\/.+\/responses\/([^/]+)|components\/responses\/([^/]+))\/content\/(?:[^/]*json[^/]*|\*~1\*)$/.exec(options.path ?? "");
    if (!match) return undefined;
    const error = match[1] !== undefined ? ERROR_STATUS.test(match[1]) : errors.has(unescapePointer(match[2]!));
    return error ? ts.factory.createUnionTypeNode([type, STRING]) : undefined;
  };
}

const UNDEFINED = ts.factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword);
// What an optional property may already be that takes undefined, or (never) that must be left out.
const TAKES_UNDEFINED = new Set([ts.SyntaxKind.UndefinedKeyword, ts.SyntaxKind.UnknownKeyword, ts.SyntaxKind.AnyKeyword, ts.SyntaxKind.NeverKeyword]);

/**
 * Whether an optional property of this type takes `undefined` (or, being `never`, must be left out): no type written,
 * `undefined`, `unknown`, `any`, `never`, or a union (in parentheses too) with one of them. The rule codegen writes
 * into generated types and tools/lint holds hand-written ones to.
 *
 * @example
 * const type = ts.factory.createUnionTypeNode([ts.factory.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword), UNDEFINED]);
 * takesUndefined(type); // true: number | undefined
 */
export function takesUndefined(type: ts.TypeNode | undefined): boolean {
  if (type === undefined || TAKES_UNDEFINED.has(type.kind)) return true;
  if (ts.isParenthesizedTypeNode(type)) return takesUndefined(type.type);
  return ts.isUnionTypeNode(type) && type.types.some(takesUndefined);
}

/**
 * Every optional property of openapi-typescript's output takes `undefined` too (`survey_type?: SurveyType | undefined`),
 * as the clients read it, so that a project compiled with `exactOptionalPropertyTypes` can pass a value that may be
 * missing (`params: { query: { email: maybeEmail } }`). A `never` (`header?: never`: nothing to pass) stays as it is.
 */
export function optionalsTakeUndefined<T extends ts.Node>(nodes: readonly T[]): T[] {
  const visit = (context: ts.TransformationContext) => (node: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(node, visit(context), context);
    if (!ts.isPropertySignature(visited) || visited.questionToken === undefined || visited.type === undefined) return visited;
    const type = visited.type;
    if (takesUndefined(type)) return visited;
    const members = ts.isUnionTypeNode(type) ? [...type.types] : [type];
    const parenthesized = members.map((member) => (ts.isFunctionTypeNode(member) || ts.isConditionalTypeNode(member) ? ts.factory.createParenthesizedType(member) : member));
    return ts.factory.updatePropertySignature(visited, visited.modifiers, visited.name, visited.questionToken, ts.factory.createUnionTypeNode([...parenthesized, UNDEFINED]));
  };
  return ts.transform([...nodes], [visit]).transformed as T[];
}

/** The body of schema.ts (without the header comment): openapi-typescript's output for the spec. */
export async function renderSchemaTypes(specPath: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specPath), {
    transform: binaryAsBlob,
    postTransform: errorBodyAsText(errorResponseNames(loadSpecDocument(specPath).root.value)),
    // The default, spelled out: `export enum` breaks erasable-syntax TypeScript (node --strip-types).
    enum: false,
    silent: true,
  });
  return astToString(optionalsTakeUndefined(ast));
}
