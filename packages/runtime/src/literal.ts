/**
 * Whether `S` is a string literal (or a union of them) whose value the compiler knows: not `string`, nor a template
 * such as `/photos/${string}`, which a mapped type reads as an index signature. A vendor helper's type refuses a
 * literal its run-time check would refuse whatever else is passed, and leaves any other value to that check. Types only.
 *
 * @example
 * type AbsolutePath<P extends string> = IsLiteral<P> extends true ? ([Extract<P, `/${string}`>] extends [never] ? `/${string}` : P) : P;
 */
export type IsLiteral<S extends string> = {} extends { [K in S]: 1 } ? false : true;
