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
  let sought: { list: string[]; forms: Sought } | undefined;
  const redact = (text: string, forms: Sought) => redactCutOff(redactQuotedFields(redactText(text, secrets)), forms);
  // A colour code inside a credential (vitest marks where a string differs from the one expected) hides it from every
  // search: each line is searched without its codes, and one in which something is found is printed without them,
  // its codes after it, so that the lines after it keep their colours.
  return (text) => {
    const list = [...secrets, ...known()];
    // Indexed again only when the credentials change: the runtime's are read at every call.
    sought = sought && sameMembers(list, sought.list) ? { ...sought, list } : { list, forms: soughtOf(new Set(list)) };
    const { forms } = sought;
    return text
      .split(/(?<=\n)/)
      .map((line) => {
        const plain = stripVTControlCharacters(line);
        const clean = plain === line ? line : redact(plain, forms);
        return clean === plain ? redact(line, forms) : clean.replace(/\r?\n?$/, (end) => (line.match(SGR) ?? []).join("") + end);
      })
      .join("");
  };
}

/** Whether `a` and `b` list the same credentials: in the same order, as the runtime lists them until one is used, or not. */
function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === b.length && a.every((item, at) => item === b[at])) return true;
  const [inA, inB] = [new Set(a), new Set(b)];
  return inA.size === inB.size && [...inA].every((item) => inB.has(item));
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
 * form-encoded, JSON-escaped, base64; each as it is and reversed (an end is sought as a start of the reversed form).
 */
function formsOf(secret: string): [string[], string[]] {
  const base64 = Buffer.from(secret).toString("base64").replace(/=+$/, "");
  const all = [secret, new URLSearchParams([["", secret]]).toString().slice(1), JSON.stringify(secret).slice(1, -1), base64, base64.replace(/\+/g, "-").replace(/\//g, "_")];
  try {
    all.push(encodeURIComponent(secret));
  } catch {
    // A lone surrogate, which a credential the runtime was handed may hold, has no percent-encoding.
  }
  const forms = [...new Set(all)].filter((form) => form.length > MIN_PIECE);
  return [forms, forms.map(reverse)];
}

// Each credential's forms, made once: the runtime's are sought line after line. Only those of the credentials last
// sought are kept, as the runtime forgets its oldest.
let made = new Map<string, [string[], string[]]>();

/** What is sought of `secrets`: their forms' starts, and their ends as starts of the reversed forms. */
function soughtOf(secrets: Set<string>): Sought {
  made = new Map([...secrets].map((secret) => [secret, made.get(secret) ?? formsOf(secret)]));
  const forms = [...made.values()].flatMap(([ahead]) => ahead);
  const reversed = [...made.values()].flatMap(([, back]) => back);
  return { starts: formsIndex(forms, forms.map((form) => form.slice(0, MIN_PIECE))), ends: formsIndex(reversed, forms.map((form) => form.slice(-MIN_PIECE))) };
}

/** What redactCutOff seeks: the forms' starts in the text, and their ends as starts of the reversed forms in it reversed. */
export interface Sought {
  starts: Forms;
  ends: Forms;
}

/**
 * Forms sought from one end, sorted: where a text has one's first 8 characters, the form that shares the longest start
 * with what follows is next to it in this order. Those 8 characters as the text has them (the last 8, unreversed, for
 * ends), listed under each 4 of them with where the 4 are, so that a text is looked up at every 4th character only.
 */
interface Forms {
  sorted: string[];
  longest: number;
  keys: Map<string, [key: string, at: number][]>;
}

function formsIndex(forms: string[], keys: string[]): Forms {
  const byQuarter = new Map<string, [string, number][]>();
  for (const key of new Set(keys)) {
    for (let at = 0; at < MIN_PIECE / 2; at++) {
      const quarter = key.slice(at, at + MIN_PIECE / 2);
      byQuarter.set(quarter, byQuarter.get(quarter) ?? []).get(quarter)!.push([key, at]);
    }
  }
  return { sorted: [...new Set(forms)].sort(), longest: forms.reduce((most, form) => Math.max(most, form.length), 0), keys: byQuarter };
}

/**
 * `text` with every piece of 8 or more characters of one of the sought forms that was cut off replaced by `[redacted]`:
 * a start of one that ends where a quotation was shortened (before `…` or `...`, as chai, vitest and Node shorten them)
 * or at the end of a line, and an end of one that follows `…` or `...` or begins a line. A credential cut short no
 * longer matches a search for it whole, and its first 30 characters are most of a secret. Only where the text has a
 * form's first (or last) 8 characters is it matched, against all forms at once, so that a long output costs time in
 * proportion to its length however many credentials there are.
 *
 * @example
 * redactCutOff("expected 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIi…'", sought); // "expected '[redacted]…'"
 */
export function redactCutOff(text: string, sought: Sought): string {
  const pieces = startsAtCuts(text, sought.starts, keysIn(text, sought.starts), () => cuts(text));
  const ends = keysIn(text, sought.ends);
  if (ends.length > 0) {
    // An end that follows a cut is a start of the reversed form in the reversed text.
    const at = ends.map((end) => text.length - end - MIN_PIECE).reverse();
    for (const [from, to] of startsAtCuts(reverse(text), sought.ends, at, () => cuts(text, true))) pieces.push([text.length - to, text.length - from]);
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

/** Where `text` has one of the keys of `forms` (their 8 characters sought from), ascending. */
function keysIn(text: string, forms: Forms): number[] {
  const found: number[] = [];
  // Any 8 characters hold 4 that begin at a multiple of 4.
  for (let at = 0; forms.keys.size > 0 && at + MIN_PIECE / 2 <= text.length; at += MIN_PIECE / 2) {
    for (const [key, offset] of forms.keys.get(text.slice(at, at + MIN_PIECE / 2)) ?? []) if (at >= offset && text.startsWith(key, at - offset)) found.push(at - offset);
  }
  return found.sort((a, b) => a - b);
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
 * The [from, to) of the longest start of a form, 8 characters or more, that `text` has at each of `at` (where it has a
 * form's first 8, ascending) and that ends at a cut: what follows in the text is compared with the sorted forms next to
 * it, and the piece runs to the last cut within what they share. Forms that repeat their own start (a token of one
 * character over and over) would have the same text compared again and again: past a bound, each form whose first 8
 * characters the text has is matched over it on its own instead.
 */
function startsAtCuts(text: string, forms: Forms, at: readonly number[], cutsOf: () => number[]): [number, number][] {
  if (at.length === 0) return [];
  const cuts = cutsOf();
  const found: [number, number][] = [];
  let compared = 0;
  for (const from of at) {
    const shared = sharedStart(text.slice(from, from + forms.longest), forms.sorted);
    if ((compared += shared) > 8 * text.length + 65_536) return startsOneByOne(text, forms.sorted, cuts);
    const to = lastCut(cuts, from + shared);
    if (to - from >= MIN_PIECE) found.push([from, to]);
  }
  return found;
}

/** How many characters `rest` shares, from its start, with the form in `sorted` that shares the most. */
function sharedStart(rest: string, sorted: readonly string[]): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < rest) low = middle + 1;
    else high = middle;
  }
  let most = 0;
  for (const form of [sorted[low - 1] ?? "", sorted[low] ?? ""]) {
    let shared = 0;
    while (shared < form.length && form.charCodeAt(shared) === rest.charCodeAt(shared)) shared++;
    most = Math.max(most, shared);
  }
  return most;
}

/** The last of `cuts` (ascending) that is `limit` or before it; -Infinity for none. */
function lastCut(cuts: readonly number[], limit: number): number {
  let [low, high] = [0, cuts.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cuts[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? cuts[low - 1]! : -Infinity;
}

/** startsAtCuts, each form matched over the text on its own (Knuth-Morris-Pratt): the longest piece for each cut. */
function startsOneByOne(text: string, forms: readonly string[], cuts: readonly number[]): [number, number][] {
  const longest = new Map<number, number>();
  for (const form of forms) {
    if (text.includes(form.slice(0, MIN_PIECE))) startsEndingAt(text, form, cuts, (from, to) => longest.set(to, Math.min(from, longest.get(to) ?? from)));
  }
  return [...longest].map(([to, from]) => [from, to]);
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
  const table = [0];
  for (let at = 1, length = 0; at < form.length; at++) {
    while (length > 0 && form.charCodeAt(at) !== form.charCodeAt(length)) length = table[length - 1]!;
    if (form.charCodeAt(at) === form.charCodeAt(length)) length++;
    table.push(length);
  }
  return table;
}

/** `text` reversed, one UTF-16 unit at a time (a line of 50 MB split into an array of characters took 3 s and 1.5 GB). */
function reverse(text: string): string {
  return Buffer.from(text, "utf16le").reverse().swap16().toString("utf16le");
}
