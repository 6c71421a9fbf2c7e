/** The spellings of a vendor name the templates need. */
export interface VendorNames {
  /** kebab-case, as typed: `acme-surveys` (package `@apis/acme-surveys`, folder names, registry key). */
  name: string;
  /** For prose: `Acme Surveys`. */
  title: string;
  /** A variable: `acmeSurveys`. */
  camel: string;
  /** A type prefix: `AcmeSurveys`. */
  pascal: string;
  /** An environment-variable prefix: `ACME_SURVEYS`. */
  env: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// Words a variable may not be named in a module (strict mode), or should not be: the camel spelling is one.
const RESERVED = new Set(
  "arguments await break case catch class const continue debugger default delete do else enum eval export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof undefined var void while with yield".split(" "),
);
// The title goes into JSON and YAML strings, a plain YAML scalar (the spec's info.title) and TypeScript strings as it is.
const TITLE = /^[\p{L}\p{N}][\p{L}\p{N} .,()&'+/-]*$/u;

/** Checks a vendor name and derives its spellings; a bad name gets an error that says what a good one looks like. */
export function vendorNames(name: string, title?: string): VendorNames {
  if (!NAME.test(name)) {
    throw new Error(`"${name}" is not a usable vendor name: use lower-case letters, digits and single hyphens, starting with a letter (e.g. acme-surveys)`);
  }
  const words = name.split("-");
  const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);
  const camel = words[0]! + words.slice(1).map(capital).join("");
  if (RESERVED.has(camel)) throw new Error(`"${name}" is not a usable vendor name: the client's variable would be ${camel}, a reserved word; pick another (e.g. ${name}-api)`);
  const display = title?.trim() || words.map(capital).join(" ");
  if (!TITLE.test(display)) {
    throw new Error(`"${display}" is not a usable title: use letters, digits, spaces and . , ( ) & ' + / -, starting with a letter or digit (it is written into JSON, YAML and TypeScript as it is)`);
  }
  return { name, title: display, camel, pascal: words.map(capital).join(""), env: words.join("_").toUpperCase() };
}

/**
 * The template files that already use the client's variable name for something else (`data` in
 * `const { data } = await data.GET(...)`), as `[file, text]` pairs before filling: none for a usable name. Only code
 * is read: a Markdown file's fenced code blocks, not a JSON or YAML file, any other file whole; a word of a README's
 * prose, of a spec or of a package.json (`tags`, `responses`) breaks nothing.
 *
 * @example
 * namesClashing(vendorNames("data"), [["test/unit/client.test.ts", "const { data } = await __CAMEL__.GET(...)"]]); // ["test/unit/client.test.ts"]
 */
export function namesClashing(names: VendorNames, templates: [file: string, text: string][]): string[] {
  const word = new RegExp(`(?<![\\w$])${names.camel}(?![\\w$])`);
  return templates.filter(([file, text]) => word.test(codeOf(file, text))).map(([file]) => file);
}

/**
 * The code a template holds: a Markdown file's fenced code blocks (``` or ~~~), nothing of a JSON or YAML file, any other
 * file whole, so that a template added later (a .mjs, a .js) is read as code until it is known to hold none.
 */
function codeOf(file: string, text: string): string {
  if (file.endsWith(".md")) return [...text.matchAll(/^(```|~~~).*\n([\s\S]*?)^\1/gm)].map((block) => block[2]).join("\n");
  return /\.(json|ya?ml)$/.test(file) ? "" : text;
}

/** Fills a template's placeholders. */
export function fill(template: string, names: VendorNames): string {
  return template
    .replaceAll("__NAME__", names.name)
    .replaceAll("__TITLE__", names.title)
    .replaceAll("__CAMEL__", names.camel)
    .replaceAll("__PASCAL__", names.pascal)
    .replaceAll("__ENV__", names.env);
}
