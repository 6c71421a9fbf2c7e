// Test-only: a server that limits requests per one-second window and says so in `X-Rate-Limit-Limit`, `-Remaining`
// and `-Reset` (epoch seconds), as Wootric does; a request over the limit is answered 429 and counted.

/** One answer of the window: a status, the rate-limit headers and the body. */
export interface WindowAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * A per-second window of `limit` requests whose good answer is `body`. `answer()` is the next request's answer,
 * to wrap as a fault-server step or an observed-fetch response; `refused()` counts the 429s so far.
 *
 * @example
 * const window = rateLimitWindow(3, TAGS);
 * server.script("GET /v1/tags", [() => window.answer()]);
 * expect(window.refused()).toBe(0);
 */
export function rateLimitWindow(limit: number, body: unknown): { answer(): WindowAnswer; refused(): number } {
  let remaining = 0;
  let resetAt = 0;
  let refused = 0;
  return {
    answer() {
      const now = Date.now();
      if (now >= resetAt * 1000) {
        remaining = limit;
        resetAt = Math.floor(now / 1000) + 1;
      }
      const headers = { "X-Rate-Limit-Limit": String(limit), "X-Rate-Limit-Remaining": String(Math.max(0, remaining - 1)), "X-Rate-Limit-Reset": String(resetAt) };
      if (remaining === 0) {
        refused++;
        return { status: 429, headers: { ...headers, "X-Rate-Limit-Remaining": "0" }, body: { error: "rate limited" } };
      }
      remaining--;
      return { status: 200, headers, body };
    },
    refused: () => refused,
  };
}
