import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { secretForms, toBase64 } from "../src/secret-forms.js";

const upperHex = (text: string) => text.replace(/%[0-9a-f]{2}|\\u[0-9a-f]{4}/gi, (escape) => escape.toUpperCase());

/**
 * Redaction read straight from its contract, with no index: every place of the text (as it is, or with its %xx and \uxxxx
 * escapes in upper case) where a form of a known or the call's own credential starts, the longest there, is a stretch to hide; stretches that
 * overlap are one, each replaced by one `[redacted]` (two that only touch stay two).
 */
function reference(text: string, known: readonly string[], extra: readonly string[]): string {
  const forms = [...known, ...extra.filter((value) => !known.includes(value))]
    .filter((value) => value.length >= 4)
    .flatMap((value) => secretForms(value).map(upperHex))
    .sort((a, b) => b.length - a.length);
  const probe = upperHex(text);
  const stretches: [number, number][] = [];
  for (let at = 0; at <= probe.length - 4; at++) {
    const found = Math.max(...[probe, text].map((read) => forms.find((form) => read.startsWith(form, at))?.length ?? 0));
    if (found === 0) continue;
    const last = stretches.at(-1);
    if (last && at < last[1]) last[1] = Math.max(last[1], at + found);
    else stretches.push([at, at + found]);
  }
  let out = "";
  let copiedTo = 0;
  for (const [start, end] of stretches) {
    out += text.slice(copiedTo, start) + "[redacted]";
    copiedTo = end;
  }
  return out + text.slice(copiedTo);
}

// A small alphabet, so that secrets overlap, share first characters and are prefixes of each other, with characters
// that percent-encoding, JSON, HTML and UTF-8 each write differently.
const char = fc.constantFrom("a", "b", "A", "/", "+", " ", "%", "é", "&", ":");
const secret = fc.array(char, { minLength: 2, maxLength: 9 }).map((chars) => chars.join(""));
// Secrets, some of them extended from others (a prefix of a longer secret).
const secrets = fc
  .array(fc.tuple(secret, fc.option(secret, { nil: undefined })), { minLength: 1, maxLength: 4 })
  .map((pairs) => pairs.flatMap(([base, longer]) => (longer === undefined ? [base] : [base, base + longer])));
// A piece of the text: free characters, or a form of one of the secrets (whole or cut short, its %xx and \uxxxx escapes
// in any case),
// or the secret inside a longer base64 text, as in a Basic value.
const piece = fc.record({
  kind: fc.constantFrom("free", "form", "base64"),
  free: secret,
  which: fc.nat(),
  form: fc.nat(),
  cut: fc.nat({ max: 3 }),
  caseMask: fc.nat(),
  prefix: fc.constantFrom("", "u", "us", "user:"),
});
type Piece = typeof piece extends fc.Arbitrary<infer T> ? T : never;

function write(part: Piece, all: readonly string[]): string {
  const value = all[part.which % all.length]!;
  if (part.kind === "free") return part.free;
  if (part.kind === "base64") return toBase64(new TextEncoder().encode(part.prefix + value + part.free));
  const forms = secretForms(value);
  const form = forms.length === 0 ? value : forms[part.form % forms.length]!;
  let escape = 0;
  // Each escape's hex digits in one case (the u of \u stays as JSON writes it).
  const mixed = form.replace(/%[0-9a-f]{2}|\\u[0-9a-f]{4}/gi, (hex) => hex.replace(/[a-f]/gi, (part.caseMask >> escape++ % 16) & 1 ? (digit) => digit.toLowerCase() : (digit) => digit.toUpperCase()));
  return mixed.slice(0, mixed.length - part.cut);
}

describe("redactSecrets", () => {
  it("redacts every stretch where a form of a known or a call's own credential stands, as a plain scan over all of their forms does", async () => {
    await fc.assert(
      fc.asyncProperty(secrets, secrets, fc.array(piece, { maxLength: 12 }), async (known, extra, pieces) => {
        // A fresh list of known secrets each run, so that it holds exactly `known`.
        vi.resetModules();
        const { redactSecrets, rememberSecret } = await import("../src/known-secrets.js");
        // Some of the call's own are known too, as a client's token is.
        const own = [...extra, ...known.slice(1)];
        rememberSecret(...known);
        const text = pieces.map((part) => write(part, [...known, ...own])).join("");
        expect(redactSecrets(text, own)).toBe(reference(text, known, own));
      }),
      { numRuns: 400 },
    );
    // 400 runs, each importing the module afresh: over a second alone, several under a loaded machine's test run.
  }, 60_000);
});
