import { checkOptionNames, checkRefreshTokenStore, tokenSourceForCheckedGrant, fieldError, isHeaderSafeToken, requireString, UNSENDABLE, type AuthContext, type AuthSchemes, type OAuth2Grant, type TokenSource } from "@apis/runtime";

/**
 * How a Wootric client authenticates, the same for the main API (`@apis/wootric`) and CXI: every grant goes to the
 * token endpoint both share (`POST https://api.wootric.com/oauth/token`).
 */
export type WootricAuth =
  /** Account email and password; `accountToken` (NPS-XXXX) picks one account when the user has several. */
  | { type: "password"; username: string; password: string; accountToken?: string | undefined }
  /** An OAuth application's credentials. Wootric issues no refresh token for this grant: the client asks again. */
  | { type: "clientCredentials"; clientId: string; clientSecret: string }
  /**
   * A token you already hold. With `refreshToken`, the client refreshes it on expiry or on a 401; Wootric then issues a
   * new refresh token, which `onRefreshToken` is given to store in place of the one passed (that one may be spent); an async one is waited for
   * (bound it yourself: `timeoutMs` does not, and one that never settles holds every later call).
   */
  | { type: "token"; accessToken: string; refreshToken?: string | undefined; onRefreshToken?: ((refreshToken: string) => unknown) | undefined }
  /**
   * Tokens from a source another client shares, e.g. one {@link createWootricTokenSource} for an `@apis/wootric` and
   * an `@apis/wootric-cxi` client of the same account: one token request serves both, and a 401 on either refreshes it once.
   */
  | { type: "tokenSource"; tokens: TokenSource };

/** Builds a Wootric credential from its auth option: one builder per `type`. */
export type WootricGrants = Required<AuthSchemes<WootricAuth, "baseUrl">[string]>;

/** `auth[key]`, a non-empty string; `hint` says what belongs there (the value is never quoted). */
function need<A>(auth: A, key: keyof A & string, hint: string): string {
  return requireString(auth[key], `auth.${key}`, hint);
}

/** The credential of a grant that fetches its tokens from the shared token endpoint. */
function oauth2(context: AuthContext, grant: OAuth2Grant, initial?: Extract<WootricAuth, { type: "token" }>) {
  // An undefined initial or query reads as one left out: the token source reads both with ?. and ??.
  return { type: "oauth2", tokens: tokenSourceForCheckedGrant({ tokenUrl: context.tokenUrl!, grant, ...context.token, initial }) } as const;
}

/**
 * The builders of every {@link WootricAuth}, shared by `@apis/wootric` and `@apis/wootric-cxi` (each keys them by its
 * own spec's security scheme names). Each checks its option, naming the field at fault and never quoting a credential.
 */
export const WOOTRIC_GRANTS: WootricGrants = {
  password: (auth, context) => {
    // A misspelt accountToken (account_token, as on the wire) was ignored without a word, and the token was then for the
    // user's default account.
    checkOptionNames(auth, ["type", "username", "password", "accountToken"], "auth");
    const username = need(auth, "username", "the Wootric account email");
    const password = need(auth, "password", "the Wootric account password");
    const query = auth.accountToken === undefined ? undefined : { account_token: need(auth, "accountToken", "an account token such as NPS-XXXX") };
    return oauth2(context, { type: "password", username, password, query });
  },
  clientCredentials: (auth, context) => {
    // An accountToken (which only the password grant takes) was dropped without a word, and the token was then for the
    // client's default account.
    checkOptionNames(auth, ["type", "clientId", "clientSecret"], "auth");
    const clientId = need(auth, "clientId", "the OAuth client id");
    const clientSecret = need(auth, "clientSecret", "the OAuth client secret");
    return oauth2(context, { type: "client_credentials", clientId, clientSecret });
  },
  token: (auth, context) => {
    // The whole auth is the token source's initial: a misspelt onRefreshToken would lose each rotated refresh token
    // without a word, and an expiresAt in seconds (a stored token's) fail as initial.expiresAt.
    checkOptionNames(auth, ["type", "accessToken", "refreshToken", "onRefreshToken"], "auth");
    const accessToken = need(auth, "accessToken", "an access token from POST /oauth/token");
    // The bearer authorizer refuses a token no header can carry, on auth.accessToken. An onRefreshToken (checked first:
    // a string there is not quoted) without a refresh token (one a store lost) would never be called, nor the token refreshed.
    checkRefreshTokenStore(auth.onRefreshToken, "auth.onRefreshToken");
    if (auth.refreshToken === undefined) {
      if (auth.onRefreshToken) throw fieldError("auth.refreshToken", "is missing: onRefreshToken would never be called");
      return { type: "bearer", token: accessToken };
    }
    // Checked here, where the token source would name it initial.accessToken.
    if (!isHeaderSafeToken(accessToken)) throw fieldError("auth.accessToken", UNSENDABLE);
    const refreshToken = need(auth, "refreshToken", "the refresh token issued with accessToken");
    // Checked above; the token source reads the tokens, and onRefreshToken, from the option itself.
    return oauth2(context, { type: "refresh_token", refreshToken }, auth);
  },
  tokenSource: (auth) => {
    // An onRefreshToken here was ignored (the shared source stores what its own auth says): each rotated refresh token lost.
    checkOptionNames(auth, ["type", "tokens"], "auth");
    const source = auth.tokens as Partial<TokenSource> | undefined;
    if (typeof source?.getToken !== "function" || typeof source.invalidate !== "function") {
      throw fieldError("auth.tokens", "must have getToken() and invalidate(), e.g. createWootricTokenSource({ auth })");
    }
    return { type: "oauth2", tokens: source as TokenSource };
  },
};

/** CXI's credentials: every one is for the spec's `oauth2` scheme. Checked at `createClient`, so a typo fails there. */
export const AUTH_SCHEMES: AuthSchemes<WootricAuth, "baseUrl"> = { oauth2: WOOTRIC_GRANTS };
