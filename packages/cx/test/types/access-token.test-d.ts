// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): AccessToken admits what exchangeAuthorizationCode
// resolves, which checks access_token alone: the optional fields come as the server sent them, null included.
import { expectTypeOf } from "vitest";
import { exchangeAuthorizationCode, type AccessToken } from "../../src/index.js";

export function optionalFieldsMayBeNull(): void {
  expectTypeOf<AccessToken["token_type"]>().toEqualTypeOf<string | null | undefined>();
  expectTypeOf<AccessToken["return_type"]>().toEqualTypeOf<string | null | undefined>();
  expectTypeOf<AccessToken["mapi"]>().toEqualTypeOf<string | null | undefined>();
  const answer: AccessToken = { access_token: "at", token_type: null, return_type: null, mapi: null };
  void answer;
  expectTypeOf(exchangeAuthorizationCode).returns.resolves.toEqualTypeOf<AccessToken>();
  // @ts-expect-error: access_token is the one field checked: always a non-empty string
  const none: AccessToken = { access_token: null };
  void none;
}
