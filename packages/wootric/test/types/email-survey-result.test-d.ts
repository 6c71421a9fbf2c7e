// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): the e-mail survey helpers resolve undefined on an
// empty 2xx (Wootric's success body is undocumented: the spec's object is a guess), and their type says so.
import { expectTypeOf } from "vitest";
import { sendEmailSurvey, sendEmailSurveyCsv, type EmailSurveyResult, type WootricClient } from "../../src/index.js";

declare const wootric: WootricClient;

export async function anEmptyAnswerIsUndefined(): Promise<void> {
  const sent = await sendEmailSurvey(wootric, { emails: ["a@example.com"] });
  expectTypeOf(sent).toEqualTypeOf<EmailSurveyResult | undefined>();
  expectTypeOf(await sendEmailSurveyCsv(wootric, "email\na@example.com\n")).toEqualTypeOf<EmailSurveyResult | undefined>();
  // @ts-expect-error: the answer may be undefined, so it is checked before it is read
  void sent["queued"];
  void sent?.["queued"];
}
