// Compile-time tests of what raw calls resolve, checked by `pnpm typecheck`: the types say what the runtime gives.
import { expectTypeOf } from "vitest";
import type { ErrorBody, WootricCxiClient } from "../../src/index.js";

declare const cxi: WootricCxiClient;

// An error status whose body is not JSON (a proxy's 502 page, an empty 404) comes as its text, not as `{ message }`.
export async function errorBodiesMayBeText(): Promise<void> {
  const { error } = await cxi.GET("/v1/imports");
  expectTypeOf(error).toEqualTypeOf<ErrorBody | string | undefined>();
}
