// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): listAll refuses a _limit literal outside 1-1000,
// which its check refuses at run time whatever else is passed (the vendor's maximum page). A number the compiler
// cannot know, or a union with one value in range, is left to that check.
import { expectTypeOf } from "vitest";
import { listAll, type ListAllOptions, type Survey, type SurveyDynamixClient } from "../../src/index.js";

declare const sdx: SurveyDynamixClient;
declare const size: number;
declare const either: 100 | 5000;

export function aPageSizeInRangeAndWhatCannotBeKnownCompile(): void {
  // The options type, written out, takes any number as before.
  const options: ListAllOptions<"/surveys"> = { query: { _limit: size } };
  expectTypeOf(listAll(sdx, "/surveys", options)).toEqualTypeOf<AsyncIterableIterator<Survey>>();
  expectTypeOf(listAll(sdx, "/surveys", { query: { _limit: 1000 } })).toEqualTypeOf<AsyncIterableIterator<Survey>>();
  void [listAll(sdx, "/interactions", { query: { _limit: size } }), listAll(sdx, "/interactions", { query: { _limit: either } })];
  listAll(sdx, "/responses", { query: { start_date: "2024-01-01", _limit: 1 } });
  listAll(sdx, "/surveys/{survey_id}/responses", { path: { survey_id: 52 }, query: { _limit: 250, _order: "DESC" } });
}

export function aPageSizeOutOfRangeIsRefused(): void {
  // @ts-expect-error: the list's filter is still needed beside it
  listAll(sdx, "/responses", { query: { _limit: 10 } });
  // @ts-expect-error: beyond the vendor's 1000 (listAll throws an InputError on params.query._limit)
  listAll(sdx, "/interactions", { query: { _limit: 5000 } });
  // @ts-expect-error: nor is 0 a page size
  listAll(sdx, "/users", { query: { _limit: 0 } });
  // @ts-expect-error: nor a fraction, where a list needs its filter too
  listAll(sdx, "/responses", { query: { survey_id: 52, _limit: 10.5 } });
}
