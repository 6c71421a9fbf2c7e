// Compile-time tests of what raw calls resolve, checked by `pnpm typecheck`: the types say what the runtime gives.
import { expectTypeOf } from "vitest";
import { createWootricTokenSource, type ErrorBody, type WootricCxiClient } from "../../src/index.js";

declare const cxi: WootricCxiClient;

// An error status whose body is not JSON (a proxy's 502 page, an empty 404) comes as its text, not as `{ message }`.
export async function errorBodiesMayBeText(): Promise<void> {
  const { error } = await cxi.GET("/v1/imports");
  expectTypeOf(error).toEqualTypeOf<ErrorBody | string | undefined>();
}

// A token source takes the credentials it can fetch tokens with, as its check does: a token only with its refresh token.
export function tokenSourcesRefresh(): void {
  createWootricTokenSource({ auth: { type: "token", accessToken: "a", refreshToken: "r", onRefreshToken: () => {} } });
  createWootricTokenSource({ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
  // @ts-expect-error a token without refreshToken is never refreshed: pass it to each client
  createWootricTokenSource({ auth: { type: "token", accessToken: "a" } });
  // @ts-expect-error a token source is made of credentials that fetch tokens
  createWootricTokenSource({ auth: { type: "tokenSource", tokens: createWootricTokenSource({ auth: { type: "token", accessToken: "a", refreshToken: "r" } }) } });
}
