// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): listAll refuses a per_page literal outside 1-50,
// which its check refuses at run time whatever else is passed (Wootric serves at most 50 a page). A number the
// compiler cannot know, or a union with one value in range, is left to that check.
import { expectTypeOf } from "vitest";
import { listAll, type EndUser, type ListAllOptions, type WootricClient } from "../../src/index.js";

declare const wootric: WootricClient;
declare const size: number;
declare const either: 10 | 100;

export function aPageSizeInRangeAndWhatCannotBeKnownCompile(): void {
  expectTypeOf(listAll(wootric, "/v1/end_users", { query: { per_page: 50 } })).toEqualTypeOf<AsyncIterableIterator<EndUser>>();
  listAll(wootric, "/v1/responses", { query: { per_page: 1, created: { gt: 1480000000 } } });
  listAll(wootric, "/v1/end_users/{end_user_id}/responses", { path: { end_user_id: 2 }, query: { per_page: size } });
  listAll(wootric, "/v1/declines", { query: { per_page: either } });
  listAll(wootric, "/v1/declines");
  // The options type, written out, takes any number as before.
  const options: ListAllOptions<"/v1/responses"> = { query: { per_page: size } };
  listAll(wootric, "/v1/responses", options);
}

export function aPageSizeOutOfRangeIsRefused(): void {
  // @ts-expect-error: beyond the vendor's 50 (listAll throws an InputError on query.per_page)
  listAll(wootric, "/v1/end_users", { query: { per_page: 100 } });
  // @ts-expect-error: nor is 0 a page size
  listAll(wootric, "/v1/end_users/{end_user_id}/declines", { path: { end_user_id: 2 }, query: { per_page: 0 } });
  // @ts-expect-error: nor a fraction
  listAll(wootric, "/v1/responses", { query: { per_page: 12.5 } });
}
