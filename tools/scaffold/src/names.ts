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

/** Checks a vendor name and derives its spellings; a bad name gets an error that says what a good one looks like. */
export function vendorNames(name: string, title?: string): VendorNames {
  if (!NAME.test(name)) {
    throw new Error(`"${name}" is not a usable vendor name: use lower-case letters, digits and single hyphens, starting with a letter (e.g. acme-surveys)`);
  }
  const words = name.split("-");
  const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);
  return {
    name,
    title: title?.trim() || words.map(capital).join(" "),
    camel: words[0]! + words.slice(1).map(capital).join(""),
    pascal: words.map(capital).join(""),
    env: words.join("_").toUpperCase(),
  };
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
