import { openAsBlob } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { checkImportCsv, createClient, InputError, MAX_IMPORT_BYTES } from "../../src/index.js";
import { parseCsv, parseCsvLines, readCsv } from "../../src/csv.js";

function problem(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("parseCsv", () => {
  it("reads quoted fields with commas, escaped quotes and line breaks", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"\nthere'],
    ]);
  });

  it("drops a byte-order mark and blank lines, spaces and tabs alone included", () => {
    expect(parseCsv("\uFEFFa,b\n\n  \n1,2\n\t\n\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("keeps a quote inside an unquoted field as written (a size in inches), as spreadsheets read it", () => {
    // Only a field's first character opens a quoted field: read otherwise, the rest of the file became one open field.
    expect(parseCsv('feedback,size\nGreat screen,5" wide\nToo small,4"\n')).toEqual([
      ["feedback", "size"],
      ["Great screen", '5" wide'],
      ["Too small", '4"'],
    ]);
  });

  it("rejects a quoted field that is never closed, naming its line", () => {
    expect(problem(() => parseCsv('a\n"open\nstill open')).message).toContain("line 2");
  });
});

describe("parseCsvLines", () => {
  it("gives each row the line it starts on, across blank lines, CRLF and quoted line breaks", () => {
    const rows = parseCsvLines('email,note\r\n\r\na@example.com,"two\nlines"\nb@example.com,x\n');
    expect(rows).toEqual([
      { fields: ["email", "note"], line: 1, text: "email,note" },
      { fields: ["a@example.com", "two\nlines"], line: 3, text: 'a@example.com,"two\nlines"' },
      { fields: ["b@example.com", "x"], line: 5, text: "b@example.com,x" },
    ]);
  });

  it("gives each row's text as written, its quoting kept and every line break (CRLF, CR or LF) read as \\n", () => {
    const rows = parseCsvLines('a,b\r1,"x\r\ny"\r\n"",""""\n\r\n  \r3,4');
    expect(rows).toEqual([
      { fields: ["a", "b"], line: 1, text: "a,b" },
      { fields: ["1", "x\ny"], line: 2, text: '1,"x\ny"' },
      { fields: ["", '"'], line: 4, text: '"",""""' },
      { fields: ["3", "4"], line: 7, text: "3,4" },
    ]);
  });
});

describe("checkImportCsv", () => {
  it("accepts every feedback_date format the vendor documents and blank or integer scores", () => {
    expect(() =>
      checkImportCsv(
        "feedback_date,feedback,score,user_id,plan\n" +
          "2020-07-16 15:45:00,Great,9,u1,Lite\n2020-07-16 15:45,Fine,,u2,Pro\n2020-07-16,\"Slow, but ok\",5,u3,\n1504948149,Meh,-1,u4,Pro\n",
      ),
    ).not.toThrow();
  });

  it("rejects a CSV without a feedback_date column and points at a near miss", () => {
    const error = problem(() => checkImportCsv("Feedback Date,score\n2020-01-01,9\n"));
    expect(error.field).toBe("csv: column feedback_date");
    expect(error.message).toContain('found "Feedback Date"');
  });

  // Excel in many locales writes semicolons: the header reads as one column, which has no feedback_date column either.
  it.each(["feedback_date;score\n2020-01-01;9\n", "feedback_date\tscore\n2020-01-01\t9\n"])("names a header read as one column holding semicolons or tabs (%j)", (csv) => {
    const error = problem(() => checkImportCsv(csv));
    expect(error.field).toBe("csv: column feedback_date");
    expect(error.message).toBe("csv has no feedback_date column, which imports need: its header is one column; separate columns with commas");
  });

  it("checks column names as they are uploaded: feedback_date with a space after it is no feedback_date column", () => {
    const error = problem(() => checkImportCsv("feedback_date ,score\n2020-01-01,9\n"));
    expect(error.field).toBe("csv: column feedback_date");
    expect(error.message).toBe('csv has no feedback_date column, which imports need (found "feedback_date ": names are exact)');
  });

  // Written after ", " as a spreadsheet may, the score column would be uploaded as a custom property: no score imported,
  // and a bad score not caught here.
  it.each(["feedback_date, score\n2020-01-01, 9\n", "feedback_date,score \n2020-01-01,nine\n"])("checks column names as they are uploaded: a score column with white space around its name is refused (%j)", (csv) => {
    const error = problem(() => checkImportCsv(csv));
    expect(error.field).toBe("csv: column score");
    expect(error.message).toMatch(/^csv has the column " ?score ?", which is no score column: names are exact$/);
  });

  it("takes a column named Score as a custom property of its own, not as a misspelt score column", () => {
    expect(() => checkImportCsv("feedback_date,Score\n2020-01-01,high\n")).not.toThrow();
  });

  it.each(["tags", "wootric_response_id", "Tags"])("rejects the reserved column %s", (column) => {
    const error = problem(() => checkImportCsv(`feedback_date,${column}\n2020-01-01,x\n`));
    expect(error.message).toContain("reserves");
    expect(error.field).toBe(`csv: column ${column}`);
  });

  it("rejects a feedback_date in a format the vendor does not take, naming the row", () => {
    const error = problem(() => checkImportCsv("feedback_date\n2020-01-01\n16/07/2020\n"));
    expect(error.field).toBe("csv: row 3, column feedback_date");
    expect(error.message).toContain("16/07/2020");
  });

  it.each([
    ["2024-02-29", "February 29 of a leap year"],
    ["2000-02-29", "February 29 of a leap year divisible by 400"],
    ["2021-04-30", "the last day of a 30-day month"],
    ["2021-12-31", "the last day of the year"],
    ["2021-01-01 00:00", "midnight, with hh:mm"],
    ["2024-02-29 23:59:59", "February 29 of a leap year, with hh:mm:ss"],
    ["2021-02-03 23:59", "the last minute of a day, with hh:mm"],
    ["2021-02-03 00:00:00", "the first second of a day, with hh:mm:ss"],
    ["1504948149", "a Unix timestamp"],
    ["100000000", "the first timestamp of nine digits, in 1973"],
    ["9999999999", "the last of ten, in 2286"],
  ])("accepts the feedback_date %s (%s)", (date) => {
    expect(() => checkImportCsv(`feedback_date
${date}
`)).not.toThrow();
  });

  it.each([
    ["2020-13-45", "month 13 and day 45"],
    ["2020-13-01", "month 13"],
    ["2020-00-10", "month 0"],
    ["2020-01-00", "day 0"],
    ["2020-01-32", "day 32"],
    ["2021-04-31", "April 31"],
    ["2021-02-29", "February 29 of a common year"],
    ["1900-02-29", "February 29 of a century that is not a leap year"],
    ["2020-02-30", "February 30 of a leap year"],
    ["2021-02-29 10:00", "February 29 of a common year, with hh:mm"],
    ["2020-13-45 15:45:00", "month 13, with hh:mm:ss"],
    ["2021-02-03 25:99", "hour 25 and minute 99"],
    ["2021-02-03 24:00", "hour 24, which a Date would roll over to the next day"],
    ["2021-02-03 23:60", "minute 60"],
    ["2021-02-03 12:34:60", "second 60"],
    ["2021-02-03 12:34:99", "second 99"],
    ["1504948149000", "a Unix timestamp in milliseconds, as Date.now() gives them, which the vendor reads as the year 49 660"],
    // Digits, but no timestamp of a response: each would be read as a day of 1970.
    ["20200716", "a date written yyyymmdd"],
    ["44028", "a spreadsheet's day number (2020-07-16 in Excel)"],
    ["0", "the epoch"],
    ["99999999", "a timestamp before 1973"],
  ])("rejects the feedback_date %s (%s), naming the row's line and the column", (date) => {
    const error = problem(() => checkImportCsv(`feedback_date,feedback
2020-07-16,fine

${date},late
`));
    expect(error.field).toBe("csv: row 4, column feedback_date");
    expect(error.message).toBe(
      `csv row 4 has feedback_date "${date}": use a Unix timestamp in seconds or a real date as yyyy-mm-dd, yyyy-mm-dd hh:mm or yyyy-mm-dd hh:mm:ss`,
    );
  });

  it("quotes a feedback_date that took a whole comment (columns swapped) cut to 100 characters", () => {
    // The header names feedback first, the rows write the date first: each comment lands in feedback_date.
    const comment = `The agent was helpful, ${"and then some more of a long customer comment ".repeat(200)}call me at 555-0199`;
    const error = problem(() => checkImportCsv(`feedback,feedback_date\n2020-07-16,"${comment}"\n`));
    expect(error.field).toBe("csv: row 2, column feedback_date");
    expect(error.message).toBe(
      `csv row 2 has feedback_date "${comment.slice(0, 97)}...": use a Unix timestamp in seconds or a real date as yyyy-mm-dd, yyyy-mm-dd hh:mm or yyyy-mm-dd hh:mm:ss`,
    );
  });

  it("shows a character no one can see that makes a feedback_date fail, and a column's bidi override, as escapes", () => {
    // A zero-width space is no white space to trim(); a spreadsheet or a copy from a web page leaves one behind.
    expect(problem(() => checkImportCsv("feedback_date\n2020-07-16\u200b\n")).message).toMatch(/^csv row 2 has feedback_date "2020-07-16\\u200b": use/);
    // A header that misses feedback_date only by a no-break space: the hint shows it.
    expect(problem(() => checkImportCsv("feedback\u00a0date,score\nx,1\n")).message).toBe('csv has no feedback_date column, which imports need (found "feedback\\u00a0date": names are exact)');
    const error = problem(() => checkImportCsv("feedback_date,note\u202eeton,note\u202eeton\n2020-07-16,a,b\n"));
    expect(error.message).toBe('csv has the column "note\\u202eeton" twice: column names must be unique');
    // The field too, which a log or a form puts beside its input: no raw override in it.
    expect(error.field).toBe('csv: column "note\\u202eeton"');
  });

  it("names a repeated column in the error's field as its message does: terminal controls escaped, a client's credential redacted", () => {
    const token = "cxi-import-column-token-0123456789";
    // A client remembers its credential when it is made, to redact it from every error.
    expect(createClient({ baseUrl: "https://cxi.test", auth: { type: "token", accessToken: token } })).toBeDefined();
    const pasted = problem(() => checkImportCsv(`feedback_date,${token},${token}\n2020-07-16,a,b\n`));
    expect(pasted.field).toBe('csv: column "[redacted]"');
    expect(`${JSON.stringify(pasted)} ${pasted.stack}`).not.toContain(token);
    const controls = problem(() => checkImportCsv("feedback_date,\u001b]0;x\u0007,\u001b]0;x\u0007\n2020-07-16,a,b\n"));
    expect(controls.field).toBe('csv: column "\\u001b]0;x\\u0007"');
    expect(controls.message).toBe('csv has the column "\\u001b]0;x\\u0007" twice: column names must be unique');
  });

  it("checks a wide header for repeated columns without searching it once per column", () => {
    // One indexOf over the header per column made the check quadratic: 100 000 columns (a 790 KB file) took 12 s.
    const columns = Array.from({ length: 20_000 }, (_, i) => `property_${i}`);
    const csv = `feedback_date,${columns.join(",")}\n2020-01-01${",".repeat(columns.length)}\n`;
    const indexOf = vi.spyOn(Array.prototype, "indexOf");
    let searches: number;
    try {
      checkImportCsv(csv);
    } finally {
      searches = indexOf.mock.calls.length;
      indexOf.mockRestore();
    }
    // Finding the feedback_date and score columns.
    expect(searches).toBeLessThan(10);
  });

  it("names a row by the line it starts on, past blank lines and comments that span lines", () => {
    expect(problem(() => checkImportCsv("feedback_date,score\n\n2020-01-01,x\n")).field).toBe("csv: row 3, column score");
    const multiline = 'feedback_date,feedback\n2020-01-01,"Great,\nreally great"\n2020-01-02,"Slow"\n16/07/2020,Fine\n';
    const error = problem(() => checkImportCsv(multiline));
    expect(error.field).toBe("csv: row 5, column feedback_date");
    expect(error.message).toContain("row 5 has feedback_date");
  });

  it("rejects a missing feedback_date value", () => {
    expect(problem(() => checkImportCsv("feedback,feedback_date\nhello,\n")).field).toBe("csv: row 2, column feedback_date");
  });

  it("rejects a score that is not an integer", () => {
    expect(problem(() => checkImportCsv("feedback_date,score\n2020-01-01,9.5\n")).field).toBe("csv: row 2, column score");
  });

  it("asks for the missing fields of a row shorter than the header, where quoting would not help", () => {
    // A spreadsheet that leaves trailing empty fields out writes "2020-01-01,Great" under three columns.
    expect(problem(() => checkImportCsv("feedback_date,feedback,score\n2020-01-01,Great\n")).message).toBe(
      "csv row 2 has 2 fields but the header has 3: write empty fields as commas",
    );
  });

  it("rejects a row whose field count differs from the header, since a value would be lost", () => {
    expect(problem(() => checkImportCsv("feedback_date,feedback\n2020-01-01,a,b\n")).message).toBe("csv row 2 has 3 fields but the header has 2: quote values that contain commas");
  });

  it("rejects a repeated column, an empty file and a header without rows", () => {
    expect(problem(() => checkImportCsv("feedback_date,plan,plan\n2020-01-01,a,b\n")).message).toContain("twice");
    expect(problem(() => checkImportCsv("")).message).toContain("empty");
    expect(problem(() => checkImportCsv("feedback_date\n")).message).toContain("no rows");
  });
});

describe("readCsv", () => {
  it("refuses text of 10 MB or more before doing anything else", async () => {
    const big = "x".repeat(MAX_IMPORT_BYTES);
    await expect(readCsv(big, MAX_IMPORT_BYTES, "csv")).rejects.toThrow(/under 10 MB/);
  });

  it("counts UTF-8 bytes, not characters", async () => {
    const text = "é".repeat(MAX_IMPORT_BYTES / 2);
    await expect(readCsv(text, MAX_IMPORT_BYTES, "csv")).rejects.toThrow(`${MAX_IMPORT_BYTES} bytes`);
  });

  it("refuses a Blob that is too large by its size alone", async () => {
    const blob = new Blob([new Uint8Array(MAX_IMPORT_BYTES)]);
    await expect(readCsv(blob, MAX_IMPORT_BYTES, "csv")).rejects.toBeInstanceOf(InputError);
  });

  it("refuses a Blob that is not UTF-8", async () => {
    const latin1 = new Blob([new Uint8Array([0x66, 0x65, 0xe9, 0x0a])]);
    await expect(readCsv(latin1, MAX_IMPORT_BYTES, "csv")).rejects.toThrow(/not valid UTF-8/);
  });

  it("fails with the platform's read error, not a UTF-8 one, for a file changed since it was opened as a Blob", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-"));
    try {
      const path = join(dir, "import.csv");
      await writeFile(path, "feedback_date,score\n2020-01-01,9\n");
      const blob = await openAsBlob(path);
      await writeFile(path, "feedback_date,score\n2020-01-01,9\n2020-01-02,7\n");
      const error = await readCsv(blob, MAX_IMPORT_BYTES, "csv").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(InputError);
      expect((error as Error).name).toBe("NotReadableError");
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("refuses something that is neither text nor a Blob", async () => {
    await expect(readCsv(42 as unknown as string, MAX_IMPORT_BYTES, "csv")).rejects.toThrow(/CSV text, a Blob or a File/);
  });
});
