import { MIN_SECRET_LENGTH, secretForms } from "./secret-forms.js";

const REDACTED = "[redacted]";
// Enough for every credential of many clients at once; beyond it the one unused longest is forgotten, so an
// application that makes a client per user cannot grow this without bound.
const MAX_SECRETS = 1024;
const KEY = MIN_SECRET_LENGTH;

// Every credential a client of this package holds or built (tokens, passwords, client secrets, codes, Basic
// `user:secret` pairs), kept in one place so that every error, body and log line is cleaned of them, however it was
// made: `ApiError.fromResponse` gets no client to ask. Only ever added to and matched against, never read out.
const secrets = new Map<string, readonly string[]>();
// The forms of all of them, by their first characters, so that a text is scanned once whatever their number.
const byKey = new Map<string, string[]>();
const counts = new Map<string, number>();

/**
 * Makes the given credentials known to every redaction of this package, in every form they may be sent or echoed
 * in (see `secretForms`). A value already known counts as just used. Values shorter than 4 characters are ignored.
 *
 * @example
 * rememberSecret(clientSecret, `${username}:${password}`);
 */
export function rememberSecret(...values: (string | undefined)[]): void {
  for (const value of values) {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
    const known = secrets.get(value);
    secrets.delete(value);
    secrets.set(value, known ?? secretForms(value));
    if (known === undefined) for (const form of secrets.get(value)!) index(form, +1);
  }
  for (const [oldest, forms] of secrets) {
    if (secrets.size <= MAX_SECRETS) break;
    secrets.delete(oldest);
    for (const form of forms) index(form, -1);
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
  let out = text;
  for (const value of extra) {
    if (value.length < MIN_SECRET_LENGTH || secrets.has(value)) continue;
    for (const form of secretForms(value).sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  }
  return byKey.size === 0 || out.length < KEY ? out : scan(out);
}

/**
 * `bytes` with every known credential and every one of `extra` redacted, as UTF-8; the same bytes when none is there.
 *
 * @example
 * const clean = redactSecretBytes(read.bytes, secrets);
 */
export function redactSecretBytes(bytes: Uint8Array, extra: readonly string[] = []): Uint8Array {
  if (bytes.byteLength < KEY || (byKey.size === 0 && extra.length === 0)) return bytes;
  const text = new TextDecoder().decode(bytes);
  const clean = redactSecrets(text, extra);
  return clean === text ? bytes : new TextEncoder().encode(clean);
}

function scan(text: string): string {
  let out = "";
  let copiedTo = 0;
  for (let at = 0; at <= text.length - KEY; ) {
    const found = byKey.get(text.slice(at, at + KEY))?.find((form) => text.startsWith(form, at));
    if (found === undefined) {
      at++;
      continue;
    }
    out += text.slice(copiedTo, at) + REDACTED;
    at += found.length;
    copiedTo = at;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

function index(form: string, change: 1 | -1): void {
  const count = (counts.get(form) ?? 0) + change;
  const key = form.slice(0, KEY);
  const forms = byKey.get(key) ?? [];
  if (count > 0) counts.set(form, count);
  else counts.delete(form);
  if (change === 1 && count === 1) {
    // Longest first, so that a whole Basic value wins over the secret's piece inside it.
    forms.push(form);
    forms.sort((a, b) => b.length - a.length);
    byKey.set(key, forms);
  } else if (count === 0) {
    const kept = forms.filter((other) => other !== form);
    if (kept.length === 0) byKey.delete(key);
    else byKey.set(key, kept);
  }
}
