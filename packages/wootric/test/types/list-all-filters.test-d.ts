// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): listAll's query takes a time filter in both the
// forms its check reads, `created: { gt }` and the wire's `"created[gt]"`, under eq, lt, lte, gt or gte, on the lists
// whose query has that filter; any other bound name is refused, as the check refuses it.
import { expectTypeOf } from "vitest";
import { listAll, type ListAllOptions, type WootricClient } from "../../src/index.js";

declare const wootric: WootricClient;

export function bracketKeysAsTheWireWritesThem(): void {
  listAll(wootric, "/v1/end_users", { query: { "created[gt]": 1480000000, "created[lt]": 1490000000, "updated[gte]": 1480000000, "updated[eq]": 1 } });
  listAll(wootric, "/v1/responses", { query: { "created[lte]": 1490000000, sort_order: "desc" } });
  listAll(wootric, "/v1/end_users/{end_user_id}/declines", { path: { end_user_id: 2 }, query: { "created[gte]": 1480000000 } });
  listAll(wootric, "/v1/end_users", { query: { created: { gt: 1480000000 }, "created[lt]": 1490000000 } });
  expectTypeOf<ListAllOptions<"/v1/end_users">["query"]>().exclude<undefined>().toHaveProperty("created[gt]").toEqualTypeOf<number | undefined>();
}

export function otherBoundsRefused(): void {
  // @ts-expect-error: Wootric reads eq, lt, lte, gt and gte alone (the check refuses created[after])
  listAll(wootric, "/v1/end_users", { query: { "created[after]": 1480000000 } });
  // @ts-expect-error: a bound is Unix seconds, a number
  listAll(wootric, "/v1/end_users", { query: { "created[gt]": new Date() } });
  // @ts-expect-error: responses have no updated filter in the spec
  listAll(wootric, "/v1/responses", { query: { "updated[gt]": 1480000000 } });
  // @ts-expect-error: created_at is no filter
  listAll(wootric, "/v1/end_users", { query: { "created_at[gt]": 1480000000 } });
}
