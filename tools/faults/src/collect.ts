/**
 * Every item an async iterable yields, in order: what a test of a paging helper compares.
 *
 * @example
 * expect(await collect(listAll(client, "/v1/end_users"))).toHaveLength(107);
 */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
