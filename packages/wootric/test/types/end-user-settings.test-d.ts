// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): an end user's settings record reads its force
// flags as null until they are set (the docs' end-user examples embed the same record with both null), so the
// type makes a caller handle null before treating the flag as a boolean.
import { expectTypeOf } from "vitest";
import type { EndUserSettings } from "../../src/index.js";

export function forceFlagsMayBeNull(): void {
  expectTypeOf<NonNullable<EndUserSettings["force_web_survey"]>>().toEqualTypeOf<boolean>();
  expectTypeOf<null>().toMatchTypeOf<EndUserSettings["force_web_survey"]>();
  expectTypeOf<null>().toMatchTypeOf<EndUserSettings["force_mobile_survey"]>();
  const unset: EndUserSettings = { id: 1, end_user_id: 2, email_nps: true, force_web_survey: null, force_mobile_survey: null };
  void unset;
}
