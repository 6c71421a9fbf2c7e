import { requireString } from "./input-error.js";

/** The methods a client has (`client.GET`). */
export const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"] as const;

/** One of {@link METHODS}, lowercase, as `call` gets it. */
export type AnyMethod = Lowercase<(typeof METHODS)[number]>;

/**
 * The method fan-out of a client around one `call`: `GET`, `POST`, ... and `request(method, ...)`, each handing
 * `call` its method lowercase.
 *
 * @example
 * const client = { ...callMethods((method, path, init) => core.request(method, path, init)), use: core.use };
 */
export function callMethods<I>(call: (method: AnyMethod, path: string, init?: I) => Promise<unknown>): Record<string, unknown> {
  // request() takes the method in any case, and one it has no name for as it is (`FOO`), as openapi-fetch's does.
  // async, so that no method at all (not a string, or empty) rejects with an InputError like any other refused call,
  // where openapi-fetch's would throw a TypeError from `method.toUpperCase`.
  const methods: Record<string, unknown> = {
    request: async (method: unknown, path: string, init?: I) =>
      call(requireString(method, "method", METHODS.join(", ")).toLowerCase() as AnyMethod, path, init),
  };
  for (const method of METHODS) {
    // Lowercased at each call, as request() does: a few nanoseconds, where a variable for each method cost bundle bytes.
    methods[method] = (path: string, init?: I) => call(method.toLowerCase() as AnyMethod, path, init);
  }
  return methods;
}
