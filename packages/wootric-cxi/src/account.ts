import { multipartFormData, type ForwardedOptions } from "@apis/runtime";
import type { WootricAuth } from "./auth.js";
import type { WootricRateLimit } from "./rate-limit.js";
import { resolveTokenUrl } from "./token-url.js";

/**
 * What every client of a Wootric account takes besides its host (`@apis/wootric-cxi`'s and `@apis/wootric`'s): the
 * account's credentials, the token endpoint both APIs share, the pacing, and every option of the shared runtime.
 */
export interface WootricAccountOptions extends Omit<ForwardedOptions, "rateLimit"> {
  auth: WootricAuth;
  /**
   * Full URL of the token endpoint, as OAuth names it. Default `https://api.wootric.com/oauth/token`. A URL with no path
   * (the host alone, as it was before 0.2) is read as that host's `/oauth/token`, with one deprecation line.
   */
  tokenUrl?: string | undefined;
  /** Pacing by Wootric's `X-Rate-Limit-*` headers: `{ maxWaitMs }` (default 60 000) or `false` (see {@link WootricRateLimit}). */
  rateLimit?: WootricRateLimit | undefined;
}

/**
 * The part of a vendor description every Wootric client shares: the auth option's example, the options it reads
 * itself, its token endpoint (see {@link resolveTokenUrl}) and how its multipart operations' bodies are written.
 */
export const WOOTRIC_ACCOUNT = {
  // As a FormData: Node 24's ends the process when one of its Blobs cannot be read (an fs.openAsBlob file that
  // changed). The runtime's multipartBody fails the call instead, but costs about 300 gzipped bytes these bundles do
  // not have yet (tools/size/budget.json).
  multipart: multipartFormData,
  authExample: '{ type: "clientCredentials", clientId, clientSecret }',
  ownOptions: ["tokenUrl", "rateLimit"],
  tokenUrl: (options: WootricAccountOptions) => resolveTokenUrl(options.tokenUrl, options.logger),
} as const;
