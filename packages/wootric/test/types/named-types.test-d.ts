// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): the package names its models as the other vendor
// packages do, so a caller need not spell components["schemas"][...], and none of them shadows a global.
import { expectTypeOf } from "vitest";
import { getEndUserByEmail, listAll, type WootricClient } from "../../src/index.js";
import type * as Wootric from "../../src/index.js";

declare const wootric: WootricClient;

export async function helpersReturnNamedModels(): Promise<void> {
  expectTypeOf(getEndUserByEmail(wootric, "nps2@example.com")).resolves.toEqualTypeOf<Wootric.EndUser>();
  expectTypeOf(listAll(wootric, "/v1/responses")).toEqualTypeOf<AsyncIterableIterator<Wootric.SurveyResponse>>();
  expectTypeOf(listAll(wootric, "/v1/declines")).toEqualTypeOf<AsyncIterableIterator<Wootric.Decline>>();
}

export async function rawCallsUseTheSameModels(): Promise<void> {
  const { data: summary } = await wootric.GET("/v1/nps_summary");
  expectTypeOf(summary).toEqualTypeOf<Wootric.NpsSummary | undefined>();
  const { data: views } = await wootric.GET("/v1/end_users/{end_user_id}/page_views", { params: { path: { end_user_id: 2 } } });
  expectTypeOf(views).toEqualTypeOf<Wootric.PageView[] | undefined>();
  expectTypeOf<Wootric.EndUserCreate>().toHaveProperty("email");
  expectTypeOf<Wootric.ErrorBody>().not.toBeAny();
}

// @ts-expect-error: no export is named Response, which would shadow the global of fetch
export type NoResponse = Wootric.Response;
