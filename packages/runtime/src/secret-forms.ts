import { unicodeEscape } from "./unicode-escape.js";

/** Forms shorter than this would blank unrelated text; a credential that short is not worth hiding anyway. */
export const MIN_SECRET_LENGTH = 4;
// A piece of base64 this short could stand in any base64 text; the full encoding of a short secret still counts.
const MIN_BASE64_PIECE = 6;

/**
 * Every way a credential may travel or be echoed back: raw; percent-encoded as `encodeURIComponent`, a form body (`+`
 * for space) and each server language's encoder (`* ~ ! ( ) /`, and Go's `$ & + : = @`, encoded or kept) write it,
 * with upper- or lower-case hex, and encoded twice; HTML-escaped (an apostrophe as `&#39;`, `&#x27;`, `&#039;`, `&apos;` or itself, a quote as `&quot;` or `&#34;`, a plus as `&#43;`); JSON-escaped (with `\/` and `\u00e9` too, as PHP
 * writes it); base64 (standard and URL-safe, padded or not), both alone and as the run that stands for it inside
 * a longer base64 text, at each of the three byte alignments, as in the Basic value of `user:secret`, of the credential
 * and of its percent-encoded forms (a form body echoed in base64); as a header or reason phrase brings it back, its
 * UTF-8 bytes decoded the wrong way; and each of those with each run of white space or control, format or separator
 * characters as one space, as a one-line quote writes it (see `shorten`).
 *
 * @example
 * secretForms("a b/c"); // ["a b/c", "a%20b%2Fc", "a+b%2Fc", "a%20b%2fc", "a+b%2fc", "a b\\/c", "YSBiL2M=", ...]
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  // A form body as URLSearchParams and Java write it; with ! ( ) kept, as .NET's UrlEncode does; with `*` encoded, as
  // PHP's urlencode does; then with `~` kept, as Ruby's CGI.escape, Python's quote_plus and Go's QueryEscape do; then
  // with a space as %20, as PHP's rawurlencode and Python's quote(safe="") do (RFC 3986), and with `/` kept, as Python's
  // quote does by default; with `$ & + : = @` kept, as Go's url.PathEscape does; and as encodeURIComponent writes it.
  let form = new URLSearchParams([["", secret]]).toString().slice(1);
  const percent = [form, form.replace(/%2[189]/g, decodeURIComponent), (form = form.replace(/\*/g, "%2A")), (form = form.replace(/%7E/g, "~")), (form = form.replace(/\+/g, "%20")), form.replace(/%2F/g, "/"), form.replace(/%(2[46B]|3[AD]|40)/g, decodeURIComponent)];
  try {
    percent.push(encodeURIComponent(secret));
  } catch {
    // A lone surrogate cannot be percent-encoded by encodeURIComponent; URLSearchParams writes it as U+FFFD.
  }
  for (const encoded of percent) {
    // Each form encoded once more, as a URL quoted in another URL's query carries it (a sign-in page's `return_to`).
    for (const form of [encoded, encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())]) forms.add(form).add(encodeURIComponent(form));
  }
  // An HTML page (a proxy's error page, a login form) escapes what it quotes as its language does: `"` as `&quot;` and
  // an apostrophe as `&#39;` (Ruby, Spring), `&#x27;` (Python), `&#039;` (PHP) or `&apos;` (XML), or not at all (Java's
  // escapeHtml4, PHP's ENT_COMPAT); Go writes them `&#34;` and `&#39;`, and its html/template a `+` (a base64 token's) as
  // `&#43;` too.
  const html = secret.replace(/[&<>"']/g, (char) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[char]};`);
  for (const apos of ["&#39;", "&#x27;", "&#039;", "&apos;", "'"]) forms.add(html.replace(/&#39;/g, apos));
  for (const form of [html, html.replace(/&quot;/g, "&#34;")]) forms.add(form).add(form.replace(/\+/g, "&#43;"));
  const json = JSON.stringify(secret).slice(1, -1);
  // Plain; with everything outside printable ASCII as \u escapes (PHP, Jackson); and with & < > = ' as \u escapes, as
  // Gson writes JSON by default (a base64 token's = as \u003d) and Rails the first three (escape_html_entities_in_json;
  // a secret with & and = both, as Rails writes it, is missed).
  for (const escaped of [json, json.replace(/[^\x20-\x7e]/g, unicodeEscape), json.replace(/[&<>'=]/g, unicodeEscape)]) {
    forms.add(escaped).add(escaped.replace(/\//g, "\\/"));
  }
  // Echoed in a header or reason phrase, a form's bytes come back decoded the wrong way: UTF-8 read as latin1, or
  // latin1 read as UTF-8, where each byte that is not ASCII becomes U+FFFD.
  for (const form of [...forms]) {
    forms.add(latin1(new TextEncoder().encode(form))).add(form.replace(/[^\x00-\x7f]/g, "\ufffd"));
  }
  // The base64 of the credential as it was sent, form- or percent-encoded too (a server echoing the request body).
  for (const sent of [secret, ...percent]) {
    // Its UTF-8 bytes, one character each, as btoa takes them.
    const bytes = latin1(new TextEncoder().encode(sent));
    const whole = btoa(bytes);
    const pieces = [whole, whole.replace(/=+$/, "")];
    for (let skip = 0; skip < 3; skip++) {
      // Behind `skip` other bytes, the secret's bits fill base64 characters from ceil(8 skip / 6) up to the last one
      // they fill completely: that run is the same whatever the other bytes are.
      const shifted = btoa("\0".repeat(skip) + bytes);
      // (slice drops a fraction itself: the start rounds up by adding 5 sixths first, the end down.)
      const piece = shifted.slice((8 * skip + 5) / 6, (8 * (skip + bytes.length)) / 6);
      if (piece.length >= MIN_BASE64_PIECE) pieces.push(piece);
    }
    // Standard and URL-safe.
    for (const piece of pieces) forms.add(piece).add(piece.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  // And each with each run of white space, controls, format characters and separators as one space, as an error quotes
  // a server's text on one line (see shorten), which is redacted only then: a form decoded the wrong way may hold a C1
  // control (UTF-8's bytes read as latin1).
  for (const form of [...forms]) forms.add(form.replace(/[\p{C}\p{Z}]+/gu, " "));
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * Standard base64 of bytes (`btoa` takes only a string of one character per byte).
 *
 * @example
 * toBase64(new TextEncoder().encode("ana:päss")); // "YW5hOnDDpHNz"
 */
export function toBase64(bytes: Uint8Array): string {
  return btoa(latin1(bytes));
}

function latin1(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
