/**
 * A UTF-16 unit as JSON and JavaScript escape it, `\u` and four hex digits: how a credential may be echoed inside
 * JSON (see secretForms), and how a quoted caller's value shows a character that would not be seen (see shown).
 *
 * @example
 * unicodeEscape("é"); // "\\u00e9"
 */
export function unicodeEscape(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
