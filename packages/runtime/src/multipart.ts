/** One part of a {@link multipart} body: a text field `[name, value]`, or a file `[name, content, filename, contentType]`. */
export type MultipartPart<Content> = readonly [name: string, value: string] | readonly [name: string, content: Content, filename: string, contentType: string];

/**
 * A `multipart/form-data` body (RFC 7578) as its pieces in order: the text of the headers, fields and boundaries, and
 * each file's content where it goes, written as browsers and `FormData` write them (line breaks in names and text as
 * CRLF; `"`, CR and LF in names escaped, and CR and LF in a content type, which a Blob's never has, so that it stays
 * one header line). Written by hand, not by `FormData`: Node's (undici 7.20 and later) ends the
 * process with an unhandled rejection when a Blob part cannot be read (an `fs.openAsBlob` file that changed), and it
 * cannot carry a stream. `new Blob(pieces, { type })` makes a body of Blobs, bytes and text whose read
 * error fails the request like any other (a Blob's type is lowercase: so is the boundary).
 *
 * @example
 * const { pieces, type } = multipart([["title", "Q3"], ["file", blob, "q3.csv", "text/csv"]]);
 * await fetch(url, { method: "POST", body: new Blob(pieces, { type }) }); // type: multipart/form-data; boundary=...
 */
export function multipart<Content>(parts: readonly MultipartPart<Content>[]): { pieces: (string | Content)[]; type: string } {
  // 128 random bits in decimal, or (Node 18 has no global crypto) two Math.random()s, as undici's FormData falls back to.
  const boundary = `----apis-${(globalThis.crypto?.getRandomValues(new Uint32Array(4)) ?? [Math.random(), Math.random()]).join("")}`;
  // Each part as its headers, its content and the line break that ends it.
  const pieces = parts.flatMap(([name, content, filename, type]) => [
    `--${boundary}\r\nContent-Disposition: form-data; name="${escape(crlf(name))}"${filename === undefined ? "" : `; filename="${escape(filename)}"\r\nContent-Type: ${String(type).replace(/[\r\n]/g, encodeURIComponent)}`}\r\n\r\n`,
    filename === undefined ? crlf(content as string) : content,
    "\r\n",
  ]);
  pieces.push(`--${boundary}--\r\n`);
  return { pieces, type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Whether a Blob made of `blob` and other parts holds its bytes: not in Bun (oven-sh/bun#25851) for a file's Blob
 * (`Bun.file`, `fs.openAsBlob`), which it leaves out, as the size of such a Blob shows; Bun's FormData carries them.
 *
 * @example
 * const body = joinsWhole(file) ? new Blob(pieces, { type }) : form; // a FormData of the same fields
 */
export function joinsWhole(blob: Blob): boolean {
  return new Blob([" ", blob]).size > blob.size;
}

// Every line break of a name or a text field as CRLF (WHATWG HTML, "constructing the entry list"), as FormData sends it.
function crlf(text: string): string {
  return text.replace(/\r?\n|\r/g, "\r\n");
}

// What browsers do to names and file names in a multipart header (WHATWG HTML, "multipart/form-data encoding"):
// CR, LF and '"' become %0D, %0A and %22, which is what encodeURIComponent makes of each.
function escape(text: string): string {
  return text.replace(/[\r\n"]/g, encodeURIComponent);
}
