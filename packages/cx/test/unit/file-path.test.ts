import { describe, expect, it } from "vitest";
import { createClient, filePath, InputError, MAX_NAME_LENGTH, parseFilePath } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { ACCESS_TOKEN } from "../support/secrets.js";
import { caught } from "@apis/faults/leak-watch";

const UUID = "l6hkZxxCEeGQ1BIBPQhmWA";

describe("filePath", () => {
  it.each([
    ["self", "/photos/2353.jpg", "self:%2Fphotos%2F2353.jpg"],
    [UUID, "/photos/2353.jpg", `${UUID}:%2Fphotos%2F2353.jpg`],
    ["self", "/Fotos 2024/Müller & Söhne?#.jpg", "self:%2FFotos%202024%2FM%C3%BCller%20%26%20S%C3%B6hne%3F%23.jpg"],
    ["self", "/100%/a+b.txt", "self:%2F100%25%2Fa%2Bb.txt"],
    ["self", "/日本/😀.png", "self:%2F%E6%97%A5%E6%9C%AC%2F%F0%9F%98%80.png"],
    // A name a Mac may hold, synced to CX: it must stay reachable, so a backslash is a character, not refused.
    ["self", "/notes/a\\b ..txt", "self:%2Fnotes%2Fa%5Cb%20..txt"],
  ])("builds %s + %s as the documented encoded form %s", (owner, path, expected) => {
    expect(filePath(owner, path)).toBe(expected);
  });

  it("round-trips through parseFilePath", () => {
    const path = "/Fotos 2024/Müller & Söhne/😀 %41.png";
    expect(parseFilePath(filePath(UUID, path))).toEqual({ owner: UUID, path });
  });

  it("accepts a name of exactly 255 UTF-16 code units and rejects 256", async () => {
    expect(filePath("self", `/${"a".repeat(MAX_NAME_LENGTH)}`)).toHaveLength(5 + 3 + MAX_NAME_LENGTH);
    const error = await caught(() => filePath("self", `/ok/${"a".repeat(MAX_NAME_LENGTH + 1)}`));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/256 characters long; CX allows at most 255/);
  });

  it("counts an emoji as two characters toward the 255 limit, as Windows and Java do", async () => {
    expect(() => filePath("self", `/${"😀".repeat(127)}a`)).not.toThrow();
    expect(await caught(() => filePath("self", `/${"😀".repeat(128)}`))).toBeInstanceOf(InputError);
  });

  it.each<[string, string, string, "owner" | "path", RegExp]>([
    ["an unknown owner", "me", "/a.jpg", "owner", /^The owner must be "self" or a 22-character CX UUID .*, got "me"$/],
    ["a 21-character UUID", UUID.slice(1), "/a.jpg", "owner", /22-character/],
    ["a UUID with a character outside the alphabet", `${UUID.slice(1)}+`, "/a.jpg", "owner", /22-character/],
    ['"Self" in another case', "Self", "/a.jpg", "owner", /must be "self" .*, got "Self"$/],
    ["a relative path", "self", "photos/a.jpg", "path", /^The path must be absolute, .*, got "photos\/a\.jpg"$/],
    ["the root itself", "self", "/", "path", /is the root/],
    ["an empty segment", "self", "/photos//a.jpg", "path", /empty name/],
    ["a trailing slash", "self", "/photos/", "path", /empty name/],
    ["a dot-dot segment", "self", "/photos/../a.jpg", "path", /"\.\." segment/],
    ["a dot segment", "self", "/./a.jpg", "path", /"\." segment/],
    ["a NUL character", "self", "/a\0.jpg", "path", /control character/],
    // Read with the path from a file or a line of input: CX would store a name ending in it.
    ["a newline at the end", "self", "/photos/a.jpg\n", "path", /^The path "\/photos\/a\.jpg\\n" contains a control character \(a stray newline\?\): remove it$/],
    ["a tab", "self", "/a\tb.jpg", "path", /control character/],
    ["a C1 control", "self", "/a\u0085.jpg", "path", /control character/],
    // A backslash alone is a character of a name (macOS allows it), but "\..\" goes up a folder on a server that takes
    // a backslash for a slash.
    ["a dot-dot segment between backslashes", "self", "/photos\\..\\private", "path", /^The path "\/photos\\\\\.\.\\\\private" has a "\.\." segment, or a look-alike: give the resolved path instead$/],
    ["a dot segment after a backslash", "self", "/photos/a\\.", "path", /has a "\." segment/],
    ["an unpaired surrogate", "self", "/a\uD800.jpg", "path", /unpaired UTF-16 surrogate/],
    // The path quoted with its bidi override as an escape (it would reorder the line: "gpj.exe" read as "exe.jpg").
    ["a NUL beside a bidi override", "self", "/a\0\u202egpj.exe", "path", /^The path "\/a\\u0000\\u202egpj\.exe" contains a control character \(a stray newline\?\): remove it$/],
    ["a long path with an empty name, quoted cut", "self", `/${"photos/".repeat(50)}/a.jpg`, "path", new RegExp(`^The path "/${"photos/".repeat(13)}photo\\.\\.\\." has an empty name`)],
    ["a name too long, its start quoted with a bidi override escaped", "self", `/\u202e${"a".repeat(MAX_NAME_LENGTH)}`, "path", /^The name "\\u202ea{96}\.\.\." in the path is 256 characters long/],
  ])("rejects %s with an InputError on the argument at fault", async (_case, owner, path, field, message) => {
    const error = await caught(() => filePath(owner, path));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((error as InputError).message).toMatch(message);
  });

  // Look-alikes of "." and "/" that Unicode's compatibility normalization (NFKC: Java's Normalizer, ICU, Python's
  // unicodedata) folds into them, and characters a file system ignores in a name (HFS+ ignores zero-width and bidi
  // format characters when it compares names: git's CVE-2014-9390). A server that folds or ignores them reads the name
  // as a step up a folder, or into another.
  it.each([
    ["a fullwidth dot-dot (U+FF0E twice)", "/photos/\uFF0E\uFF0E/private"],
    ["a two-dot leader (U+2025)", "/photos/\u2025/private"],
    ["two one-dot leaders (U+2024)", "/photos/\u2024\u2024/private"],
    ["two small full stops (U+FE52)", "/photos/\uFE52\uFE52/private"],
    ["a dot and a fullwidth dot", "/photos/.\uFF0E/private"],
    ["a fullwidth dot alone", "/\uFF0E/a.jpg"],
    ["a fullwidth dot-dot before a fullwidth slash, in one name", "/photos/\uFF0E\uFF0E\uFF0Fprivate"],
    ["a dot-dot before a fullwidth backslash, in one name", "/photos/..\uFF3Cprivate"],
    ["a dot-dot with a zero-width space between", "/photos/.\u200B./private"],
    ["a dot-dot with a soft hyphen after", "/photos/..\u00AD/private"],
    ["a dot-dot after a byte order mark", "/photos/\uFEFF../private"],
    // Windows strips a name's trailing spaces (and a server may trim a name both ends): ".. " is then "..".
    ["a dot-dot with a trailing space", "/photos/.. /private"],
    ["a dot-dot with a leading space", "/photos/ ../private"],
    ["a dot-dot with an ideographic space after (NFKC: a space)", "/photos/..\u3000/private"],
    ["a dot-dot with a no-break space after", "/photos/..\u00A0/private"],
    ["a dot alone before a space", "/photos/. /private"],
    // Windows' best-fit conversion to an ANSI code page writes a yen sign (932, Japanese) or a won sign (949, Korean) as "\\".
    ["a dot-dot between yen signs, in one name", "/photos/a\u00A5..\u00A5private"],
    ["a dot-dot between won signs, in one name", "/photos/a\u20A9..\u20A9private"],
  ])("rejects %s, which a server may fold into a dot segment", async (what, path) => {
    for (const run of [() => filePath("self", path), () => parseFilePath(`self:${encodeURIComponent(path)}`)]) {
      const error = await caught(run);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toContain(`has a "${what.includes("dot alone") ? "." : ".."}" segment, or a look-alike`);
    }
  });

  it.each([
    ["three dots, a valid name on Linux, macOS and Windows", "/photos/.../a.jpg"],
    ["a horizontal ellipsis (U+2026), which folds to three dots", "/photos/\u2026/a.jpg"],
    ["two two-dot leaders, which fold to four dots", "/photos/\u2025\u2025/a.jpg"],
    ["a fullwidth dot before an extension, which folds to a hidden file's name", "/photos/\uFF0Etxt"],
    ["a ligature, which folds to two letters", "/photos/\uFB01le.txt"],
    ["a zero-width joiner inside an emoji", "/photos/\u{1F469}\u200D\u{1F4BB}.png"],
    ["dots beside a letter", "/photos/..a/a.b.."],
    ["three dots and a space", "/photos/... /a.jpg"],
    ["a space between words and dots", "/photos/wait .. what/a.jpg"],
    ["prices in yen and won", "/prices/\u00A51,000..\u00A52,000 \u20A9500.txt"],
    ["a fullwidth slash between words, which folds to a slash inside one name", "/music/AC\uFF0FDC.mp3"],
  ])("keeps %s reachable", (_case, path) => {
    expect(parseFilePath(filePath("self", path))).toEqual({ owner: "self", path });
  });
});

describe("parseFilePath", () => {
  it("reads both examples of the vendor doc", () => {
    expect(parseFilePath("l6hkZxxCEeGQ1BIBPQhmWA:%2Fphotos%2F2353.jpg")).toEqual({ owner: UUID, path: "/photos/2353.jpg" });
    expect(parseFilePath("self:%2Fphotos%2F2353.jpg")).toEqual({ owner: "self", path: "/photos/2353.jpg" });
  });

  it("accepts lower-case percent escapes", () => {
    expect(parseFilePath("self:%2fphotos%2f2353.jpg").path).toBe("/photos/2353.jpg");
  });

  it.each<[string, string, RegExp]>([
    ["an unencoded path", "self:/photos/2353.jpg", /is not URL-encoded after the colon: build it with filePath\("self", "\/photos\/2353.jpg"\)/],
    ["a path with a raw space", "self:%2Fmy photo.jpg", /is not URL-encoded/],
    ["no owner", "%2Fphotos%2F2353.jpg", /has no owner/],
    ["invalid UTF-8", "self:%2F%C3%28.jpg", /does not decode as UTF-8/],
    ["an encoded empty segment", "self:%2Fphotos%2F%2Fa.jpg", /empty name/],
    ["an encoded backslash dot-dot segment", "self:%2Fphotos%5C..%5Cprivate", /has a "\.\." segment/],
    ["a bad owner", "other:%2Fa.jpg", /must be "self" .*, got "other"$/],
  ])("rejects %s", async (_case, value, message) => {
    const error = await caught(() => parseFilePath(value));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
  });
});

describe("a {filePath} on the wire", () => {
  // A call's own pathSerializer, even undefined (options spread from optional settings), once replaced CX's: the path
  // went encoded twice (another folder), or unchecked, where the URL parser resolved a ".." (a delete elsewhere).
  it.each([
    ["undefined", undefined],
    ["of the caller's own", (template: string, params: Record<string, unknown>) => template.replace("{filePath}", String(params.filePath))],
  ])("keeps CX's path rules under a pathSerializer %s", async (_case, pathSerializer) => {
    const observed = observedFetch(() => json({}));
    const cx = createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, fetch: observed.fetch, maxRetries: 0 });
    await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/a b/c") } }, pathSerializer } as never);
    expect(new URL(observed.requests[0]!.url).pathname).toBe("/1/files/mkdir/self:%2Fa%20b%2Fc");
    const error = await caught(cx.POST("/files/delete/{filePath}", { params: { path: { filePath: "self:/Photos/../Private" } }, pathSerializer } as never));
    expect(error).toBeInstanceOf(InputError);
    expect(observed.requests).toHaveLength(1);
  });

  function client() {
    const observed = observedFetch(() => json({ status: "ok" }));
    const cx = createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, fetch: observed.fetch });
    return { cx, observed };
  }

  it("is sent exactly as filePath() built it: owner and colon as they are, the path encoded once", async () => {
    const { cx, observed } = client();
    await cx.POST("/files/delete/{filePath}", { params: { path: { filePath: filePath("self", "/Fotos 2024/ä&b%.jpg") } } });
    expect(observed.requests[0]?.url).toBe(`https://api.cx.com/1/files/delete/self:%2FFotos%202024%2F%C3%A4%26b%25.jpg?access_token=${ACCESS_TOKEN}`);
  });

  it("is written in canonical form when given with lower-case escapes", async () => {
    const { cx, observed } = client();
    await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: `${UUID}:%2fphotos` } } });
    expect(new URL(observed.requests[0]!.url).pathname).toBe(`/1/files/mkdir/${UUID}:%2Fphotos`);
  });

  it.each([
    ["an unencoded path", "self:/photos"],
    ["a backslash dot-dot segment", "self:%2FPhotos%5C..%5CPrivate"],
  ])("rejects %s with an InputError before any request is sent", async (_case, value) => {
    const { cx, observed } = client();
    const error = await caught(cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: value } } }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("filePath");
    expect(observed.requests).toHaveLength(0);
  });
});
