// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): importCsv refuses a literal that names no
// feedback_date column (a file's path given instead of its text), which its check refuses at run time whatever else
// is passed. Text the compiler cannot know (a `string`, a template), a Blob or a File is left to that check.
import { expectTypeOf } from "vitest";
import { importCsv, type ImportDetail, type WootricCxiClient } from "../../src/index.js";

declare const cxi: WootricCxiClient;
declare const text: string;
declare const file: File;

export function textBlobsAndWhatCannotBeKnownCompile(): void {
  expectTypeOf(importCsv(cxi, "feedback_date,feedback,score\n2020-07-16,Great,9\n")).resolves.toEqualTypeOf<ImportDetail>();
  void importCsv(cxi, text);
  void importCsv(cxi, `feedback_date,score\n${text}`);
  void importCsv(cxi, new Blob([text]));
  void importCsv(cxi, file, { filename: "responses.csv" });
}

export function aLiteralWithoutFeedbackDateIsRefused(): void {
  // @ts-expect-error: a file's path, not its text (importCsv throws an InputError: no feedback_date column)
  void importCsv(cxi, "./responses.csv");
  // @ts-expect-error: a header without the column every import needs
  void importCsv(cxi, "date,feedback,score\n2020-07-16,Great,9\n");
}
