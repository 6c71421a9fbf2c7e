// Everything `pnpm contract:live` prints passes through one redactor: vitest's output (a failed assertion shows what
// the vendor sent, and a vendor may echo a credential back), Prism's log and the drift report (a field name can be an
// echoed credential).
import { stripVTControlCharacters } from "node:util";
import { redactText } from "@apis/runtime";

/** The shortest piece of a cut-off credential that is redacted: fewer characters could be ordinary text. */
const MIN_PIECE = 8;
const REDACTED = "[redacted]";
// A colour or style code, as vitest, tinyrainbow and chalk write them.
const SGR = /\x1b\[[\d;]*m/g;

/**
 * Redacts, from text that holds whole lines, the run's credentials as `redactText` does, each field that vitest quotes
 * as JavaScript and whose JSON form `redactText` would blank, and every piece of 8 or more characters of a credential
 * that a shortened quotation cut off (see {@link redactCutOff}), each line read without its colour codes. `known`
 * lists, at each call, more credentials whose pieces are sought too: those the runtime knows in this process, which
 * `redactText` redacts whole.
 *
 * @example
 * const redact = liveRedactor([process.env.PETS_CLIENT_SECRET!]);
 * redact("expected 'invalid_client: eyJhbGciOiJIUzI1NiJ9.…' to be undefined\n"); // "expected 'invalid_client: [redacted]…' ..."
 */
export function liveRedactor(secrets: readonly string[], known: () => readonly string[] = () => []): (text: string) => string {
  const redact = (text: string) => redactCutOff(redactQuotedFields(redactText(text, secrets)), [...secrets, ...known()].flatMap(piecesSought));
  // A colour code inside a credential (vitest marks where a string differs from the one expected) hides it from every
  // search: each line is searched without its codes, and one in which something is found is printed without them,
  // its codes after it, so that the lines after it keep their colours.
  return (text) =>
    text
      .split(/(?<=\n)/)
      .map((line) => {
        const plain = stripVTControlCharacters(line);
        const clean = plain === line ? line : redact(plain);
        return clean === plain ? redact(line) : clean.replace(/\r?\n?$/, (end) => (line.match(SGR) ?? []).join("") + end);
      })
      .join("");
}

/**
 * A field as vitest quotes it, `name: 'value'`, whose name starts where a word does: sought from each character of a
 * long word, each time to the word's end, it took time in the square of the word's length (80 000 word characters, 6 s).
 */
export const QUOTED_FIELD = /(?<![\w$])([\w$]+): '((?:[^'\\\n]|\\.)*)'/g;

// vitest quotes a short object in a failed assertion's message as JavaScript (expected { access_token: 'at-1', ... }),
// which redactText does not read as a field: each such field is read as the JSON field it stands for, and blanked when
// that one would be (a token the run obtained is in no environment variable).
function redactQuotedFields(text: string): string {
  return text.replace(QUOTED_FIELD, (field, name: string, value: string) => {
    const json = `"${name}": ${JSON.stringify(value)}`;
    return redactText(json) === json ? field : `${name}: '${REDACTED}'`;
  });
}

/**
 * The forms of a credential that a shortened quotation may cut, longer than a piece: as it is, percent- and
 * form-encoded, JSON-escaped, base64. Made once for each credential: the runtime's are sought line after line.
 */
function piecesSought(secret: string): string[] {
  let forms = formsOf.get(secret);
  if (forms === undefined) {
    const base64 = Buffer.from(secret).toString("base64").replace(/=+$/, "");
    const all = [secret, new URLSearchParams([["", secret]]).toString().slice(1), JSON.stringify(secret).slice(1, -1), base64, base64.replace(/\+/g, "-").replace(/\//g, "_")];
    try {
      all.push(encodeURIComponent(secret));
    } catch {
      // A lone surrogate, which a credential the runtime was handed may hold, has no percent-encoding.
    }
    formsOf.set(secret, (forms = [...new Set(all)].filter((form) => form.length > MIN_PIECE)));
  }
  return forms;
}

const formsOf = new Map<string, string[]>();

/**
 * `text` with every piece of 8 or more characters of one of `forms` that was cut off replaced by `[redacted]`: a start
 * of one that ends where a quotation was shortened (before `…` or `...`, as chai, vitest and Node shorten them) or at
 * the end of a line, and an end of one that follows `…` or `...` or begins a line. A credential cut short no longer
 * matches a search for it whole, and its first 30 characters are most of a secret. Each form is matched over the text
 * once at most (and only near the cuts), so a long output costs time in proportion to its length.
 *
 * @example
 * redactCutOff("expected 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIi…'", [jwt]); // "expected '[redacted]…'"
 */
export function redactCutOff(text: string, forms: readonly string[]): string {
  const pieces: [number, number][] = [];
  let reversed: { text: string; cuts: number[] } | undefined;
  let ends: number[] | undefined;
  for (const form of forms) {
    // A piece of 8 characters or more holds the form's first 8, or its last 8: most texts hold neither.
    if (text.includes(form.slice(0, MIN_PIECE))) startsEndingAt(text, form, (ends ??= cuts(text)), (from, to) => pieces.push([from, to]));
    if (text.includes(form.slice(-MIN_PIECE))) {
      // An end that follows a cut is a start of the reversed form in the reversed text.
      reversed ??= { text: reverse(text), cuts: cuts(text, true) };
      startsEndingAt(reversed.text, reverse(form), reversed.cuts, (from, to) => pieces.push([text.length - to, text.length - from]));
    }
  }
  if (pieces.length === 0) return text;
  pieces.sort((a, b) => a[0] - b[0]);
  let out = "";
  let copiedTo = 0;
  for (const [from, to] of pieces) {
    if (to <= copiedTo) continue;
    // A piece that overlaps the one before runs it on: one [redacted] for both.
    if (from >= copiedTo) out += text.slice(copiedTo, from) + REDACTED;
    copiedTo = to;
  }
  return out + text.slice(copiedTo);
}

/**
 * Where a cut-off start can end, ascending: before `…` or `...` (each dot of a longer run too: the cut may fall after
 * a dot of the credential's own) and at each line's end. Or, `after`, where a cut-off end can begin (after `…` or
 * `...`, and at each line's start), as positions in the reversed text, ascending.
 */
function cuts(text: string, after = false): number[] {
  const found: number[] = [];
  for (let at = 0; at <= text.length; at++) {
    const [marker, dots] = after ? [text[at - 1], text.startsWith("...", at - 3)] : [text[at], text.startsWith("...", at)];
    if (marker === undefined || marker === "\n" || marker === "\r" || marker === "…" || dots) found.push(after ? text.length - at : at);
  }
  return after ? found.reverse() : found;
}

/**
 * Hands `found` the [from, to) of the longest start of `form`, 8 characters or more, that ends at each of `cuts`
 * (ascending), found with Knuth-Morris-Pratt over no more of `text` than the `form.length` characters before each cut.
 */
function startsEndingAt(text: string, form: string, cuts: readonly number[], found: (from: number, to: number) => void): void {
  const fallback = fallbacks(form);
  let at = 0;
  let matched = 0;
  for (const cut of cuts) {
    // A start of the form that ends at the cut began no more than form.length characters before it.
    if (cut - form.length > at) [at, matched] = [cut - form.length, 0];
    for (; at < cut; at++) {
      const char = text.charCodeAt(at);
      while (matched > 0 && (matched === form.length || char !== form.charCodeAt(matched))) matched = fallback[matched - 1]!;
      if (char === form.charCodeAt(matched)) matched++;
    }
    if (matched >= MIN_PIECE) found(cut - matched, cut);
  }
}

/** For each length of a start of `form`, the length of the longest start of `form` that ends it (KMP's failure table). */
function fallbacks(form: string): number[] {
  const known = tables.get(form);
  if (known) return known;
  const table = [0];
  for (let at = 1, length = 0; at < form.length; at++) {
    while (length > 0 && form.charCodeAt(at) !== form.charCodeAt(length)) length = table[length - 1]!;
    if (form.charCodeAt(at) === form.charCodeAt(length)) length++;
    table.push(length);
  }
  tables.set(form, table);
  return table;
}

// The run's few forms are matched line after line: each table is made once.
const tables = new Map<string, number[]>();

function reverse(text: string): string {
  return text.split("").reverse().join("");
}
