/**
 * Whether `S` is a string literal (or a union of them) whose value the compiler knows: not `string`, nor a template
 * such as `/photos/${string}`, which a mapped type reads as an index signature. The helpers' types refuse a literal
 * their run-time check would refuse whatever else is passed, and leave any other value to that check. Types only.
 */
export type IsLiteral<S extends string> = {} extends { [K in S]: 1 } ? false : true;
