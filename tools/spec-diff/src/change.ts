/** How a spec change lands on a client: `breaking` can stop existing code compiling or working, `minor` adds. */
export type ChangeLevel = "breaking" | "minor";

/** One classified difference between two versions of a spec. */
export interface Change {
  level: ChangeLevel;
  /** A stable name for the rule that fired, e.g. `operation-removed`, `enum-narrowed`. */
  kind: string;
  /** Where in the spec, e.g. `GET /v1/tags response 200 application/json: [].name`. */
  where: string;
  message: string;
}

/** Builds a breaking change. @example breaking("operation-removed", "GET /v1/tags", "the operation was removed") */
export function breaking(kind: string, where: string, message: string): Change {
  return { level: "breaking", kind, where, message };
}

/** Builds a minor (additive) change. @example minor("operation-added", "GET /v1/tags", "a new operation") */
export function minor(kind: string, where: string, message: string): Change {
  return { level: "minor", kind, where, message };
}
