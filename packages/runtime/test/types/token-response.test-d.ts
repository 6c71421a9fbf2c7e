// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): TokenResponse admits what exchangeAuthorizationCode
// resolves, which checks access_token alone: a server may send null in an optional field (refresh_token, expires_in,
// scope, token_type), and the caller must check for it before use.
import { expectTypeOf } from "vitest";
import { exchangeAuthorizationCode, type TokenResponse } from "../../src/index.js";

export function optionalFieldsMayBeNull(): void {
  expectTypeOf<TokenResponse["refresh_token"]>().toEqualTypeOf<string | null | undefined>();
  expectTypeOf<TokenResponse["expires_in"]>().toEqualTypeOf<number | string | null | undefined>();
  expectTypeOf<TokenResponse["scope"]>().toEqualTypeOf<string | null | undefined>();
  expectTypeOf<TokenResponse["token_type"]>().toEqualTypeOf<string | null | undefined>();
  const answer: TokenResponse = { access_token: "at", token_type: null, expires_in: null, refresh_token: null, scope: null };
  void answer;
  expectTypeOf(exchangeAuthorizationCode).returns.resolves.toEqualTypeOf<TokenResponse>();
  // @ts-expect-error: access_token is the one field checked: always a non-empty string
  const none: TokenResponse = { access_token: null };
  void none;
}
