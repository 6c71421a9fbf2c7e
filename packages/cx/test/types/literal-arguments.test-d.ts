// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): a literal that filePath, buildAuthorizeUrl or
// exchangeAuthorizationCode would refuse at run time, whatever else is passed, is refused by the compiler too. A
// value the compiler cannot know (a `string`, a template such as `/photos/${name}`, a union with one value that
// passes) is left to the run-time check: it may hold a good one.
import { authorizeUrl, buildAuthorizeUrl, exchangeAuthorizationCode, exchangeCode, filePath } from "../../src/index.js";

declare const text: string;
declare const name: string;
declare const either: "/photos" | "photos";
declare const secret: string;

export function absolutePathsAndWhatCannotBeKnownCompile(): void {
  filePath("self", "/photos/2353.jpg");
  filePath("self", `/photos/${name}`);
  filePath("self", text);
  filePath("self", either);
  filePath("0123456789abcdefghijkl", "/AC／DC.mp3");
}

export function aLiteralPathThatIsNotAbsoluteIsRefused(): void {
  // @ts-expect-error: a relative path (filePath throws an InputError: the path must start with "/")
  filePath("self", "photos/2353.jpg");
  // @ts-expect-error: the arguments swapped, the owner where the path belongs
  filePath("/photos/2353.jpg", "self");
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
