import { HTTP_METHODS, type HttpMethod } from "./methods.ts";
import { deref, isNode, type Node } from "./ref.ts";

/** One operation of a spec, with the path item it belongs to (both past their `$ref`s). */
export interface WalkedOperation {
  path: string;
  method: HttpMethod;
  /** `GET /v1/tags/{id}`. */
  key: string;
  operation: Node;
  pathItem: Node;
}

/**
 * Every operation of a single-file spec, in document order: paths as written, methods in {@link HTTP_METHODS} order.
 * @example operationsOf(spec).map((op) => op.key) // ["GET /v1/tags", "POST /v1/tags", ...]
 */
export function operationsOf(spec: Node): WalkedOperation[] {
  const paths = isNode(spec.paths) ? spec.paths : {};
  return Object.entries(paths).flatMap(([path, raw]) => {
    const pathItem = deref(spec, raw);
    if (!isNode(pathItem)) return [];
    return HTTP_METHODS.flatMap((method) => {
      const operation = deref(spec, pathItem[method]);
      return isNode(operation) ? [{ path, method, key: `${method.toUpperCase()} ${path}`, operation, pathItem }] : [];
    });
  });
}
