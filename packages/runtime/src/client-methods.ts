/** The methods a client has, lowercase: each is its uppercase method (`client.GET`). */
export const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

/** One of {@link METHODS}. */
export type AnyMethod = (typeof METHODS)[number];

/**
 * The method fan-out of a client around one `call`: `GET`, `POST`, ... and `request(method, ...)`, each handing
 * `call` its method lowercase.
 *
 * @example
 * const client = { ...callMethods((method, path, init) => core.request(method, path, init)), use: core.use };
 */
export function callMethods<I>(call: (method: AnyMethod, path: string, init?: I) => Promise<unknown>): Record<string, unknown> {
  // request() takes the method in any case, as openapi-fetch's does.
  const methods: Record<string, unknown> = { request: (method: string, path: string, init?: I) => call(method.toLowerCase() as AnyMethod, path, init) };
  for (const method of METHODS) methods[method.toUpperCase()] = (path: string, init?: I) => call(method, path, init);
  return methods;
}
