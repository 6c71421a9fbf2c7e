// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): the helpers return data, the lookups take strings,
// and listAll knows which lists need an end user's ID.
import { expectTypeOf } from "vitest";
import { getEndUserByEmail, getEndUserByExternalId, listAll, type components, type WootricClient } from "../../src/index.js";

type Schemas = components["schemas"];
declare const wootric: WootricClient;

export async function helpersReturnTheirData(): Promise<void> {
  expectTypeOf(getEndUserByEmail(wootric, "nps2@example.com")).resolves.toEqualTypeOf<Schemas["EndUser"]>();
  expectTypeOf(getEndUserByExternalId(wootric, "e9a12f9aa245cfd5")).resolves.toEqualTypeOf<Schemas["EndUser"]>();
  expectTypeOf(listAll(wootric, "/v1/end_users")).toEqualTypeOf<AsyncIterableIterator<Schemas["EndUser"]>>();
  expectTypeOf(listAll(wootric, "/v1/declines")).toEqualTypeOf<AsyncIterableIterator<Schemas["Decline"]>>();
  expectTypeOf(listAll(wootric, "/v1/end_users/{end_user_id}/responses", { path: { end_user_id: 2 } })).toEqualTypeOf<AsyncIterableIterator<Schemas["Response"]>>();
  // Raw calls keep openapi-fetch's result.
  const raw = await wootric.GET("/v1/end_users");
  expectTypeOf(raw.response).toEqualTypeOf<Response>();
  expectTypeOf(raw.data).toEqualTypeOf<Schemas["EndUser"][] | undefined>();
}

export function refusedAtCompileTime(): void {
  // @ts-expect-error: a per-user list needs the end user's ID
  listAll(wootric, "/v1/end_users/{end_user_id}/declines");
  // @ts-expect-error: /v1/segments is not a paged list
  listAll(wootric, "/v1/segments");
  // @ts-expect-error: page is listAll's to set
  listAll(wootric, "/v1/end_users", { query: { page: 2 } });
  // @ts-expect-error: an e-mail is a string
  void getEndUserByEmail(wootric, 42);
}
