// Test-only: a hostile server echoes credentials back, in each encoding a client sends them in (encodings.ts), in
// each place a client might copy into an error or a log line. Suites script these steps and then look for them all.
import assert from "node:assert/strict";
import { encodingsShown } from "./encodings.js";
import { renderingsOf, showsSecret, watch } from "./leak-watch.js";
import type { LeakCollector } from "./leaks.js";
import type { Fault } from "./server.js";

const json = (status: number, text: string, extra: Record<string, string> = {}): Fault => ({ status, headers: { "Content-Type": "application/json", ...extra }, body: text });

/** The places an API server echoes `text` in, each an answer to script. */
export const echoIn: Record<string, (text: string) => Fault> = {
  "a 4xx body": (text) => json(400, `{"message":"rejected: ${text}","detail":"${text}"}`),
  "a 5xx body": (text) => json(500, `{"message":"upstream failed for ${text}"}`),
  "a non-JSON 200": (text) => ({ status: 200, headers: { "Content-Type": "text/html" }, body: `<html>proxy error for ${text}</html>` }),
  "a Content-Type header": (text) => ({ status: 200, headers: { "Content-Type": `text/x-${text}`, "X-Echo": text }, body: "<html>not json</html>" }),
  "a reason phrase": (text) => ({ status: 500, reason: `Failed ${text}`, headers: { "X-Echo": text }, body: "" }),
};

/** The places a token endpoint echoes `text` in. */
export const tokenEchoIn: Record<string, (text: string) => Fault> = {
  "the token endpoint's error body": (text) => json(400, `{"error":"invalid_grant","error_description":"bad credentials ${text}"}`),
  "the token endpoint's non-JSON 200": (text) => ({ status: 200, headers: { "Content-Type": "text/html" }, body: `<html>login failed for ${text}</html>` }),
  "the token endpoint's reason phrase": (text) => ({ status: 401, reason: `Unauthorized ${text}`, headers: { "X-Echo": text }, body: `{"error":"invalid_client"}` }),
};

/** What openapi-fetch resolves. */
interface Outcome {
  error?: unknown;
  response: Response;
}

/**
 * Makes the call and returns every text its outcome can be rendered as, each recorded for the leak watch: a thrown
 * error's renderings (message, String, JSON, inspect, stack) down its cause chain with its `body`, or openapi-fetch's
 * `error` and the error `fromResponse` builds from it (the package's `ApiError.fromResponse`); and the lines `log`
 * (a {@link LeakCollector}) received during the call.
 *
 * @example
 * const texts = await outcomeRenderings(() => client.GET("/v1/tags"), (response, error) => ApiError.fromResponse(response, error, "GET"), collected);
 */
export async function outcomeRenderings(
  call: () => Promise<Outcome>,
  fromResponse: (response: Response, error: unknown) => unknown,
  log: { takeLines(): string[] } = { takeLines: () => [] },
): Promise<string[]> {
  log.takeLines();
  let shown: unknown[];
  try {
    const { error, response } = await call();
    shown = [error, fromResponse(response, error)];
  } catch (error) {
    shown = [error];
  }
  const texts = shown.flatMap((value) => causeChain(watch(value)).flatMap((link) => [...renderingsOf(link), JSON.stringify((link as { body?: unknown } | undefined)?.body) ?? ""]));
  return [...texts, ...log.takeLines()];
}

/**
 * Fails, naming the encoding and the text, when any of `texts` shows `secret` in any encoding (see
 * {@link encodingsShown}; `user` is the name in its `user:secret` pair) or inside base64.
 *
 * @example
 * assertNoEcho([...texts, ...collected.takeLines()], PASSWORD, "ana@example.com");
 */
export function assertNoEcho(texts: readonly string[], secret: string, user = "user"): void {
  for (const text of texts) {
    assert.deepEqual(encodingsShown(text, secret, user), [], `shows the secret: ${text.slice(0, 300)}`);
    assert.equal(showsSecret(text, secret), false, `shows the secret inside base64: ${text.slice(0, 300)}`);
  }
}

function causeChain(value: unknown): unknown[] {
  const chain = [value];
  for (let link = value; link instanceof Error && link.cause !== undefined && chain.length < 10; link = link.cause) chain.push(link.cause);
  return chain;
}
