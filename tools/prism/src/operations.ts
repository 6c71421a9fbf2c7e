import { readFileSync } from "node:fs";
import { operationsOf, type Node } from "@apis/spec";
import { parse } from "yaml";

/** One operation of a spec: `GET /v1/tags/{id}` */
export interface SpecOperation {
  method: string;
  path: string;
  operationId: string;
  /** `METHOD /path/template`, the key coverage is counted by. */
  key: string;
}

/** A spec file parsed (YAML or JSON), untyped: callers cast to the parts they read. */
export function readSpec(spec: string): unknown {
  return parse(readFileSync(spec, "utf8"));
}

/**
 * Every operation a spec declares, in document order; with `keep`, those whose operation object it keeps (read from
 * the one parse, as the gate's rule reads `security` and `x-idempotent`).
 */
export function specOperations(spec: string, keep: (operation: Record<string, unknown>) => boolean = () => true): SpecOperation[] {
  return operationsOf(readSpec(spec) as Node)
    .filter(({ operation }) => keep(operation as Record<string, unknown>))
    .map(({ method, path, operation, key }) => ({ method: method.toUpperCase(), path, operationId: String(operation.operationId ?? ""), key }));
}

/**
 * A matcher from a concrete request to the spec operation it calls. Literal segments win over templated ones,
 * as OpenAPI requires (`/v1/responses/update_bulk_properties` before `/v1/responses/{id}`).
 */
export function operationMatcher(operations: SpecOperation[]): (method: string, pathname: string) => SpecOperation | undefined {
  const compiled = operations
    .map((operation) => ({
      operation,
      templated: (operation.path.match(/\{/g) ?? []).length,
      pattern: new RegExp(
        `^${operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}/?$`,
      ),
    }))
    .sort((a, b) => a.templated - b.templated);
  return (method, pathname) =>
    compiled.find(({ operation, pattern }) => operation.method === method.toUpperCase() && pattern.test(pathname))?.operation;
}
