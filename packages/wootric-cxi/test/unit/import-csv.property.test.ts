import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkImportCsv, InputError } from "../../src/index.js";

const date = fc.oneof(
  // A timestamp of 9 or 10 digits (1973 on): fewer is refused as a yyyymmdd date or a spreadsheet day number.
  fc.integer({ min: 100_000_000, max: 9_999_999_999 }).map(String),
  fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19).replace("T", " ")),
);
// Quoted, with quotes doubled, so any text (commas, newlines) is one field.
const feedback = fc.string({ unit: "grapheme", maxLength: 30 }).map((text) => `"${text.replace(/"/g, '""')}"`);
const row = fc.tuple(date, feedback, fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined })).map(([d, f, s]) => `${d},${f},${s ?? ""}`);

describe("the Wootric import CSV checks, property-based", () => {
  it("accepts every CSV that follows the rules", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
        expect(() => checkImportCsv(`feedback_date,feedback,score\n${rows.join("\n")}\n`)).not.toThrow();
      }),
    );
  });

  it("arbitrary text never throws anything but an InputError that names the row or column", () => {
    const damaged = fc.tuple(fc.array(row), fc.string({ unit: "binary", maxLength: 5 }), fc.nat()).map(([rows, noise, at]) => {
      const csv = `feedback_date,feedback,score\n${rows.join("\n")}`;
      const cut = at % (csv.length + 1);
      return csv.slice(0, cut) + noise + csv.slice(cut);
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), damaged), (text) => {
        try {
          checkImportCsv(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).field.startsWith("csv")).toBe(true);
        }
      }),
    );
  });
});
