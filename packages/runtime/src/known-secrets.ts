import { MIN_SECRET_LENGTH, secretForms } from "./secret-forms.js";

const REDACTED = "[redacted]";
// Enough for every credential of many clients at once; beyond it the one unused longest is forgotten, so an
// application that makes a client per user cannot grow this without bound.
const MAX_SECRETS = 1024;
const KEY = MIN_SECRET_LENGTH;

// Every credential a client of this package holds or built (tokens, passwords, client secrets, codes, Basic
// `user:secret` pairs), kept in one place so that every error, body and log line is cleaned of them, however it was
// made: `ApiError.fromResponse` gets no client to ask. Added to and matched against; read out only by knownSecrets,
// which the package's entry does not export.
const secrets = new Map<string, readonly string[]>();
/**
 * Forms by their first characters, then by their length, then by their last characters: a text is scanned once whatever
 * their number, and where it holds the first characters of many (JWTs all begin `eyJhbGci`), each length they come in
 * is one lookup of the text's characters that would end a form of it, not a comparison with each. A form two
 * credentials share is listed once for each, so that it stays until the last of them is forgotten.
 */
type Index = Map<string, Bucket>;
/**
 * The forms of one first four characters, by length, then last characters; and a start they all share, which a text
 * must have before its lengths are tried (shortened as forms join, not lengthened as they go: a start of more forms
 * is a start of fewer), so that a text of those four characters over and over costs one comparison a place.
 */
type Bucket = Map<number, Map<string, string[]>> & { start?: string | undefined };

// The forms of all of them (see Index).
const byKey: Index = new Map();

/**
 * Every known credential (see {@link rememberSecret}), the one unused longest first. Not exported from the package's
 * entry, so no client can read them: @apis/prism imports this file to redact, in a live contract run's output, what a
 * shortened quotation leaves of a token the run obtained (a piece of it, which no search for the whole finds).
 *
 * @example
 * knownSecrets(); // ["client-secret", "eyJhbGciOi..."]
 */
export function knownSecrets(): string[] {
  return [...secrets.keys()];
}

// The index of the last list of a call's own credentials, and that list as JSON: made for the first text long enough
// to scan, whose list (none given is "[]") is no list before it.
let extraList: string | undefined;
let extraByKey: Index;

/** `text` with the hex digits of every percent escape and JSON `\u` escape in upper case. */
function upperHex(text: string): string {
  // A text without a % or \u has no escape: the replace gives it back as it is. (The u goes up too: text and forms
  // are read alike, and only to be matched.)
  return text.replace(/%[0-9a-f]{2}|\\u[0-9a-f]{4}/gi, (escape) => escape.toUpperCase());
}

/**
 * `bytes` with every known credential and every one of `extra` redacted, as UTF-8, and its JSON escapes written as
 * JSON.stringify writes them (which parses to the same value); the same bytes when that changes nothing.
 *
 * @example
 * const clean = redactSecretBytes(bytes, secrets);
 */
export function redactSecretBytes(bytes: Uint8Array, extra?: readonly string[]): Uint8Array {
  // No test of size or of known credentials first: a text too short for any, or with none to find, comes back from
  // redactSecrets as it went in. Only error bodies come here.
  const text = new TextDecoder().decode(bytes);
  // JSON may write any character as a \u escape (or / as \/), which no form foresees and openapi-fetch's parse decodes.
  // Each run of escapes is written as JSON.stringify writes it before redacting: each character as itself, but " \ and
  // controls, whose escapes are forms (a pair of surrogates decoded together, a lone one kept escaped). The text parses
  // to the same value. A pass over the text, not a parse of it: the body keeps its numbers and layout, any depth of
  // nesting is read, and so is text that is no JSON until a credential in it is redacted (one with a " of its own,
  // echoed raw beside an escaped copy). The others (\" \n ...) are as JSON.stringify writes them already; \\ is taken
  // whole and kept, so that a u after it is read as the letter it is. JSON.parse takes any run of \u escapes.
  const clean = redactSecrets(
    text.replace(/(\\u[\da-fA-F]{4})+|\\[\\/]/g, (run) => JSON.stringify(JSON.parse(`"${run}"`)).slice(1, -1)),
    extra,
  );
  return clean === text ? bytes : new TextEncoder().encode(clean);
}

/**
 * Makes the given credentials known to every redaction of this package, in every form they may be sent or echoed
 * in (see `secretForms`). A value already known counts as just used, so a credential in use is never the one forgotten
 * when many clients fill the list. Values shorter than 4 characters are ignored.
 *
 * @example
 * rememberSecret(clientSecret, `${username}:${password}`);
 */
export function rememberSecret(...values: (string | undefined)[]): void {
  for (const value of values) {
    // A known value is moved on every use, however empty the list: one left in place while the list is small would be
    // the first forgotten once it fills, before values unused for longer. (The credential just used, already the newest,
    // stays where it is.)
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    const known = secrets.get(value);
    secrets.delete(value);
    secrets.set(value, known ?? secretForms(value));
    if (!known) for (const form of secrets.get(value)!) index(upperHex(form), true);
  }
  for (const [oldest, forms] of secrets) {
    if (secrets.size <= MAX_SECRETS) break;
    secrets.delete(oldest);
    for (const form of forms) index(upperHex(form), false);
  }
}

/**
 * Replaces every known credential (see {@link rememberSecret}) and every one of `extra`, in any of their forms, with
 * `[redacted]`. Unlike `redactText` it applies no rule by name, so a body keeps its shape.
 *
 * @example
 * redactSecrets(`bad token ${encodeURIComponent(token)}`); // "bad token [redacted]"
 */
export function redactSecrets(text: string, extra: readonly string[] = []): string {
  // The one default of `extra`: redactText, redactBody, redactError and the others hand a list left out on as undefined.
  // Most texts (a reason phrase such as "OK") are too short to hold a credential: nothing to build or scan.
  if (text.length < KEY) return text;
  // The call's own forms get a key index of their own, so that each position of the text is tried against the few
  // forms that share its first characters, not against all of them (1000 credential fields in a body took seconds
  // over a 200 KB error body). It is kept for the next text while the list is the same, as it is for every string of
  // a body (made for each, it took seconds over 200 000 strings). Known values are indexed too: one may be forgotten
  // while the list is in use.
  const list = JSON.stringify(extra);
  if (list !== extraList) {
    extraList = list;
    extraByKey = new Map();
    for (const value of extra) if (value.length >= MIN_SECRET_LENGTH) for (const form of secretForms(value)) index(upperHex(form), true, extraByKey);
  }
  return byKey.size + extraByKey.size ? scan(text, [byKey, extraByKey]) : text;
}

// Matching runs over the text with the hex digits of every %xx and \uxxxx escape in upper case (same length, so
// positions hold), against forms normalized the same way: a server that echoes `%2f` or `%C3%a9`, or JSON with `\u00E9`
// (as .NET and Java write it) where JSON.stringify writes `\u00e9`, is caught whatever case it mixes. And over the text
// as it is: a % the text holds before a form's first hex digits, or after its last, reads as an escape there.
function scan(text: string, indexes: Index[]): string {
  let out = "";
  // Where the text is copied up to: the end of every match so far, so that one starting inside another and running on
  // past it (known or the call's own) is redacted to its end, and no credential's tail is left.
  let copiedTo = 0;
  const probes = new Set([text, upperHex(text)]);
  for (let at = 0; at <= text.length - KEY; at++) {
    // The length of the longest form that the text has at `at`, 0 for none.
    let found = 0;
    for (const probe of probes) for (const forms of indexes) {
      const bucket = forms.get(probe.slice(at, at + KEY));
      if (bucket && probe.startsWith(bucket.start!, at)) for (const [length, byEnd] of bucket) {
        if (length > found && byEnd.get(probe.slice(at + length - KEY, at + length))?.some((form) => probe.startsWith(form, at))) found = length;
      }
    }
    if (found && at + found > copiedTo) {
      if (at >= copiedTo) out += text.slice(copiedTo, at) + REDACTED;
      copiedTo = at + found;
    }
  }
  // With nothing found, out is empty and the text comes back whole.
  return out + text.slice(copiedTo);
}

// Lists a form under its ends (see Index) in `map` (the known credentials' by default), or takes one listing of it out.
function index(form: string, add: boolean, map = byKey): void {
  const key = form.slice(0, KEY);
  const end = form.slice(-KEY);
  const byLength: Bucket = map.get(key) ?? new Map();
  const byEnd = byLength.get(form.length) ?? new Map<string, string[]>();
  const forms = byEnd.get(end) ?? [];
  if (add) {
    let shared = 0;
    const start = byLength.start ?? form;
    while (start[shared] === form[shared] && shared < start.length) shared++;
    byLength.start = start.slice(0, shared);
    forms.push(form);
    map.set(key, byLength.set(form.length, byEnd.set(end, forms)));
  } else {
    // Always found: a credential's forms are taken out as they were put in (the stored list, normalized the same way).
    forms.splice(forms.indexOf(form), 1);
    if (forms.length === 0 && byEnd.delete(end) && byEnd.size === 0 && byLength.delete(form.length) && byLength.size === 0) map.delete(key);
  }
}
