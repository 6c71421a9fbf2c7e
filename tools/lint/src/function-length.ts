// Lists hand-written functions longer than a bound, parsing sources with the TypeScript compiler API, so that what
// counts as a function (declarations, methods, arrows, function expressions, accessors) is what the compiler says.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** A function over the bound: `file:name` identifies it across edits that move it. */
export interface LongFunction {
  id: string;
  lines: number;
  line: number;
}

/**
 * Every function in `file` longer than `maxLines`, counted from its first line to its last, nested functions
 * included in their parent's count and also counted on their own.
 *
 * @example
 * longFunctions("packages/runtime/src/transport.ts", text, 60); // [{ id: "packages/runtime/src/transport.ts:createTransport", lines: 200, line: 120 }]
 */
export function longFunctions(file: string, text: string, maxLines: number): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > maxLines) found.push({ id: `${file}:${functionName(node, source)}`, lines: last - first + 1, line: first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The hand-written TypeScript sources of every package: `packages/<name>/src/**`, without `src/generated/` and
 * declaration files. Paths are relative to `root`, with forward slashes.
 *
 * @example
 * handWrittenSources("/repo"); // ["packages/runtime/src/auth.ts", ...]
 */
export function handWrittenSources(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== "generated" && entry.name !== "node_modules") walk(relative);
      else if (entry.isFile() && /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(relative);
    }
  };
  for (const entry of readdirSync(path.join(root, "packages"), { withFileTypes: true })) {
    if (entry.isDirectory() && readdirSync(path.join(root, "packages", entry.name)).includes("src")) walk(`packages/${entry.name}/src`);
  }
  return files.sort();
}

/**
 * Runs {@link longFunctions} over {@link handWrittenSources}.
 *
 * @example
 * const offenders = scanLongFunctions("/repo", 60);
 */
export function scanLongFunctions(root: string, maxLines: number): LongFunction[] {
  return handWrittenSources(root).flatMap((file) => longFunctions(file, readFileSync(path.join(root, file), "utf8"), maxLines));
}

// A declaration's own name; an anonymous function takes the name it is bound to (a variable, a property, an
// argument of a named call), else its line, so the allowlist names something a reader can find.
function functionName(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (node.name !== undefined) return node.name.getText(source);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name !== undefined) {
    return parent.name.getText(source);
  }
  if (ts.isCallExpression(parent)) return `${parent.expression.getText(source)}(<function>)`;
  return `<anonymous line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}>`;
}
