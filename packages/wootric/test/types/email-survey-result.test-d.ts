// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): Wootric's answer to an e-mail survey is
// undocumented (an object, text, a number or nothing at all: the helpers hand on what came), and the helpers' type says
// so: unknown, read only after a check of one's own.
import { expectTypeOf } from "vitest";
import { sendEmailSurvey, sendEmailSurveyCsv, type EmailSurveyResult, type WootricClient } from "../../src/index.js";

declare const wootric: WootricClient;

export async function theAnswerIsUnknown(): Promise<void> {
  const sent = await sendEmailSurvey(wootric, { emails: ["a@example.com"] });
  expectTypeOf(sent).toBeUnknown();
  expectTypeOf<EmailSurveyResult>().toBeUnknown();
  expectTypeOf(await sendEmailSurveyCsv(wootric, "email\na@example.com\n")).toBeUnknown();
  // @ts-expect-error: the answer may be anything (a string, undefined), so it is checked before it is read
  void sent["queued"];
  if (typeof sent == "object" && sent !== null) void (sent as Record<string, unknown>)["queued"];
}
