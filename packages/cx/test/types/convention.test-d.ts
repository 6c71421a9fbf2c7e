// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): the helper convention (data out, errors thrown)
// and the option names of the one vocabulary, old names still accepted.
import { expectTypeOf } from "vitest";
import {
  authorizeUrl,
  buildAuthorizeUrl,
  createClient,
  downloadFile,
  exchangeAuthorizationCode,
  exchangeCode,
  readAuthorizationCallback,
  readCallback,
  uploadFile,
  type AccessToken,
  type AuthorizationCallback,
  type ClientOptions,
  type CxClient,
  type Download,
  type FileMetadata,
} from "../../src/index.js";

declare const cx: CxClient;

export function helpersReturnTheirData(): void {
  expectTypeOf(uploadFile(cx, "self:%2Fa", "text")).resolves.toEqualTypeOf<FileMetadata>();
  expectTypeOf(downloadFile(cx, "self:%2Fa")).resolves.toEqualTypeOf<Download>();
  expectTypeOf(exchangeAuthorizationCode).returns.resolves.toEqualTypeOf<AccessToken>();
  expectTypeOf(readAuthorizationCallback).returns.toEqualTypeOf<AuthorizationCallback>();
  expectTypeOf(buildAuthorizeUrl).returns.toEqualTypeOf<string>();
}

export function optionNames(): void {
  expectTypeOf<ClientOptions["baseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions["dataBaseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions>().toHaveProperty("timeoutMs");
  // The names before 0.2 still compile, as deprecated aliases.
  expectTypeOf(exchangeCode).toEqualTypeOf(exchangeAuthorizationCode);
  expectTypeOf(readCallback).toEqualTypeOf(readAuthorizationCallback);
  expectTypeOf(authorizeUrl).toEqualTypeOf(buildAuthorizeUrl);
  createClient({ auth: { type: "token", accessToken: "t" }, dataUrl: "https://data.test/1" });
  // @ts-expect-error CX takes only an access token
  createClient({ auth: { type: "basic", username: "u", password: "p" } });
}

// The state check is on unless turned off by name: a callback read without expectedState is a login CSRF hole.
export function stateIsRequired(): void {
  // @ts-expect-error the options, with expectedState, are required
  readAuthorizationCallback("/cb?auth_code=c");
  // @ts-expect-error expectedState is a required key
  readAuthorizationCallback("/cb?auth_code=c", {});
  // @ts-expect-error the deprecated alias requires it too
  readCallback("/cb?auth_code=c", {});
  readAuthorizationCallback("/cb?auth_code=c", { expectedState: null });
  // @ts-expect-error buildAuthorizeUrl needs a state
  buildAuthorizeUrl({ clientId: "app", redirectUri: "https://app.test/cb" });
}
