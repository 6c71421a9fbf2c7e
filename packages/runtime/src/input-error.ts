import { redactSecrets } from "./known-secrets.js";
import { redactText } from "./redact.js";
import { cut } from "./shorten.js";
import { unicodeEscape } from "./unicode-escape.js";

/**
 * Bad input caught before any request was sent: a CSV without a required column, a path that cannot exist,
 * a missing option. The message says what is wrong and how to fix it; `field` names the input at fault.
 *
 * @example
 * try { await importCsv(client, csv) } catch (e) { if (e instanceof InputError) console.error(e.field, e.message) }
 */
export class InputError extends TypeError {
  override readonly name = "InputError";
  /** The option, column or argument at fault, e.g. `auth.password` or `csv: row 3, column feedback_date`. */
  // Declared, not a class field: the constructor sets it (see ApiError).
  declare readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.field = field;
  }

  toJSON(): { name: string; field: string; message: string } {
    return { name: this.name, field: this.field, message: this.message };
  }
}

/**
 * Names what a caller passed, for an error message, without echoing its content (which may be a credential):
 * `null`, `nothing`, `an empty string`, `an array`, `a number`, `a Uint8Array`, `an object`. A class is named always
 * with "a" ("a ArrayBuffer"): choosing "an" cost 15 bytes in every bundle.
 *
 * @example
 * throw new InputError("content", `content must be a Blob or a string, got ${describeValue(content)}`);
 */
export function describeValue(value: unknown): string {
  // null as it is written, and NaN or Infinity too: it is no number a check takes, and "got a number" would not say
  // why it was refused.
  if (value === null || (typeof value == "number" && !isFinite(value))) return `${value}`;
  if (value === undefined) return "nothing";
  if (value === "") return "an empty string";
  if (Array.isArray(value)) return "an array";
  if (typeof value !== "object") return `a ${typeof value}`;
  // Its class's name, read from its prototype: an object parsed from JSON (a server's) may have a "constructor" field
  // of its own, with any text as its name.
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } | undefined } | null)?.constructor?.name;
  return name && name != "Object" ? `a ${name}` : "an object";
}

/**
 * An {@link InputError} on `field` whose message is the field's name, then `rest`: the shape of most of them.
 *
 * @example
 * throw fieldError("baseUrl", "is required, e.g. https://api.example.com"); // "baseUrl is required, e.g. ..."
 */
export function fieldError(field: string, rest: string, options?: { cause?: unknown }): InputError {
  return new InputError(field, `${field} ${rest}`, options);
}

/**
 * Returns a numeric option, or `fallback` when it is undefined; anything else than a number from `rule.min` to `rule.max`
 * (with `rule.integer`, a whole one below 2^53: past it a number is no longer exact, and 1e21 is written "1e+21") throws
 * an {@link InputError} naming the option, the accepted range and `rule.hint`.
 *
 * @example
 * const maxRetries = checkNumber(options.maxRetries, "maxRetries", 2, { min: 0, max: 10, integer: true });
 */
export function checkNumber(
  value: unknown,
  field: string,
  fallback: number,
  rule: { min: number; max?: number | undefined; integer?: boolean | undefined; hint?: string | undefined },
): number {
  if (value === undefined) return fallback;
  // Number.isFinite is false for anything but a number. No max (a JavaScript caller's null too) is no bound.
  if (!Number.isFinite(value) || (value as number) < rule.min || (value as number) > (rule.max ?? Infinity) || (rule.integer && !Number.isSafeInteger(value))) {
    throw fieldError(field, `must be a${rule.integer ? "n integer" : " number"} ${rule.max == null ? `>= ${rule.min}` : `from ${rule.min} to ${rule.max}`}${rule.hint ? ` (${rule.hint})` : ""}, got ${shownNumber(value)}`);
  }
  return value as number;
}

/**
 * Whether a caller passed an object of its own fields, as {@link describeValue} names it ("an object"): not null, an
 * array or an instance of a class (a Map, URLSearchParams, a Date), whose entries are no own fields and would be
 * dropped without a word where its fields are read.
 *
 * @example
 * isFieldObject({ plan: "Pro" }); // true
 * isFieldObject(new Map([["plan", "Pro"]])); // false
 */
export function isFieldObject(value: unknown): value is Record<string, unknown> {
  return describeValue(value) == "an object";
}

/**
 * Checks that a credential or other required field is a non-empty string, naming the field and what belongs there otherwise; the value
 * itself is never quoted.
 *
 * @example
 * const password = requireString(auth.password, "auth.password", "the account password");
 */
export function requireString(value: unknown, field: string, hint: string): string {
  if (typeof value !== "string" || !value.trim()) throw fieldError(field, `must be a non-empty string: ${hint}`);
  return value;
}

/**
 * A name the caller's data gives (a CSV column, a property's key) as an error's `field` and message write it: as it is
 * when it is a plain name, up to 64 ASCII letters, digits and `_ $ : . - [ ]`; else quoted as {@link shown} quotes a value,
 * cut and with controls, format characters and separators escaped (a third party's CSV header may hold a terminal
 * escape). A letter beyond ASCII is quoted too: a class of every script's letters cost bytes Wootric does not have. A
 * plain name that is or holds a credential the client knows (a token pasted as a column or a key) is quoted, redacted.
 *
 * @example
 * fieldError(`${at}.${nameShown(name)}`, "is no property name"); // "end_user.properties.plan ..." or '..."pl\u202ean" ...'
 */
export function nameShown(name: string): string {
  // Read as text (a JavaScript caller's number or null is written as it is, not thrown on).
  return /^[\w$:.[\]-]{1,64}$/.test(name) && redactSecrets(`${name}`) == name ? name : String(shown(name));
}

/**
 * A value an option that must be a number was given, as its error quotes it: a number as it is written, anything else
 * described (`a string`, never its text: a credential given in the wrong place would be quoted).
 *
 * @example
 * throw fieldError("perPage", `must be a positive integer, got ${shownNumber(perPage)}`);
 */
export function shownNumber(value: unknown): unknown {
  return typeof value === "number" ? value : describeValue(value);
}

/**
 * `value` as an error message quotes it: a number as it is written, a string quoted as JSON, anything else described
 * ("an object"), since JSON.stringify throws on a BigInt or an object whose references loop, and would write out an
 * object's fields (`process.env`, a password among them). A string over 100 UTF-16 units is cut to its first 97 and
 * `...` (a CSV cell that swallowed the rest of the file would be quoted whole), and every control, format character and
 * separator but the plain space is written as its `\u` escape, as JSON writes C0 controls: a C1 control or a bidi
 * override in a caller's CSV cannot act on the terminal or reorder the line, and a no-break or zero-width space that
 * makes a value fail its check can be seen. Redacted first (see `redactText`), before the cut and the escapes, after
 * which a credential would not be recognized: a caller who passes its token where an address or a path goes (an
 * argument slipped) must not find it in the error, nor in every log the error reaches. Only its first 20 000 characters
 * are read for that, which hold any credential the quote could start (none is over 16 384): scanned whole, a 10 MB CSV
 * cell took seconds.
 *
 * @example
 * throw fieldError("region", `must be one of us1, eu1, got ${shown(region)}`);
 * shown("2020-07-16\u00a0"); // "\"2020-07-16\\u00a0\""
 */
export function shown(value: unknown): unknown {
  return typeof value === "number"
    ? value
    : typeof value === "string"
      // [^] takes each UTF-16 unit of a character found: an astral one is written as its two escapes.
      ? JSON.stringify(cut(redactText(value.slice(0, 2e4)), 100)).replace(/(?! )[\p{C}\p{Z}]/gu, (found) => found.replace(/[^]/g, unicodeEscape))
      : describeValue(value);
}

/**
 * Refuses, with an `InputError` on `client`, anything but a client where a vendor's helper takes one (null, `{}`,
 * createClient's options), which would fail deep inside with a TypeError ("client.POST is not a function").
 *
 * @example
 * checkClient(client);
 */
export function checkClient(client: unknown): void {
  if (!(client as { GET?: unknown } | null)?.GET) throw fieldError("client", "must be the client createClient() returns");
}

/**
 * Whether `value` can be followed as an AbortSignal: it has `aborted` and both listener methods. Duck-typed, so a
 * signal of another realm or a polyfill passes; `{ signal }` and an object with `addEventListener` alone do not (a
 * wait following one would throw when it ends).
 *
 * @example
 * if (signal != null && !isAbortSignal(signal)) throw fieldError("signal", "must be an AbortSignal");
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  // Read through casts, not a typed copy of the argument, which the bundle kept (4 to 7 gzipped bytes in @apis/cmix).
  return (
    typeof (value as Partial<AbortSignal> | null | undefined)?.aborted == "boolean" &&
    typeof (value as AbortSignal).addEventListener == "function" &&
    typeof (value as AbortSignal).removeEventListener == "function"
  );
}
