import { describeValue, fieldError } from "@apis/runtime";

/** One CSV row: its fields and the line of the text it starts on (1-based), for errors that name it. */
export interface CsvRow {
  fields: string[];
  line: number;
  /** The row's text as written (its quotes kept, its line breaks read as `\n`), without the line break that ends it. */
  text: string;
}

/**
 * The text of a CSV given as text or as a Blob/File, refusing a Blob that is not UTF-8. Every leading byte-order mark is
 * dropped, from text as from a Blob: the vendor would read one as part of the first column's name.
 *
 * @example
 * const text = await decodeCsv(await fs.openAsBlob("survey.csv"), "csv");
 */
export async function decodeCsv(input: string | Blob, field: string): Promise<string> {
  if (typeof input !== "string") {
    if (typeof Blob === "undefined" || !(input instanceof Blob)) throw fieldError(field, `must be CSV text, a Blob or a File (in Node: await fs.openAsBlob(path))`);
    // Read outside the try: a file changed or gone since openAsBlob fails with the platform's own error (NotReadableError),
    // which says so; only the decoding is a matter of UTF-8.
    const bytes = await input.arrayBuffer();
    try {
      input = new TextDecoder("utf8", { fatal: true }).decode(bytes);
    } catch {
      throw fieldError(field, `is not valid UTF-8: save it as UTF-8`);
    }
  }
  // Every mark, not one: a second one left for the check to drop was sent, and read as part of the first column's name.
  return input.replace(/^\uFEFF+/, "");
}

/** UTF-8 byte length, which is what the vendor's size limit counts. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Reads a CSV given as text or as a Blob/File, refusing anything over `maxBytes` or not UTF-8 before reading it all (see
 * {@link decodeCsv}).
 */
export async function readCsv(input: string | Blob, maxBytes: number, field: string): Promise<string> {
  // NaN for what is neither (no size is over the bound): decodeCsv refuses it as no CSV.
  const size = typeof input === "string" ? byteLength(input) : typeof Blob === "undefined" || !(input instanceof Blob) ? NaN : input.size;
  if (size >= maxBytes) throw fieldError(field, `is ${size} bytes; Wootric takes CSV files under ${maxBytes / 1024 / 1024} MB: split it`);
  return decodeCsv(input, field);
}

/**
 * Splits CSV text into rows of fields (RFC 4180: commas, double-quoted fields with `""` escapes, CRLF, LF or CR, each
 * read as `\n`, in a quoted field too). A leading byte-order mark and blank lines (empty, or spaces and tabs alone) are
 * dropped.
 *
 * @example
 * parseCsv("email,plan\na@example.com,Pro\n"); // [["email", "plan"], ["a@example.com", "Pro"]]
 */
export function parseCsv(text: string, field?: string): string[][] {
  return parseCsvLines(text, field).map((row) => row.fields);
}

/**
 * Like {@link parseCsv}, with the line each row starts on (a quoted field may span lines and blank lines are dropped,
 * so the row's index alone does not say where it is) and its text, to upload the rows without the blank lines.
 *
 * @example
 * parseCsvLines("email\n\na@example.com\n"); // [{ fields: ["email"], line: 1, text: "email" }, { fields: ["a@example.com"], line: 3, text: "a@example.com" }]
 */
export function parseCsvLines(text: string, field = "csv"): CsvRow[] {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let value = "";
  let line = 1;
  let rowStart = 1;
  let start = 0;
  // The line a quoted field's opening quote is on while the field is open, else 0 (lines count from 1).
  let quotedFrom = 0;
  if (typeof text !== "string") throw fieldError(field, `must be CSV text (a string), not ${describeValue(text)}`);
  // A line break after the text ends its last row as any other row is ended (after a line break of its own, it ends
  // a blank line, which is dropped). Every line break one kind: a Rails CSV reader takes the first it meets for the
  // row separator, and a bare \n after a \r\n for part of a field.
  const source = `${text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n")}\n`;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quotedFrom) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          value += '"';
          i++;
        } else quotedFrom = 0;
      } else {
        if (char === "\n") line++;
        value += char;
      }
    } else if (char === '"' && !value) quotedFrom = line;
    else if (char === ",") {
      row.push(value);
      value = "";
    } else if (char === "\n") {
      row.push(value);
      value = "";
      // A line of spaces or tabs alone is blank too (an editor's leftover), not a row of one field.
      if (row.length > 1 || row[0]!.trim()) rows.push({ fields: row, line: rowStart, text: source.slice(start, i) });
      start = i + 1;
      row = [];
      line++;
      rowStart = line;
    } else value += char;
  }
  if (quotedFrom) throw fieldError(field, `line ${quotedFrom}: a quote is never closed; add the closing '"'`);
  return rows;
}
