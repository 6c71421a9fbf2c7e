// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): listAll refuses a per_page literal outside 1-50,
// which its check refuses at run time whatever else is passed (the vendor serves at most 50 a page). A number the
// compiler cannot know, or a union with one value in range, is left to that check.
import { expectTypeOf } from "vitest";
import { listAll, type Tag, type WootricCxiClient } from "../../src/index.js";

declare const cxi: WootricCxiClient;
declare const size: number;
declare const either: 10 | 100;

export function aPageSizeInRangeAndWhatCannotBeKnownCompile(): void {
  expectTypeOf(listAll(cxi, "/v1/tags", { query: { per_page: 50 } })).toEqualTypeOf<AsyncIterableIterator<Tag>>();
  listAll(cxi, "/v1/tags", { query: { per_page: 1, search: "shipping" } });
  listAll(cxi, "/v1/responses", { query: { per_page: size, sort_order: "asc" } });
  listAll(cxi, "/v1/imports", { query: { per_page: either } });
  listAll(cxi, "/v1/imports", { query: {} });
  listAll(cxi, "/v1/imports");
}

export function aPageSizeOutOfRangeIsRefused(): void {
  // @ts-expect-error: beyond the vendor's 50 (listAll throws an InputError on query.per_page)
  listAll(cxi, "/v1/tags", { query: { per_page: 100 } });
  // @ts-expect-error: nor is 0 a page size
  listAll(cxi, "/v1/responses", { query: { per_page: 0 } });
  // @ts-expect-error: nor a fraction
  listAll(cxi, "/v1/imports", { query: { per_page: 2.5 } });
  // @ts-expect-error: the other query names are still checked beside it
  listAll(cxi, "/v1/tags", { query: { per_page: 10, perPage: 10 } });
}
