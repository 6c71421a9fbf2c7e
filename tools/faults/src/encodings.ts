// Test-only: the encodings a credential travels in, and the check for any of them in a text.

/**
 * Each encoding a credential is sent in, as a server would echo it: raw, percent-encoded (`encodeURIComponent`) once
 * and twice (a URL quoted in another's query), form-encoded (`+` for space), percent-encoded as the server's language
 * writes it (RFC 3986, PHP's urlencode, Ruby's CGI.escape, .NET's UrlEncode, Python's quote, Go's PathEscape), base64
 * alone, inside `user:secret` (a Basic header) and inside a form body, and JSON-escaped.
 *
 * @example
 * for (const [encoding, text] of Object.entries(encodingsOf(PASSWORD, "ana"))) server.script(route, [echoIn["an error body"](text)]);
 */
export function encodingsOf(secret: string, user = "user"): Record<string, string> {
  // Ruby's CGI.escape: RFC 3986 with a space as +; PHP's urlencode: that with ~ encoded too.
  const rfc = rfc3986(secret);
  const ruby = rfc.replace(/%20/g, "+");
  const php = ruby.replace(/~/g, "%7E");
  return {
    raw: secret,
    "percent-encoded": encodeURIComponent(secret),
    "percent-encoded twice": encodeURIComponent(encodeURIComponent(secret)),
    "percent-encoded twice, lower-case hex first": encodeURIComponent(encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())),
    "form-encoded, then percent-encoded": encodeURIComponent(new URLSearchParams({ v: secret }).toString().slice(2)),
    "form-encoded": new URLSearchParams({ v: secret }).toString().slice(2),
    "percent-encoded as RFC 3986 (PHP's rawurlencode, Python's quote)": rfc,
    "form-encoded as PHP's urlencode (* and ~ encoded)": php,
    "form-encoded as Ruby's CGI.escape (* encoded, ~ kept)": ruby,
    "form-encoded as .NET's UrlEncode (! * ( ) kept, ~ encoded)": php.replace(/%(21|2A|28|29)/g, (hex) => decodeURIComponent(hex)),
    "percent-encoded as Python's quote (/ kept)": rfc.replace(/%2F/g, "/"),
    "percent-encoded as Go's url.PathEscape ($ & + : = @ kept)": rfc.replace(/%(24|26|2B|3A|3D|40)/g, (hex) => decodeURIComponent(hex)),
    base64: Buffer.from(secret).toString("base64"),
    "base64 of user:secret": Buffer.from(`${user}:${secret}`).toString("base64"),
    "base64 of a form body": Buffer.from(new URLSearchParams({ grant_type: "password", password: secret }).toString()).toString("base64"),
    "JSON-escaped": JSON.stringify(secret).slice(1, -1),
  };
}

/** Every character but RFC 3986's unreserved ones (letters, digits, - . _ ~) percent-encoded, as UTF-8. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The encodings of `secret` (see {@link encodingsOf}) that `text` shows, by name; empty when none. Each is also
 * looked for as a header or reason phrase brings it back: its UTF-8 bytes read as latin1, or latin1 read as UTF-8
 * (each byte that is not ASCII a U+FFFD, or a `?` where the client could not carry that).
 *
 * @example
 * expect(encodingsShown(JSON.stringify(error), PASSWORD, "ana")).toEqual([]);
 */
export function encodingsShown(text: string, secret: string, user = "user"): string[] {
  return Object.entries(encodingsOf(secret, user)).flatMap(([name, form]) => (misreadings(form).some((variant) => text.includes(variant)) ? [name] : []));
}

/** A form of a secret as it is sent, and as it reads when its bytes are decoded the wrong way or replaced. */
export function misreadings(form: string): string[] {
  return [form, Buffer.from(form).toString("latin1"), form.replace(/[^\x00-\x7f]/g, "\ufffd"), form.replace(/[^\x00-\x7f]/g, "?")];
}
