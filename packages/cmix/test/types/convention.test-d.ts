// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): the helper convention (data out, errors thrown)
// and the option names of the one vocabulary, old names still accepted.
import { expectTypeOf } from "vitest";
import {
  countResponses,
  createArchive,
  createClient,
  exportArchive,
  getArchive,
  pollArchive,
  type Archive,
  type ClientOptions,
  type CmixClient,
  type ResponseCounts,
} from "../../src/index.js";

declare const cmix: CmixClient;

export function helpersReturnTheirData(): void {
  expectTypeOf(countResponses(cmix, 1, [{ questionId: 2 }])).resolves.toEqualTypeOf<ResponseCounts>();
  expectTypeOf(createArchive).returns.resolves.toEqualTypeOf<Archive>();
  expectTypeOf(getArchive).returns.resolves.toEqualTypeOf<Archive>();
  expectTypeOf(pollArchive).returns.resolves.toEqualTypeOf<Archive & { archiveUrl: string }>();
  expectTypeOf(exportArchive).returns.resolves.toEqualTypeOf<string>();
}

export function optionNames(): void {
  expectTypeOf<ClientOptions["authBaseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions["surveyBaseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions["reportingBaseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions["fileProcessingBaseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions>().toHaveProperty("timeoutMs");
  createClient({ environment: "sandbox", auth: { type: "token", accessToken: "t" }, baseUrls: { survey: "https://mock.test" } });
}
