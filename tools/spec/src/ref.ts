/** An OpenAPI document or any node inside it, as parsed from YAML. */
export type Node = Record<string, unknown>;

/** True for a plain object node (not an array, not null). @example isNode({ type: "string" }) // true */
export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Follows local `$ref`s (`#/components/...`) until it reaches a node that is not a reference. A bundled or
 * single-file spec has only local references, so an external one is reported rather than guessed at.
 * @example deref(spec, { $ref: "#/components/schemas/Tag" }) // the Tag schema
 */
export function deref(spec: Node, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isNode(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (hops > 32) throw new Error(`$ref loop at ${ref}`);
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, found ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map(unescapePointer)
      .reduce<unknown>((parent, key) => (isNode(parent) ? parent[key] : Array.isArray(parent) ? parent[Number(key)] : undefined), spec);
    if (current === undefined) throw new Error(`$ref ${ref} points at nothing`);
  }
  return current;
}

/** A JSON pointer segment as the key it stands for (RFC 6901: `~1` is `/`, `~0` is `~`). @example unescapePointer("application~1json") // "application/json" */
export function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** The `$ref` a node names, if it is a reference; used to stop recursion through self-referencing schemas. */
export function refOf(node: unknown): string | undefined {
  return isNode(node) && typeof node.$ref === "string" ? node.$ref : undefined;
}
