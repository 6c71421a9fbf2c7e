// Lists optional properties of hand-written types that do not take `undefined`: under `exactOptionalPropertyTypes`,
// a caller's `{ timeoutMs: config.timeoutMs }` (a number or undefined) is refused by such a property, although the
// runtime reads an undefined option as left out. Parsed with the TypeScript compiler API, as function-length.ts is; the
// rule is codegen's (takesUndefined), which writes it into the generated types.
import { readFileSync } from "node:fs";
import path from "node:path";
import { takesUndefined } from "@apis/codegen";
import ts from "typescript";
import { handWrittenSources } from "./function-length.ts";

/** An optional property whose type does not take `undefined`: `file:line` and the property as written. */
export interface StrictOptional {
  at: string;
  property: string;
}

/**
 * Every optional property (in an interface, a type literal or a mapped type) in `text` whose type takes no
 * `undefined`: neither `undefined`, `unknown`, `any` nor `never` (an optional `never` is a property that must be left
 * out), nor a union with one of them. An optional method (`invalidate?(token: string): void`) is one too: it cannot
 * take `undefined`, so it is written as a property (`invalidate?: ((token: string) => void) | undefined`).
 *
 * @example
 * strictOptionals("x.ts", "type O = { a?: number; b?: number | undefined }"); // [{ at: "x.ts:1", property: "a?: number;" }]
 */
export function strictOptionals(file: string, text: string): StrictOptional[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: StrictOptional[] = [];
  const visit = (node: ts.Node): void => {
    const optional = (ts.isPropertySignature(node) || ts.isMappedTypeNode(node) || ts.isMethodSignature(node)) && node.questionToken?.kind === ts.SyntaxKind.QuestionToken;
    if (optional && (ts.isMethodSignature(node) || !takesUndefined(node.type))) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ at: `${file}:${line}`, property: node.getText(source).split("\n")[0]! });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Runs {@link strictOptionals} over every package's hand-written sources (`src/generated` aside: openapi-typescript
 * writes those).
 *
 * @example
 * scanStrictOptionals("/repo"); // []
 */
export function scanStrictOptionals(root: string): StrictOptional[] {
  return handWrittenSources(root).flatMap((file) => strictOptionals(file, readFileSync(path.join(root, file), "utf8")));
}
