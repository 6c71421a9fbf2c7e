// Compile-time tests of what raw calls resolve, checked by `pnpm typecheck`: the types say what the runtime gives.
import { expectTypeOf } from "vitest";
import { listAll, type ErrorBody, type OAuthError, type SurveyDynamixClient } from "../../src/index.js";

declare const sdx: SurveyDynamixClient;

// An error status whose body is not JSON (a proxy's 502 page, a maintenance page, an empty 404) comes as its text.
export async function errorBodiesMayBeText(): Promise<void> {
  const { error } = await sdx.GET("/surveys/{survey_id}", { params: { path: { survey_id: 52 } } });
  expectTypeOf(error).toEqualTypeOf<ErrorBody | string | undefined>();
  const token = await sdx.POST("/oauth/token", { body: { grant_type: "authorization_code", client_id: "3", client_secret: "s", redirect_uri: "https://app.test/cb", code: "c" } });
  expectTypeOf<string>().toExtend<NonNullable<typeof token.error>>();
  expectTypeOf<OAuthError>().toExtend<NonNullable<typeof token.error>>();
}

// listAll's options require what its check refuses a call without: one of the filters a list needs (REQUIRED_FILTERS).
export function listsNeedTheirFilters(): void {
  listAll(sdx, "/responses", { query: { survey_id: 52 } });
  listAll(sdx, "/responses", { query: { start_date: "2024-01-01", _limit: 100 } });
  listAll(sdx, "/interaction_data", { query: { interaction_id: 891234, custom_key: "plan" } });
  listAll(sdx, "/surveys/{survey_id}/responses", { path: { survey_id: 52 } });
  listAll(sdx, "/interactions");
  // @ts-expect-error /responses needs survey_id, question_id, interaction_id or start_date
  listAll(sdx, "/responses");
  // @ts-expect-error /responses needs survey_id, question_id, interaction_id or start_date
  listAll(sdx, "/responses", { query: { response_contains: "late" } });
  // @ts-expect-error /interaction_data needs survey_id or interaction_id
  listAll(sdx, "/interaction_data", { query: { custom_key: "plan" } });
  // @ts-expect-error an undefined filter is none
  listAll(sdx, "/interaction_data", { query: { survey_id: undefined } });
}

// The survey_type filter takes every medium an interaction can have (the spec's x-guess: the doc's filter table lists three).
export async function interactionsFilterByEveryMedium(): Promise<void> {
  for (const survey_type of ["inbound", "outbound", "sms", "web", "email"] as const) {
    await sdx.GET("/interactions", { params: { query: { survey_type } } });
    await sdx.GET("/surveys/{survey_id}/interactions", { params: { path: { survey_id: 52 }, query: { survey_type } } });
  }
  // @ts-expect-error not a medium
  await sdx.GET("/interactions", { params: { query: { survey_type: "fax" } } });
}
