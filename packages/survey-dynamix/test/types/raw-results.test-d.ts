// Compile-time tests of what raw calls resolve, checked by `pnpm typecheck`: the types say what the runtime gives.
import { expectTypeOf } from "vitest";
import type { ErrorBody, OAuthError, SurveyDynamixClient } from "../../src/index.js";

declare const sdx: SurveyDynamixClient;

// An error status whose body is not JSON (a proxy's 502 page, a maintenance page, an empty 404) comes as its text.
export async function errorBodiesMayBeText(): Promise<void> {
  const { error } = await sdx.GET("/surveys/{survey_id}", { params: { path: { survey_id: 52 } } });
  expectTypeOf(error).toEqualTypeOf<ErrorBody | string | undefined>();
  const token = await sdx.POST("/oauth/token", { body: { grant_type: "authorization_code", client_id: "3", client_secret: "s", redirect_uri: "https://app.test/cb", code: "c" } });
  expectTypeOf<string>().toExtend<NonNullable<typeof token.error>>();
  expectTypeOf<OAuthError>().toExtend<NonNullable<typeof token.error>>();
}
