import { expect } from "vitest";

/** An operation as codegen's `collectOperations` reads it: its query parameter names among its metadata. */
export interface OperationWithQuery {
  path: string;
  method: string;
  meta: { query?: string[] };
}

/**
 * Sends every GET of `operations` that has query parameters through `get`, with each of them given (`value(name)`,
 * `"1"` by default) and 52 for each path parameter, and expects it sent with exactly those names (`lastUrl` reads the
 * URL of the request last sent): a vendor client that checks query names must refuse none of the spec's own. Returns
 * how many GETs were sent, for the caller to bound.
 *
 * @example
 * const gets = await sendEveryQueryName(collectOperations(loadSpecDocument(specPath)), get, () => observed.requests.at(-1)?.url);
 * expect(gets).toBeGreaterThanOrEqual(3);
 */
export async function sendEveryQueryName(
  operations: readonly OperationWithQuery[],
  get: (path: string, init: unknown) => Promise<{ error?: unknown }>,
  lastUrl: () => string | undefined,
  value: (name: string) => unknown = () => "1",
): Promise<number> {
  let sent = 0;
  for (const { path, method, meta } of operations) {
    if (method != "get" || !meta.query) continue;
    const pathParams = Object.fromEntries([...path.matchAll(/\{([^{}]+)\}/g)].map(([, name]) => [name!, 52]));
    // A deepObject parameter is listed with its keys (`created[gt]`), each sent as a name of its own, or as `created[`
    // (any key), sent once by its name.
    const names = meta.query.filter((name) => !name.endsWith("["));
    const { error } = await get(path, { params: { path: pathParams, query: Object.fromEntries(names.map((name) => [name, value(name)])) } });
    expect(error, `GET ${path}`).toBeUndefined();
    expect([...new URL(lastUrl()!).searchParams.keys()].sort(), `GET ${path}`).toEqual(names.sort());
    sent++;
  }
  return sent;
}
