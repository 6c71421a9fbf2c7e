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
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }

  toJSON(): { name: string; field: string; message: string } {
    return { name: this.name, field: this.field, message: this.message };
  }
}

/**
 * Returns a numeric option, or `fallback` when it is undefined; anything else than a (whole, if asked) number of at
 * least `rule.min` throws an {@link InputError} naming the option.
 *
 * @example
 * const maxRetries = checkNumber(options.maxRetries, "maxRetries", 2, { min: 0, integer: true });
 */
export function checkNumber(
  value: number | undefined,
  field: string,
  fallback: number,
  rule: { min: number; integer?: boolean },
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < rule.min || (rule.integer && !Number.isInteger(value))) {
    throw new InputError(field, `${field} must be a${rule.integer ? "n integer" : " number"} >= ${rule.min}, got ${String(value)}`);
  }
  return value;
}
