import { WebhookVerificationError } from "./webhook-error.js";

const SIGNATURE = /^sha1=([0-9a-f]{40})$/i;

/** WebCrypto: global everywhere but Node 18, where it lives in node:crypto. */
async function subtleCrypto(): Promise<SubtleCrypto> {
  const global = (globalThis as { crypto?: Crypto }).crypto;
  if (global?.subtle) return global.subtle;
  // Only reached on Node 18. The specifier is a variable so that no bundler resolves (or inlines) a Node module
  // into a browser build.
  const specifier = "node:crypto";
  const nodeCrypto = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as { webcrypto: Crypto };
  return nodeCrypto.webcrypto.subtle;
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * Checks `sha1=<hex>` against the HMAC-SHA1 of `body` keyed with `secret`; throws WebhookVerificationError if it
 * is malformed or wrong.
 */
export async function verifySignature(body: Uint8Array, header: string, secret: string): Promise<void> {
  const match = SIGNATURE.exec(header.trim());
  if (!match) throw new WebhookVerificationError("malformed-signature");
  const subtle = await subtleCrypto();
  const key = await subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-1" }, false, ["verify"]);
  // verify() compares the digests itself, in constant time in every engine (Node, Deno, Chromium, Firefox, WebKit).
  // parseInt reads hex in either case, as SIGNATURE accepts it.
  const signature = hexToBytes(match[1]!) as Uint8Array<ArrayBuffer>;
  if (!(await subtle.verify("HMAC", key, signature, body as Uint8Array<ArrayBuffer>))) throw new WebhookVerificationError("signature-mismatch");
}
