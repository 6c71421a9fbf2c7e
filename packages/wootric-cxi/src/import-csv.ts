import { checkClient, checkOptionNames, fieldError, idOrThrow, InputError, multipartFormData, shown } from "@apis/runtime";
import type { WootricCxiClient } from "./client.js";
import { parseCsvLines, readCsv, type CsvRow } from "./csv.js";
import type { ImportDetail } from "./types.js";

/** Imports only take CSV files under 10 MB (vendor doc, "Create an import": Limits). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Columns the vendor reserves for itself; a CSV that has one is rejected. */
export const RESERVED_IMPORT_COLUMNS = ["tags", "wootric_response_id"] as const;

// The time, when given, on the clock: hours 00-23, minutes and seconds 00-59. A timestamp in seconds: 10 digits reach
// 2286, more are milliseconds (Date.now()), which the vendor would read as a date 50 000 years on; fewer than 9 are
// before 1973, and more likely a date written 20200716 or a spreadsheet's day number (44028), each a day of 1970.
const FEEDBACK_DATE = /^(\d{9,10}|\d{4}-\d\d-\d\d( ([01]\d|2[0-3])(:[0-5]\d){1,2})?)$/;
const INTEGER = /^-?\d+$/;

/**
 * Creates an import (`POST /v1/imports`) from a CSV given as text, a Blob or a File, after checking it with
 * {@link checkImportCsv} and the 10 MB limit, so a bad file fails here with a clear error instead of at the vendor. It
 * uploads the rows it checked, each ended by `\n`: no blank line, which Wootric would read as a row without its feedback_date.
 * The import is named after `filename` (default: the File's name, else `import.csv`). Returns the import with the
 * responses made of its rows (`ImportDetail`); a refusal throws the status-keyed `ApiError` (`BadRequestError`,
 * `UnprocessableEntityError`, ...) with the vendor's body, and a 2xx without the import's integer id an
 * `InvalidResponseError` whose `body` holds what came.
 *
 * @example
 * const created = await importCsv(cxi, await fs.openAsBlob("responses.csv"), { filename: "responses.csv" });
 * console.log(created.id);
 */
export async function importCsv(
  client: WootricCxiClient,
  csv: string | Blob,
  options?: { filename?: string | undefined; signal?: AbortSignal | undefined },
): Promise<ImportDetail> {
  checkClient(client);
  // A JavaScript caller's null options read as none, as left out.
  checkOptionNames(options ?? {}, ["filename", "signal"], "importCsv");
  const named = options?.filename;
  if (named !== undefined && (typeof named !== "string" || !named)) {
    throw fieldError("filename", "(the import's name) must be a non-empty string or left out");
  }
  const text = await readCsv(csv, MAX_IMPORT_BYTES, "csv");
  const checked = checkImportCsv(text);
  // A File's name; a string or a bare Blob has none.
  const filename = named ?? ((csv as Partial<File>).name || "import.csv");
  const result = await client.POST("/v1/imports", {
    body: { file: new Blob(checked.map((row) => row.text + "\n"), { type: "text/csv" }) },
    // The part needs a filename (the vendor names the import after it), which a bare Blob does not carry.
    bodySerializer: (body) => multipartFormData(body, () => filename),
    signal: options?.signal || null,
  });
  // The import may have been made all the same: the error's `body` keeps what came (an id in an envelope or a list).
  return idOrThrow(result, "POST", "but no import id (see body): look for it with GET /v1/imports");
}

/**
 * Checks an import CSV against the vendor's rules before it is uploaded: a `feedback_date` column with a valid value
 * on every row (a Unix timestamp in seconds from 1973 on, 9 or 10 digits, `yyyy-mm-dd`, `yyyy-mm-dd hh:mm` or `yyyy-mm-dd hh:mm:ss`, whose day must be in the
 * calendar and time on the clock: not 2020-13-45, 2021-02-29 nor 2021-02-03 25:99), integer or blank
 * `score`s, no reserved column, no repeated column, no `score` column with white space around its name, and as many
 * fields on each row as in the header.
 * Throws an {@link InputError} naming the row (by the line it starts on, as an editor counts) and column at fault.
 * Returns the rows it checked, header first, without the blank lines (see {@link parseCsvLines}).
 *
 * @example
 * checkImportCsv("feedback_date,feedback,score\n2020-07-16,Great,9\n");
 */
export function checkImportCsv(text: string, field = "csv"): CsvRow[] {
  const lines = parseCsvLines(text, field);
  const [first, ...rows] = lines;
  if (!first) throw fieldError(field, `is empty: it needs a header with feedback_date and a row per response`);
  // As uploaded, untrimmed: the vendor would read a column named "score " as no score column (a guess: its docs do
  // not say).
  const columns = first.fields;
  // A Set, not indexOf per column: that was quadratic, and a header of 100 000 columns (under 1 MB) took 12 s.
  const seen = new Set<string>();
  columns.forEach((column) => {
    if ((RESERVED_IMPORT_COLUMNS as readonly string[]).includes(column.toLowerCase())) {
      throw new InputError(`${field}: column ${column}`, `${field} has the column ${shown(column)}, which Wootric reserves (${RESERVED_IMPORT_COLUMNS.join(", ")}): rename or remove it`);
    }
    // Quoted as in the message: a name of control characters (or a pasted credential) would go raw into logs and forms.
    if (seen.has(column)) throw new InputError(`${field}: column ${shown(column)}`, `${field} has the column ${shown(column)} twice: column names must be unique`);
    seen.add(column);
  });
  const dateColumn = columns.indexOf("feedback_date");
  if (dateColumn < 0) {
    const nearMiss = columns.find((name) => name.trim().toLowerCase().replace(/[\s-]/g, "_") === "feedback_date");
    // One column holding semicolons or tabs: a file written with another separator (Excel's in many locales).
    const separated = columns.length == 1 && /[;\t]/.test(columns[0]!);
    throw new InputError(
      `${field}: column feedback_date`,
      `${field} has no feedback_date column, which imports need${nearMiss ? ` (found ${shown(nearMiss)}: names are exact)` : separated ? ": its header is one column; separate columns with commas" : ""}`,
    );
  }
  if (!rows.length) throw fieldError(field, `has a header but no rows: add one row per response`);
  const scoreColumn = columns.indexOf("score");
  // A score column with white space around its name (", score" after a comma) would go up as another column: its
  // values unchecked, and no score imported (a guess, as above). "Score" may be a custom property of its own: allowed.
  const spaced = scoreColumn < 0 && columns.find((name) => name.trim() == "score");
  if (spaced) throw new InputError(`${field}: column score`, `${field} has the column ${shown(spaced)}, which is no score column: names are exact`);
  // By the line each row starts on: blank lines are dropped and a quoted comment may span lines.
  rows.forEach(({ fields: row, line }) => {
    if (row.length !== columns.length) {
      throw new InputError(`${field}: row ${line}`, `${field} row ${line} has ${row.length} fields but the header has ${columns.length}: ${row.length < columns.length ? "write empty fields as commas" : "quote values that contain commas"}`);
    }
    const date = row[dateColumn]!.trim();
    const day = date.slice(0, 10);
    // Past the format, a date (anything but a timestamp's digits) must be in the calendar: the Date of 2020-13-45 is
    // invalid (toJSON null, despite its type: ?. reads it as no match) and that of 2021-02-29 rolls over to March, so
    // neither gives back the day it was made of. The time's ranges are the format's.
    if (!FEEDBACK_DATE.test(date) || (!INTEGER.test(date) && !new Date(day).toJSON()?.startsWith(day))) {
      throw new InputError(
        `${field}: row ${line}, column feedback_date`,
        `${field} row ${line} has feedback_date ${shown(date)}: use a Unix timestamp in seconds or a real date as yyyy-mm-dd, yyyy-mm-dd hh:mm or yyyy-mm-dd hh:mm:ss`,
      );
    }
    // row[-1] is undefined: no score column reads as a blank score.
    const score = row[scoreColumn]?.trim();
    if (score && !INTEGER.test(score)) {
      throw new InputError(`${field}: row ${line}, column score`, `${field} row ${line} has score ${shown(score)}: scores must be integers or blank`);
    }
  });
  return lines;
}
