// Compile-time tests of what raw calls resolve, checked by `pnpm typecheck`: the types say what the runtime gives.
import { expectTypeOf } from "vitest";
import type { components, WootricClient } from "../../src/index.js";

declare const wootric: WootricClient;

// An error status whose body is not JSON (a proxy's 502 page, an empty 404) comes as its text, not as the vendor's object.
export async function errorBodiesMayBeText(): Promise<void> {
  const { error } = await wootric.GET("/v1/end_users/{id}", { params: { path: { id: "1" } } });
  expectTypeOf<string>().toExtend<NonNullable<typeof error>>();
  expectTypeOf<components["schemas"]["Error"]>().toExtend<NonNullable<typeof error>>();
}
