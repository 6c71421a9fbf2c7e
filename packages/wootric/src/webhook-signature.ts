import { WebhookVerificationError } from "./webhook-error.js";

/**
 * Checks `sha1=<hex>` against the HMAC-SHA1 of `body` keyed with `secret`; throws WebhookVerificationError if it
 * is malformed or wrong.
 */
export async function verifySignature(body: Uint8Array, header: string, secret: string): Promise<void> {
  const match = /^sha1=([0-9a-f]{40})$/i.exec(header.trim());
  if (!match) throw new WebhookVerificationError("malformed-signature");
  // WebCrypto: global everywhere but Node 18, where it lives in node:crypto. The specifier is a variable so that no
  // bundler resolves (or inlines) a Node module into a browser build.
  const specifier = "node:crypto";
  const subtle =
    (globalThis as { crypto?: Crypto | undefined }).crypto?.subtle ||
    ((await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as { webcrypto: Crypto }).webcrypto.subtle;
  // verify() compares the digests itself, in constant time in every engine (Node, Deno, Chromium, Firefox, WebKit).
  const verified = await subtle.verify(
    "HMAC",
    await subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-1" }, false, ["verify"]),
    // The 40 hex digits, two per byte; parseInt reads hex in either case, as the pattern above accepts it.
    Uint8Array.from(match[1]!.match(/../g)!, (pair) => parseInt(pair, 16)),
    body as Uint8Array<ArrayBuffer>,
  );
  if (!verified) throw new WebhookVerificationError("signature-mismatch");
}
