// Compile-time tests of what raw calls resolve, checked by `pnpm typecheck`: the types say what the runtime gives.
import { expectTypeOf } from "vitest";
import type { CmixClient, ErrorBody } from "../../src/index.js";

declare const cmix: CmixClient;

// An error status whose body is not JSON (a proxy's 502 page, an empty 404) comes as its text, not as `{ error }`.
export async function errorBodiesMayBeText(): Promise<void> {
  const { error } = await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 1 } } });
  expectTypeOf(error).toEqualTypeOf<ErrorBody | string | undefined>();
}
