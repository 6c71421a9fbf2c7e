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
  type ArchiveAbortError,
  type ArchiveFailedError,
  type ArchiveTimeoutError,
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

export function archiveErrorsResume(abort: ArchiveAbortError, failed: ArchiveFailedError, timeout: ArchiveTimeoutError): void {
  // An abort or a maxWaitMs that ran out while the Default layout was looked up, or an archive created failed, knows no
  // layout yet (the timeout was typed number, and was undefined then).
  expectTypeOf(abort.dataLayoutId).toEqualTypeOf<number | undefined>();
  expectTypeOf(failed.dataLayoutId).toEqualTypeOf<number | undefined>();
  expectTypeOf(timeout.dataLayoutId).toEqualTypeOf<number | undefined>();
  // pollArchive takes each as it is, and looks the layout up when it is missing.
  void pollArchive(cmix, abort);
  void pollArchive(cmix, timeout);
}
