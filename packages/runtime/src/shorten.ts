/**
 * `text` cut to at most `max` characters, its end marked `...` where it was cut: how errors quote a vendor's body.
 *
 * @example
 * shorten("a".repeat(300), 200); // 197 a's and "..."
 */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
