import { fieldError, InputError, shown } from "@apis/runtime";

/**
 * The longest file or folder name CX accepts, counted in UTF-16 code units (JavaScript's `string.length`). The
 * vendor gives "255 characters, the limit on OSX and Windows"; Windows (NTFS) counts UTF-16 code units, so that
 * is the count used: a name of 255 BMP characters passes, an emoji counts as 2.
 */
export const MAX_NAME_LENGTH = 255;

/** A file path taken apart: `self:%2Fphotos%2F2353.jpg` is `{ owner: "self", path: "/photos/2353.jpg" }`. */
export interface ParsedFilePath {
  /** `self`, or the 22-character UUID of the user or group that owns the file. */
  owner: string;
  /** The absolute, decoded path, e.g. `/photos/2353.jpg`. */
  path: string;
}

const UUID = /^[A-Za-z0-9_-]{22}$/;
// What encodeURIComponent leaves as it is, plus percent-escapes: anything else means the text is not encoded.
const ENCODED = /^(?:[A-Za-z0-9\-_.!~*'()]|%[0-9A-Fa-f]{2})*$/;
const EXAMPLE = 'filePath("self", "/photos/2353.jpg")';

/**
 * Builds a CX file path, `<owner>:<URL-encoded absolute path>`, checking it first so that a path CX would reject
 * fails here, before any request: the owner must be `self` or a 22-character UUID, and the path absolute, without
 * empty, `.` or `..` segments (between slashes or backslashes, or look-alikes a server could fold into them: `．．`,
 * `‥`, dots around a zero-width space or a space, `¥..¥`) or control characters, with every name at most {@link MAX_NAME_LENGTH} characters.
 * The result is what goes in a `{filePath}` path parameter; the client sends it as it is.
 *
 * @example
 * filePath("self", "/photos/2353.jpg"); // "self:%2Fphotos%2F2353.jpg"
 * await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/photos") } } });
 */
export function filePath(owner: string, path: string): string {
  checkOwner(owner, "owner");
  checkPath(path, "path");
  return `${owner}:${encodeURIComponent(path)}`;
}

/**
 * openapi-fetch's path serializer for CX: a `{filePath}` is checked with {@link parseFilePath} and written in its
 * canonical encoding (never encoded twice), any other parameter is encoded as openapi-fetch would.
 */
export function serializeCxPath(pathname: string, pathParams: Record<string, unknown>): string {
  return pathname.replace(/\{([^{}]+)\}/g, (match, name: string) => {
    const value = pathParams[name];
    if (value === undefined || value === null) return match;
    if (name === "filePath") {
      const { owner, path } = parseFilePath(value as string);
      return `${owner}:${encodeURIComponent(path)}`;
    }
    return encodeURIComponent(String(value));
  });
}

function checkOwner(owner: unknown, field: string): void {
  if (owner !== "self" && !(typeof owner === "string" && UUID.test(owner))) {
    throw new InputError(field, `The owner must be "self" or a 22-character CX UUID (letters, digits, "-" or "_", case-sensitive), got ${shown(owner)}`);
  }
}

/**
 * Reads a CX file path in its documented, URL-encoded form back into owner and path, checking it like
 * {@link filePath} does. Throws an `InputError` saying what to fix, e.g. for an unencoded `self:/photos/a.jpg`.
 *
 * @example
 * parseFilePath("l6hkZxxCEeGQ1BIBPQhmWA:%2Fphotos%2F2353.jpg");
 * // { owner: "l6hkZxxCEeGQ1BIBPQhmWA", path: "/photos/2353.jpg" }
 */
export function parseFilePath(value: string, field = "filePath"): ParsedFilePath {
  if (typeof value !== "string") throw fieldError(field, `must be a string such as "self:%2Fphotos%2F2353.jpg": build it with ${EXAMPLE}`);
  const colon = value.indexOf(":");
  if (colon < 0) {
    throw fieldError(field, `${shown(value)} has no owner: a file path is "<self or UUID>:<encoded path>", e.g. ${EXAMPLE}`);
  }
  const owner = value.slice(0, colon);
  checkOwner(owner, field);
  const encoded = value.slice(colon + 1);
  // ENCODED refuses a "/" (one that starts it too: "self:/photos").
  if (!ENCODED.test(encoded)) {
    throw fieldError(field, `${shown(value)} is not URL-encoded after the colon: build it with ${EXAMPLE}`);
  }
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    throw fieldError(field, `${shown(value)} does not decode as UTF-8: build it with ${EXAMPLE}`);
  }
  checkPath(path, field);
  return { owner, path };
}

function checkPath(path: unknown, field: string): void {
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new InputError(field, `The path must be absolute, starting with "/" (e.g. "/photos/2353.jpg"), got ${shown(path)}`);
  }
  // The error of a path that is refused as a whole: it is quoted, then what is wrong with it (the root too: "/").
  const refused = (why: string) => new InputError(field, `The path ${shown(path)} ${why}`);
  if (path === "/") throw refused('is the root: name a file or folder below it, e.g. "/photos"');
  // A NUL, or a newline read with the path from a file: CX would store a name that ends in it.
  if (/\p{Cc}/u.test(path)) throw refused("contains a control character (a stray newline?): remove it");
  // A lone surrogate is a code point of its own (category Cs) in a `u` regex; a pair is one code point above U+FFFF.
  // (Not `try { encodeURIComponent(path) }`: bundlers that minify take that call for one without effects and drop it.)
  if (/\p{Cs}/u.test(path)) throw refused("contains an unpaired UTF-16 surrogate: fix the string");
  for (const name of path.slice(1).split("/")) {
    if (name === "") throw refused('has an empty name (a doubled or trailing "/"): remove it');
    // A backslash is a character of a name (macOS allows it), but a "." or ".." between backslashes ("a\\..\\b") would go
    // up a folder on a server that reads "\\" as "/". So would one a server folds into it: look-alikes that compatibility
    // normalization (NFKC) makes "." or "/" ("\uFF0E\uFF0E", "\u2025", "\uFF0F"), or characters a file system ignores
    // in a name (a zero-width space, a soft hyphen: HFS+ ignores such when it compares names), white space around the dots
    // (Windows strips a name's trailing spaces, a server may trim it: ".. ", " ..", "..\u3000"), and a yen or won sign,
    // which Windows' best fit writes as "\\" in Japanese and Korean code pages ("\u00A5..\u00A5"). "..." and "\u2026" stay.
    for (const part of name.normalize("NFKC").replace(/\p{DI}|\s/gu, "").split(/[\\/\xA5\u20A9]/)) if (part == "." || part == "..") throw refused(`has a "${part}" segment, or a look-alike: give the resolved path instead`);
    if (name.length > MAX_NAME_LENGTH) {
      throw new InputError(
        field,
        // Redacted before it is cut (shown): a piece cut first would be no credential's whole form.
        `The name ${shown(name)} in the path is ${name.length} characters long; CX allows at most ${MAX_NAME_LENGTH}`,
      );
    }
  }
}
