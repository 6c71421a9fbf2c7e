// Compile-time tests of what raw calls resolve, checked by `pnpm typecheck`: the types say what the runtime gives.
import { expectTypeOf } from "vitest";
import type { components, CxClient } from "../../src/index.js";

declare const cx: CxClient;

// An error status whose body is not JSON (a proxy's 502 page, an empty 404) comes as its text, not as `{ errorType, message }`.
export async function errorBodiesMayBeText(): Promise<void> {
  const { error } = await cx.GET("/users/self");
  expectTypeOf(error).toEqualTypeOf<components["schemas"]["Error"] | string | undefined>();
}
