// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): an http redirectUri literal, which
// buildAuthorizeUrl and exchangeAuthorizationCode refuse at run time whatever else is passed, is refused by the
// compiler too. A value the compiler cannot know (a `string`, a template, a wrapper's own type parameter) is left to
// the run-time check: it may hold a good one. filePath takes any string: a literal check there broke a generic
// wrapper (`<P extends string>(p: P) => filePath("self", p)`), which TypeScript cannot hold to a conditional type.
import { authorizeUrl, buildAuthorizeUrl, exchangeAuthorizationCode, exchangeCode, filePath } from "../../src/index.js";

declare const text: string;
declare const secret: string;

export function aRelativePathLiteralStillCompiles(): void {
  // Refused at run time only (an InputError: the path must start with "/"), see the comment above.
  void (() => filePath("self", "photos/2353.jpg"));
}

export function genericWrappersCompile<P extends string, R extends string>(path: P, redirectUri: R): void {
  void filePath("self", path);
  buildAuthorizeUrl({ clientId: "app", redirectUri, state: "statestatestate" });
  void exchangeAuthorizationCode({ clientId: "app", clientSecret: "s", code: "c", redirectUri });
}

export function httpsRedirectUrisAndWhatCannotBeKnownCompile(): void {
  buildAuthorizeUrl({ clientId: "app", redirectUri: "https://app.example.com/cx/callback", state: text });
  // The scheme is read in any case, as the URL parser reads it.
  buildAuthorizeUrl({ clientId: "app", redirectUri: "HTTPS://app.example.com/cx/callback", state: text });
  buildAuthorizeUrl({ clientId: "app", redirectUri: text, state: text });
  void exchangeAuthorizationCode({ clientId: "app", clientSecret: secret, code: text, redirectUri: "https://app.example.com/cx/callback" });
  void exchangeAuthorizationCode({ clientId: "app", clientSecret: secret, code: text, redirectUri: text, timeoutMs: 5000 });
  // The deprecated names are the same functions.
  authorizeUrl({ clientId: "app", redirectUri: "https://app.example.com/cx/callback", state: text });
  void exchangeCode({ clientId: "app", clientSecret: secret, code: text, redirectUri: text });
}

export function anHttpRedirectUriIsRefused(): void {
  // @ts-expect-error: CX refuses http, even on localhost (buildAuthorizeUrl throws an InputError)
  buildAuthorizeUrl({ clientId: "app", redirectUri: "http://localhost:3000/cx/callback", state: text });
  // @ts-expect-error: in any case
  buildAuthorizeUrl({ clientId: "app", redirectUri: "HTTP://app.example.com/cx/callback", state: text });
  // @ts-expect-error: the exchange refuses it before the code is sent
  void exchangeAuthorizationCode({ clientId: "app", clientSecret: secret, code: text, redirectUri: "http://localhost:3000/cx/callback" });
  // @ts-expect-error: so does the deprecated name
  authorizeUrl({ clientId: "app", redirectUri: "http://localhost:3000/cx/callback", state: text });
  // An unknown option is still named: the check of the literal keeps the options' own type.
  // @ts-expect-error: redirectUrl is no option (redirectUri is)
  buildAuthorizeUrl({ clientId: "app", redirectUrl: "https://app.example.com/cx/callback", state: text });
}
