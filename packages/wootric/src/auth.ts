import { WOOTRIC_GRANTS, type WootricAuth } from "@apis/wootric-cxi";
import type { AuthSchemes } from "@apis/runtime";

export type { WootricAuth };

const { token, ...grants } = WOOTRIC_GRANTS;

/**
 * Wootric's credentials (written once, in `@apis/wootric-cxi`, whose token endpoint this API shares) under this spec's
 * security scheme names: the grants and a shared token source are `oauth2`, a token held already is `bearerAuth` (the
 * header; the spec's `accessTokenParam` query form is never sent, so the token stays out of URLs). Checked at
 * `createClient`, so a typo fails there and not at the first call.
 */
export const AUTH_SCHEMES: AuthSchemes<WootricAuth, "baseUrl"> = { oauth2: grants, bearerAuth: { token } };
