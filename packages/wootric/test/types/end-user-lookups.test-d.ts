// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): getEndUserByEmail refuses a literal that is no
// e-mail address (an external ID given to the wrong lookup), which its check refuses at run time whatever else is
// passed. A value the compiler cannot know (a `string`, a template, a union with one address) is left to that check.
import { expectTypeOf } from "vitest";
import { getEndUserByEmail, getEndUserByExternalId, type EndUser, type WootricClient } from "../../src/index.js";

declare const wootric: WootricClient;
declare const text: string;
declare const either: "nps2@example.com" | "42-JOHN-USA";

export function addressesAndWhatCannotBeKnownCompile(): void {
  expectTypeOf(getEndUserByEmail(wootric, "nps2@example.com")).resolves.toEqualTypeOf<EndUser>();
  void getEndUserByEmail(wootric, text);
  void getEndUserByEmail(wootric, `${text}@example.com`);
  void getEndUserByEmail(wootric, either);
  // An external ID may hold an @: it is the vendor's to read.
  void getEndUserByExternalId(wootric, "nps2@example.com");
  void getEndUserByExternalId(wootric, "42-JOHN-USA");
}

export function aLiteralThatIsNoAddressIsRefused(): void {
  // @ts-expect-error: an external ID given to the e-mail lookup (getEndUserByEmail throws an InputError: no @)
  void getEndUserByEmail(wootric, "42-JOHN-USA");
  // @ts-expect-error: nor is the empty string an address
  void getEndUserByEmail(wootric, "");
}
