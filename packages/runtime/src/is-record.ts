/**
 * Whether a value is an object of named fields: not null, and not an array (which `typeof` calls an object too).
 *
 * @example
 * isRecord({ plan: "Pro" }); // true
 * isRecord(["Pro"]); // false
 */
export function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
