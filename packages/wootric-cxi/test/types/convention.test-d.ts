// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): the helper convention (data out, errors thrown)
// and the option names of the one vocabulary.
import { expectTypeOf } from "vitest";
import {
  createClient,
  importCsv,
  listAll,
  type ClientOptions,
  type ImportDetail,
  type Response as DeprecatedResponse,
  type SurveyResponse,
  type Tag,
  type WootricCxiClient,
} from "../../src/index.js";

declare const cxi: WootricCxiClient;

export async function helpersReturnTheirData(): Promise<void> {
  expectTypeOf(importCsv(cxi, "feedback_date\n1\n")).resolves.toEqualTypeOf<ImportDetail>();
  expectTypeOf(listAll(cxi, "/v1/tags")).toEqualTypeOf<AsyncIterableIterator<Tag>>();
  expectTypeOf(listAll(cxi, "/v1/responses")).toEqualTypeOf<AsyncIterableIterator<SurveyResponse>>();
  // Raw calls keep openapi-fetch's result.
  const raw = await cxi.GET("/v1/tags");
  expectTypeOf(raw.response).toEqualTypeOf<Response>();
  expectTypeOf(raw.data).toEqualTypeOf<Tag[] | undefined>();
}

export function optionNames(): void {
  expectTypeOf<ClientOptions["baseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions["tokenUrl"]>().toEqualTypeOf<string | undefined>();
  // Every runtime option reaches createClient.
  expectTypeOf<ClientOptions>().toHaveProperty("timeoutMs");
  expectTypeOf<ClientOptions>().toHaveProperty("maxResponseBytes");
  expectTypeOf<ClientOptions>().toHaveProperty("logger");
  expectTypeOf<DeprecatedResponse>().toEqualTypeOf<SurveyResponse>();
  createClient({ auth: { type: "token", accessToken: "t" }, baseUrl: "https://cxi.test", tokenUrl: "https://auth.test/oauth/token" });
  // @ts-expect-error hosts are ...BaseUrl or baseUrl, never ...Url
  createClient({ auth: { type: "token", accessToken: "t" }, cxiUrl: "https://cxi.test" });
}
