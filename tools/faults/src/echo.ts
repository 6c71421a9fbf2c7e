// Test-only: a hostile server echoes credentials back, in each encoding a client sends them in, in each place a
// client might copy into an error or a log line. Suites script these steps and then look for every encoding.
import type { Fault } from "./server.js";

/**
 * Each encoding a credential is sent in, as a server would echo it: raw, percent-encoded (`encodeURIComponent`),
 * form-encoded (`+` for space), base64 alone and inside `user:secret` (a Basic header), and JSON-escaped.
 *
 * @example
 * for (const [encoding, text] of Object.entries(encodingsOf(PASSWORD, "ana"))) server.script(route, [echoIn["an error body"](text)]);
 */
export function encodingsOf(secret: string, user = "user"): Record<string, string> {
  return {
    raw: secret,
    "percent-encoded": encodeURIComponent(secret),
    "form-encoded": new URLSearchParams({ v: secret }).toString().slice(2),
    base64: Buffer.from(secret).toString("base64"),
    "base64 of user:secret": Buffer.from(`${user}:${secret}`).toString("base64"),
    "JSON-escaped": JSON.stringify(secret).slice(1, -1),
  };
}

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

/**
 * The encodings of `secret` (see {@link encodingsOf}) that `text` shows, by name; empty when none. Each is also
 * looked for as a header or reason phrase brings it back: its UTF-8 bytes read as latin1, or latin1 read as UTF-8
 * (each byte that is not ASCII a U+FFFD, or a `?` where the client could not carry that).
 *
 * @example
 * expect(encodingsShown(JSON.stringify(error), PASSWORD, "ana")).toEqual([]);
 */
export function encodingsShown(text: string, secret: string, user = "user"): string[] {
  return Object.entries(encodingsOf(secret, user)).flatMap(([name, form]) => {
    const misread = [form, Buffer.from(form).toString("latin1"), form.replace(/[^\x00-\x7f]/g, "\ufffd"), form.replace(/[^\x00-\x7f]/g, "?")];
    return misread.some((variant) => text.includes(variant)) ? [name] : [];
  });
}
