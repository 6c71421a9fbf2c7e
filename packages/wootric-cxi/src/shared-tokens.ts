import { WOOTRIC_ACCOUNT } from "./account.js";
import { BASE_TRANSPORT_OPTIONS, checkOptionNames, fieldError, InputError, shown, tokenRequestOptions, type Auth, type AuthContext, type TokenRequestOptions, type TokenSource } from "@apis/runtime";
import { WOOTRIC_GRANTS, type WootricAuth } from "./auth.js";
import { resolveTokenUrl } from "./token-url.js";

/** Options of {@link createWootricTokenSource}: the credentials, the token endpoint, and what its requests take. */
export interface WootricTokenSourceOptions extends TokenRequestOptions {
  /** Credentials that fetch tokens: `password`, `clientCredentials`, or a `token` with its `refreshToken`. */
  auth: Exclude<WootricAuth, { type: "tokenSource" | "token" }> | (Extract<WootricAuth, { type: "token" }> & { refreshToken: string });
  /**
   * Full URL of the token endpoint. Default `https://api.wootric.com/oauth/token`. A URL with no path (the host alone,
   * as `tokenUrl` was before 0.2) is read as that host's `/oauth/token`, with one deprecation line through the logger.
   */
  tokenUrl?: string | undefined;
}

type Build = (auth: unknown, context: AuthContext<"baseUrl">) => Auth;

const GRANT_TYPES = '"password", "clientCredentials" or "token" with its refreshToken';

/**
 * One token source for every client of a Wootric account: pass it as `auth: { type: "tokenSource", tokens }` to
 * `@apis/wootric`'s and `@apis/wootric-cxi`'s `createClient`, and both use one token, fetched once (concurrent first
 * calls share one request), refreshed before it expires, and fetched again once when either API answers 401.
 * `fetch`, `timeoutMs`, `maxRetries`, `retryDelay`, `maxResponseBytes` and `logger` apply to its token requests.
 *
 * @example
 * const tokens = createWootricTokenSource({ auth: { type: "clientCredentials", clientId, clientSecret } });
 * const wootric = createClient({ auth: { type: "tokenSource", tokens } });      // @apis/wootric
 * const cxi = createCxiClient({ auth: { type: "tokenSource", tokens } });       // @apis/wootric-cxi
 */
export function createWootricTokenSource(options: WootricTokenSourceOptions): TokenSource {
  if (typeof options !== "object" || options === null) {
    throw new InputError("options", `createWootricTokenSource needs options, at least { auth: ${WOOTRIC_ACCOUNT.authExample} }`);
  }
  // A `tokenURL` would be ignored, and the credentials sent to the default token endpoint; a `timeout` too, and every
  // token request bounded at the default.
  checkOptionNames(options, ["auth", "tokenUrl", ...BASE_TRANSPORT_OPTIONS], "createWootricTokenSource");
  const { auth, tokenUrl, ...transport } = options;
  if (typeof auth !== "object" || auth === null) throw fieldError("auth", `is required: an object whose type is ${GRANT_TYPES}`);
  // A shared source cannot be made of another one: only the grants that fetch tokens.
  const type: unknown = auth.type;
  // Own keys only: a type such as "toString" names a built-in of every object, not a grant.
  if (type === "tokenSource" || typeof type !== "string" || !Object.hasOwn(WOOTRIC_GRANTS, type)) {
    throw new InputError("auth.type", `Unknown auth type ${shown(type)} for a token source: use ${GRANT_TYPES}`);
  }
  // The grants read only the token endpoint and its requests' options.
  const built = (WOOTRIC_GRANTS as Record<string, Build>)[type]!(auth, {
    token: tokenRequestOptions(transport),
    tokenUrl: resolveTokenUrl(tokenUrl, transport.logger),
  } as AuthContext<"baseUrl">);
  if (built.type !== "oauth2") {
    throw new InputError("auth.refreshToken", "a token without refreshToken is never refreshed: pass it to each client");
  }
  return built.tokens;
}
