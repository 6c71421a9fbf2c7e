import { redactText } from "./redact.js";

/**
 * `text` on one line, redacted, cut to at most `max` characters, its end marked `...` where it was cut: how errors
 * quote a vendor's text. Each run of white space, controls (C0, C1: an ANSI escape a terminal would run), format
 * characters (bidi overrides, which would make the line read otherwise) and separators (U+2028 and U+2029 break lines
 * too) is one space, and the ends are trimmed; then every known credential and each of `secrets` is redacted, in
 * every form as the line writes it (see secretForms), before the cut, which would leave a credential's start
 * unrecognized.
 *
 * @example
 * shorten("a".repeat(300), 200); // 197 a's and "..."
 * shorten(" a\n\u001b[2Jb\u202e ", 200); // "a [2Jb"
 */
export function shorten(text: string, max: number, secrets?: readonly string[]): string {
  return cut(redactText(text.replace(/[\p{C}\p{Z}]+/gu, " ").trim(), secrets), max);
}

/**
 * `text` cut to at most `max` characters, its end marked `...` where it was cut.
 *
 * @example
 * cut("a".repeat(300), 200); // 197 a's and "..."
 */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
