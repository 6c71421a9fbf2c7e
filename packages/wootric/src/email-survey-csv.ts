import { checkClient, checkOptionNames, dataOrThrow, describeValue, fieldError, InputError, isFieldObject, nameShown, shown, toBase64, toFormUrlEncoded } from "@apis/runtime";
import { decodeCsv, parseCsvLines, type CsvRow } from "@apis/wootric-cxi";
import type { WootricClient } from "./client.js";
import { checkEmail, checkSendOptions, SEND_OPTIONS, type EmailSurveyResult } from "./email-survey.js";
import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** The options of {@link sendEmailSurveyCsv}: every field of the CSV send but the file itself, and a signal. */
export type EmailSurveyCsvOptions = Omit<Schemas["EmailSurveyCsvBase64"], "csv"> & { signal?: AbortSignal | undefined };

// Every option of the CSV send, checked by name as sendEmailSurvey's fields are; the compiler checks it against the type.
const CSV_OPTIONS = [...SEND_OPTIONS, "delivery_time", "custom_sender_email", "send_to_email_field", "unique_identifier_field", "signal"] as const satisfies readonly (keyof EmailSurveyCsvOptions)[];
true satisfies [Exclude<keyof EmailSurveyCsvOptions, (typeof CSV_OPTIONS)[number]>] extends [never] ? true : false;

/** At most 5000 rows per `POST /v1/email_survey_csv` (vendor doc, "Email Survey CSV"). */
export const MAX_CSV_ROWS = 5000;
/** The column that names each row's language; it needs `survey_settings.survey_template_id`. */
export const LANGUAGE_COLUMN = "___language";

// The options of both functions, checked alike (a check that passes must send): a plain object of known names (a misspelt
// send_to_email_field would read as no email column), those in survey_settings and the delay, delivery_time, and
// unique_identifier_field only with send_to_email_field. A JavaScript caller's null means the same as none.
function checkCsvOptions(options: EmailSurveyCsvOptions | undefined, name: string): EmailSurveyCsvOptions {
  const given = options ?? {};
  checkOptionNames(given, CSV_OPTIONS, name);
  // A Map, a URLSearchParams or an empty list has no option names of its own: every option would be dropped.
  if (!isFieldObject(given)) throw fieldError("options", `must be an object, got ${describeValue(given)}`);
  checkSendOptions(given);
  const time = given.delivery_time;
  if (time !== undefined && (typeof time !== "string" || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))) {
    throw fieldError("delivery_time", `must be a UTC time hh:mm (24 h), e.g. "09:30", got ${shown(time)}`);
  }
  if (given.unique_identifier_field !== undefined && given.send_to_email_field === undefined) {
    throw fieldError("unique_identifier_field", "needs send_to_email_field too: the column of each receiver's address");
  }
  return given;
}

/**
 * Checks a CSV for `POST /v1/email_survey_csv` against the vendor's rules before it is uploaded: a header that names no
 * column twice and whose first column is `email` (or that has the `send_to_email_field` column), 1 to 5000 rows, as
 * many fields on each row as in the header, an e-mail address on every row, whole numbers (or nothing) in `*_amount`
 * columns, Unix timestamps in seconds (or nothing) in `*_date` columns, and a survey template when a `___language`
 * column is present, and a `send_to_email_field` and `unique_identifier_field` that name columns of the header; and the
 * options as {@link sendEmailSurveyCsv} checks them (their names, those in `survey_settings`, the delay, `delivery_time`).
 * Throws an {@link InputError} naming the line and column at fault. Returns the rows it checked, header first, without
 * the blank lines (see `parseCsvLines`).
 *
 * @example
 * checkEmailSurveyCsv("email,plan,___context:first_name\njane@example.com,Pro,Jane\n");
 */
export function checkEmailSurveyCsv(text: string, options?: EmailSurveyCsvOptions): CsvRow[] {
  // As sendEmailSurveyCsv checks them: a check that passes must send.
  options = checkCsvOptions(options, "checkEmailSurveyCsv");
  const [header, ...rows] = parseCsvLines(text);
  if (!header) throw fieldError("csv", "is empty: it needs a header row (email first), then one row per address");
  // As uploaded, untrimmed: Wootric would read a column named "email " as no email column (a guess: its docs do not
  // say; a Rails CSV reader keeps names as written).
  const columns = header.fields;
  // Two columns of one name would be one end-user property (or address) with two values, which the docs do not say
  // Wootric keeps: refused, as checkImportCsv refuses it. Blank cells name no property (a spreadsheet leaves them after
  // the last column). A Set, not indexOf per column, as checkImportCsv learnt: that was quadratic.
  const seen = new Set();
  const repeated = columns.find((name) => name && (seen.has(name) || !seen.add(name)));
  if (repeated) throw new InputError(`csv: column ${nameShown(repeated)}`, `csv has the column ${shown(repeated)} twice: column names must be unique`);
  if (columns.includes(LANGUAGE_COLUMN) && options.survey_settings?.survey_template_id === undefined) {
    throw new InputError("survey_settings.survey_template_id", `csv's ${LANGUAGE_COLUMN} column needs survey_settings.survey_template_id: the template of those languages`);
  }
  // Each names a column (the vendor's doc: the receiver's address, and the one that sets the end user's e-mail): one the
  // header lacks would send to no one, or leave every end user without its identifier, without a word.
  for (const option of ["send_to_email_field", "unique_identifier_field"] as const) {
    const column = options[option];
    if (column !== undefined && !columns.includes(column)) throw fieldError(option, `names the column ${shown(column)}, not in the CSV's header`);
  }
  const receiver = options.send_to_email_field;
  // The column of each row's address: send_to_email_field's (in the header), else email's, which must be the first.
  const emailColumn = columns.indexOf(receiver ?? "email");
  if (receiver === undefined && emailColumn) {
    const at = columns.findIndex((name) => name.trim().toLowerCase() == "email");
    throw new InputError(
      "csv: column email",
      `csv line ${header.line}: the first column must be email (the address to survey), but the header ${at < 0 ? (columns.length == 1 && /[;\t]/.test(columns[0]!) ? "is one column: separate columns with commas" : "has no email column") : !at ? `names it ${shown(columns[0])}: the name is exact, lower case` : `has it as column ${at + 1}`}`,
    );
  }
  if (!rows.length) throw fieldError("csv", "has a header but no rows: add one row per address to survey");
  if (rows.length > MAX_CSV_ROWS) throw fieldError("csv", `has ${rows.length} rows, over Wootric's ${MAX_CSV_ROWS} per request: split it (row ${MAX_CSV_ROWS + 1} is on line ${rows[MAX_CSV_ROWS]!.line})`);
  // The address column's name as every row's error writes it: read once (nameShown reads the name for credentials).
  const emailName = nameShown(columns[emailColumn]!);
  // Each column's kind, read from the header once (___context: columns fill {{name}} in subject and intro: text).
  const kinds = columns.map((column) => /^(?!___).*_(amount|date)$/.exec(column)?.[1]);
  for (const { fields, line } of rows) {
    if (fields.length != columns.length) throw new InputError(`csv: line ${line}`, `csv line ${line} has ${fields.length} fields but the header has ${columns.length}: ${fields.length < columns.length ? "write empty fields as" : "quote values with"} commas`);
    // As it is uploaded: a space after the comma before it would be part of the address Wootric reads.
    checkEmail(fields[emailColumn]!, `csv: line ${line}, column ${emailName}`);
    columns.forEach((column, at) => {
      const kind = kinds[at];
      const value = fields[at]!.trim();
      const date = kind == "date";
      // Columns become end-user properties: Wootric reads *_date as a Unix timestamp (vendor doc "Custom Attributes",
      // Wootric/slate _custom_fields.md: "dates must be in Unix timestamp format and suffixed with _date"), in seconds (more
      // than 10 digits is milliseconds, which properties() refuses too); *_amount takes whole numbers.
      if (kind && value && !(date ? /^-?\d{1,10}$/ : /^-?\d+$/).test(value)) {
        throw new InputError(
          `csv: line ${line}, column ${nameShown(column)}`,
          `csv line ${line} has ${shown(value)} in ${shown(column)}: a column ending in _${kind} takes ${date ? "a Unix timestamp in seconds" : "whole numbers"}`,
        );
      }
    });
  }
  return [header, ...rows];
}

/**
 * Sends e-mail surveys from a CSV (`POST /v1/email_survey_csv`), given as text, a Blob or a File: one survey per row,
 * other columns becoming end-user properties (`___context:<name>` columns fill `{{name}}` in `subject` and `intro`).
 * The CSV is checked by {@link checkEmailSurveyCsv} first, so a bad file fails here with the line at fault, then the
 * rows it checked are uploaded, each ended by `\n` and without blank lines, as the Base64url `csv` field the docs describe. Returns Wootric's answer, or `undefined` when the 2xx has no
 * body (the surveys were accepted all the same); a refusal throws the status-keyed `ApiError` with the vendor's body.
 *
 * @example
 * await sendEmailSurveyCsv(wootric, await fs.openAsBlob("survey.csv"), { survey_immediately: true, subject: "Hello {{first_name}}!" });
 */
export async function sendEmailSurveyCsv(client: WootricClient, csv: string | Blob, options?: EmailSurveyCsvOptions): Promise<EmailSurveyResult | undefined> {
  checkClient(client);
  // Checked before the file is read (checkEmailSurveyCsv checks them again, after).
  const { signal, ...fields } = checkCsvOptions(options, "sendEmailSurveyCsv");
  // The rows checked, each ended by \n: no blank line (Wootric would read one as a row without an address), one kind of
  // line break, in quoted fields too (a Rails CSV reader takes the first it meets for the row separator).
  const text = checkEmailSurveyCsv(await decodeCsv(csv, "csv"), fields).map((row) => row.text + "\n").join("");
  const result = await client.POST("/v1/email_survey_csv", {
    // The CSV's UTF-8 bytes in Base64 with the URL- and filename-safe alphabet (RFC 4648 §5), padded like the vendor's sample.
    body: { ...fields, csv: toBase64(new TextEncoder().encode(text)).replace(/\+/g, "-").replace(/\//g, "_") },
    // The spec's second form of this body: the Base64url string in an urlencoded form, as the vendor's curls send it.
    bodySerializer: toFormUrlEncoded,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    // As sendEmailSurvey's: a redirect throws, rather than resolving what a GET of its Location answers.
    redirect: "manual",
    signal: signal || null,
  });
  return dataOrThrow(result, "POST");
}
