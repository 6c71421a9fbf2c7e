// Every TypeScript block of the READMEs (the root's and each package's) is compiled against the built packages, with
// and without the DOM lib, since a Node app may have either: a renamed export, a changed option or a call that no
// longer fits the types fails here, naming the README and line. A block uses the reader's own variables (`clientId`,
// `req`), which it does not declare: only errors about those are let through, not one about a name a package exports
// (an import left out), about a client a README creates (a block using another block's `wootric` gets it declared,
// typed by its factory, so that its calls are checked), nor one in a package's declarations, which are checked too
// (`skipLibCheck: false`): a Node app without the DOM lib fails on a DOM-only global type such as `HeadersInit` in them.
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const workdir = fileURLToPath(new URL("../.readme-snippets", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

// What a block's free variables cause (and a relative import's missing module, see isFreeVariable), and nothing else: a name not found (2304, 2552 with a suggestion), a shorthand
// property of one (18004), and a callback parameter typed by nothing because what it is passed to is such a name (7006, 7031).
const FREE_VARIABLE_CODES = new Set(["2304", "2552", "18004", "7006", "7031"]);

/** The names a block binds at its top level (a destructured, annotated or exported one too): one declared after it would clash. */
function topLevelNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text);
    else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      else if (namedBindings) for (const element of namedBindings.elements) names.add(element.name.text);
    }
  }
  return names;
}

/**
 * The clients a README's blocks create (`const wootric = createClient(...)`, its factory imported from a package, also
 * annotated, indented, awaited or called through a namespace import: `w.createClient(...)`), by name: a declaration of
 * each, typed by its factory, for the blocks that use it without creating it. Without one such a block's
 * `wootric.POST(...)` would call a name not found, let through as the reader's own, and check nothing.
 */
function clientsOf(blocks: ts.SourceFile[]): Map<string, string> {
  const clients = new Map<string, string>();
  for (const block of blocks) {
    // The block's own imports name the factory: two blocks may each import another package's createClient.
    const factories = new Map<string, { imported: string; from: string }>();
    const namespaces = new Map<string, string>();
    for (const statement of block.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.importClause?.namedBindings) continue;
      const from = statement.moduleSpecifier.text;
      if (!from.startsWith("@apis/")) continue;
      const bindings = statement.importClause.namedBindings;
      if (ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, from);
      else for (const element of bindings.elements) factories.set(element.name.text, { imported: (element.propertyName ?? element.name).text, from });
    }
    const factoryOf = (call: ts.Expression): { imported: string; from: string } | undefined => {
      if (ts.isAwaitExpression(call)) call = call.expression;
      if (!ts.isCallExpression(call)) return undefined;
      const callee = call.expression;
      if (ts.isIdentifier(callee)) return factories.get(callee.text);
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && namespaces.has(callee.expression.text)) {
        return { imported: callee.name.text, from: namespaces.get(callee.expression.text)! };
      }
      return undefined;
    };
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const name = node.name.text;
        const factory = factoryOf(node.initializer);
        if (factory && !clients.has(name)) {
          const alias = `${name}Factory__`;
          clients.set(name, `import { ${factory.imported} as ${alias} } from "${factory.from}";\ndeclare const ${name}: Awaited<ReturnType<typeof ${alias}>>;`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(block);
  }
  return clients;
}

/** Every README's clients: a block's error about one is never the reader's own variable, even where none is declared. */
const clientNames = new Set<string>();

/**
 * Each ```ts block of a README, as a module with the clients it uses but does not create declared after it; the
 * clients' names go into `names` (the READMEs' own into {@link clientNames}, a synthetic README's into a set of its own).
 */
export function modulesOf(text: string, names = new Set<string>()): { line: number; source: string }[] {
  const matches = [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)];
  const parsed = matches.map((match) => ts.createSourceFile("block.ts", match[1]!, ts.ScriptTarget.ES2022, true));
  const clients = clientsOf(parsed);
  for (const name of clients.keys()) names.add(name);
  return matches.map((match, index) => {
    const block = match[1]!;
    const own = topLevelNames(parsed[index]!);
    const declared = [...clients].filter(([name]) => !own.has(name) && new RegExp(`(?<![\\w$./"'-])${name}(?![\\w$])`).test(block));
    const source = [block, ...declared.map(([, declaration]) => declaration), "export {};", ""].join("\n");
    return { line: text.slice(0, match.index).split("\n").length + 1, source };
  });
}

/** Each ```ts block of every README, as a module file named after where it comes from; returns the file names. */
function writeBlocks(): string[] {
  const readmes = ["README.md", ...readdirSync(join(root, "packages")).map((name) => `packages/${name}/README.md`)];
  const files: string[] = [];
  for (const readme of readmes) {
    let text: string;
    try {
      text = readFileSync(join(root, readme), "utf8");
    } catch {
      continue;
    }
    for (const { line, source } of modulesOf(text, clientNames)) {
      const file = `${readme.replace(/\//g, "__").replace(/\.md$/, "")}__line-${line}.ts`;
      writeFileSync(join(workdir, file), source);
      files.push(file);
    }
  }
  return files;
}

async function compile(files: string[], lib: string[]): Promise<string[]> {
  const config = `tsconfig.${lib.join("-")}.json`;
  const compilerOptions = { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib, types: ["node"], skipLibCheck: false };
  writeFileSync(join(workdir, config), JSON.stringify({ compilerOptions, files }));
  const output = await promisify(execFile)(process.execPath, [tsc, "-p", join(workdir, config)], { cwd: workdir }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
  return output.split("\n").filter((line) => /error TS\d+/.test(line) && !isFreeVariable(line, files));
}

// Every name the packages export, a value's or a type's (read from their declarations): a block that uses one without
// importing it is not the reader's own variable (an unimported `CxClient` would leave `cx: CxClient` untyped).
const PACKAGES = ["@apis/runtime", "@apis/wootric-cxi", "@apis/wootric", "@apis/cx", "@apis/survey-dynamix", "@apis/cmix"];
function exportedNames(): Set<string> {
  mkdirSync(workdir, { recursive: true });
  const entry = join(workdir, "exports.ts");
  writeFileSync(entry, `${PACKAGES.map((name, index) => `import * as package${index} from "${name}";`).join("\n")}\nexport {};\n`);
  const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [], noEmit: true };
  const program = ts.createProgram([entry], options);
  const checker = program.getTypeChecker();
  const names = new Set<string>();
  for (const statement of program.getSourceFile(entry)!.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const module = checker.getSymbolAtLocation(statement.moduleSpecifier);
    if (!module) throw new Error(`${statement.moduleSpecifier.getText()} is not built: run pnpm build`);
    for (const symbol of checker.getExportsOfModule(module)) names.add(symbol.name);
  }
  return names;
}
const exported = exportedNames();

/**
 * An error a block's own free variable causes: in a block's file (an error in a package's declarations, which
 * `skipLibCheck: false` reports, is never one) and about a name no package exports and no README creates a client as.
 */
function isFreeVariable(line: string, files: string[]): boolean {
  const code = /error TS(\d+)/.exec(line)![1]!;
  // A relative import is the reader's own file (their API's generated types): never a package's.
  if (code === "2307" && /Cannot find module '\.\.?\//.test(line)) return files.some((file) => line.startsWith(`${file}(`));
  const name = /name '(\w+)'|property '(\w+)'/.exec(line)?.slice(1).find(Boolean);
  return FREE_VARIABLE_CODES.has(code) && files.some((file) => line.startsWith(`${file}(`)) && !(name && (exported.has(name) || clientNames.has(name)));
}

describe("the READMEs' TypeScript blocks", () => {
  rmSync(workdir, { recursive: true, force: true });
  mkdirSync(workdir, { recursive: true });
  const files = writeBlocks();

  it("are there to check: the root README and every vendor package's have some", () => {
    for (const readme of ["README", "packages__cx__README", "packages__wootric__README", "packages__runtime__README"]) {
      expect(files.some((file) => file.startsWith(`${readme}__`)), readme).toBe(true);
    }
  });

  it("type a client another block creates, so that a block using it is checked, not let through as the reader's own", async () => {
    const fence = "```";
    const readme = [
      `${fence}ts`,
      `import { createClient } from "@apis/wootric";`,
      `const wootric = createClient({ auth: { type: "token", accessToken: "token" } });`,
      fence,
      `${fence}ts`,
      `import { sendEmailSurvey } from "@apis/wootric";`,
      `await sendEmailSurvey(wootric, { emails: "jane@example.com" });`,
      `await wootric.GET("/v1/no_such_path");`,
      fence,
    ].join("\n");
    const modules = modulesOf(readme);
    expect(modules.map((module) => module.line)).toEqual([2, 6]);
    const synthetic = modules.map(({ line, source }) => {
      writeFileSync(join(workdir, `synthetic__line-${line}.ts`), source);
      return `synthetic__line-${line}.ts`;
    });
    const errors = await compile(synthetic, ["ES2023"]);
    expect(errors.filter((error) => error.startsWith("synthetic__line-2.ts"))).toEqual([]);
    const used = errors.filter((error) => error.startsWith("synthetic__line-6.ts"));
    expect(used.some((error) => /\(2,\d+\): error TS2322: Type 'string' is not assignable to type 'string\[\]'/.test(error)), used.join("\n")).toBe(true);
    expect(used.some((error) => /\(3,\d+\): error TS\d+/.test(error)), used.join("\n")).toBe(true);
  }, 120_000);

  it("report a type a package exports used without importing it, not let it through as the reader's own", async () => {
    const fence = "```";
    const readme = [`${fence}ts`, `export const upload = (cx: CxClient) => cx.POST("/nope/{filePath}", { params: { path: { filePath: "a" } } });`, fence].join("\n");
    const [module] = modulesOf(readme);
    writeFileSync(join(workdir, "synthetic-type__line-2.ts"), module!.source);
    const errors = await compile(["synthetic-type__line-2.ts"], ["ES2023"]);
    expect(errors.some((error) => /\(1,\d+\): error TS2304: Cannot find name 'CxClient'/.test(error)), errors.join("\n")).toBe(true);
  }, 120_000);

  it("type a client created annotated, indented or through a namespace import, and declare none a block binds itself", async () => {
    const fence = "```";
    const readme = [
      `${fence}ts`,
      `import * as w from "@apis/wootric";`,
      `import { createClient as createCx, type CxClient } from "@apis/cx";`,
      `const wootric: w.WootricClient = w.createClient({ auth: { type: "token", accessToken: "token" } });`,
      `export function connect(): CxClient {`,
      `  const cx = createCx({ auth: { type: "token", accessToken: "token" } });`,
      `  return cx;`,
      `}`,
      fence,
      `${fence}ts`,
      `await wootric.GET("/v1/no_such_path");`,
      `await cx.GET("/no_such_path");`,
      fence,
      `${fence}ts`,
      `import { createClient } from "@apis/wootric";`,
      `const survey = createClient({ auth: { type: "token", accessToken: "token" } });`,
      fence,
      `${fence}ts`,
      `const { survey } = clients;`,
      `const cx: unknown = survey;`,
      fence,
    ].join("\n");
    const modules = modulesOf(readme);
    expect(modules.map((module) => module.line)).toEqual([2, 11, 15, 19]);
    const synthetic = modules.map(({ line, source }) => {
      writeFileSync(join(workdir, `synthetic-clients__line-${line}.ts`), source);
      return `synthetic-clients__line-${line}.ts`;
    });
    const errors = await compile(synthetic, ["ES2023"]);
    const of = (line: number) => errors.filter((error) => error.startsWith(`synthetic-clients__line-${line}.ts`));
    expect(of(2)).toEqual([]);
    // A path the client's type refuses, not a name not found.
    expect(of(11).some((error) => /\(1,\d+\): error TS(?!2304)\d+/.test(error)), of(11).join("\n")).toBe(true);
    expect(of(11).some((error) => /\(2,\d+\): error TS(?!2304)\d+/.test(error)), of(11).join("\n")).toBe(true);
    expect(of(15)).toEqual([]);
    expect(of(19)).toEqual([]);
  }, 120_000);

  it.each([[["ES2023"]], [["ES2023", "DOM"]]])("compile against the built packages with lib %j", async (lib) => {
    expect(await compile(files, lib)).toEqual([]);
  }, 120_000);
});
