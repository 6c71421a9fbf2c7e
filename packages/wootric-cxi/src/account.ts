import type { ForwardedOptions } from "@apis/runtime";
import type { WootricAuth } from "./auth.js";
import type { WootricRateLimit } from "./rate-limit.js";

/**
 * What every client of a Wootric account takes besides its host (`@apis/wootric-cxi`'s and `@apis/wootric`'s): the
 * account's credentials, the token endpoint both APIs share, the pacing, and every option of the shared runtime.
 */
export interface WootricAccountOptions extends Omit<ForwardedOptions, "rateLimit"> {
  auth: WootricAuth;
  /** Full URL of the token endpoint, as OAuth names it. Default `https://api.wootric.com/oauth/token`. */
  tokenUrl?: string;
  /** Pacing by Wootric's `X-Rate-Limit-*` headers: `{ maxWaitMs }` (default 60 000) or `false` (see {@link WootricRateLimit}). */
  rateLimit?: WootricRateLimit;
}

/** The part of a vendor description every Wootric client shares: the auth option's example and the options it reads itself. */
export const WOOTRIC_ACCOUNT = {
  authExample: '{ type: "clientCredentials", clientId, clientSecret }',
  ownOptions: ["tokenUrl", "rateLimit"],
} as const;
