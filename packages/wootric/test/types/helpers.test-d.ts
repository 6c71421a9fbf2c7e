// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): the e-mail survey helpers, properties and the
// shared token source take and return what the spec says.
import { expectTypeOf } from "vitest";
import type { TokenSource } from "@apis/runtime";
import { createClient as createCxiClient } from "@apis/wootric-cxi";
import {
  createClient,
  createWootricTokenSource,
  properties,
  sendEmailSurvey,
  sendEmailSurveyCsv,
  type EmailSurveyResult,
  type Properties,
  type UnwrapWebhookOptions,
  type WootricClient,
  type WootricWebhookEvent,
  unwrapWebhook,
} from "../../src/index.js";

declare const wootric: WootricClient;

export function helpersReturnTheirData(): void {
  expectTypeOf(sendEmailSurvey(wootric, { emails: ["a@example.com"], survey_immediately: true })).resolves.toEqualTypeOf<EmailSurveyResult | undefined>();
  expectTypeOf(sendEmailSurveyCsv(wootric, "email\na@example.com\n", { delivery_time: "09:30", survey_settings: { survey_template_id: 888 } })).resolves.toEqualTypeOf<EmailSurveyResult | undefined>();
  expectTypeOf(sendEmailSurveyCsv(wootric, new Blob(["email\n"]))).resolves.toEqualTypeOf<EmailSurveyResult | undefined>();
  expectTypeOf(properties({ plan: "Pro", purchase_date: new Date() })).toEqualTypeOf<Properties>();
}

export function oneTokenSourceForBothClients(): void {
  const tokens = createWootricTokenSource({ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" }, timeoutMs: 10_000 });
  expectTypeOf(tokens).toEqualTypeOf<TokenSource>();
  createClient({ auth: { type: "tokenSource", tokens } });
  createCxiClient({ auth: { type: "tokenSource", tokens } });
}

export function webhookReplayWindow(): void {
  expectTypeOf<keyof UnwrapWebhookOptions>().toEqualTypeOf<"maxAgeMs">();
  expectTypeOf(unwrapWebhook("body", new Headers(), "secret", { maxAgeMs: 300_000 })).resolves.toEqualTypeOf<WootricWebhookEvent>();
  // @ts-expect-error: the window is a number of milliseconds
  void unwrapWebhook("body", new Headers(), "secret", { maxAgeMs: "5m" });
}

export function refusedAtCompileTime(): void {
  // @ts-expect-error: emails is required
  void sendEmailSurvey(wootric, { survey_immediately: true });
  // @ts-expect-error: e-mail addresses are strings
  void sendEmailSurvey(wootric, { emails: [42] });
  // @ts-expect-error: delay is a number of days
  void sendEmailSurvey(wootric, { emails: ["a@example.com"], delay: "8" });
  // @ts-expect-error: the CSV is text or a Blob
  void sendEmailSurveyCsv(wootric, 42);
  // @ts-expect-error: the csv field is the helper's to fill
  void sendEmailSurveyCsv(wootric, "email\n", { csv: "ZW1haWw=" });
  // @ts-expect-error: properties are one level deep
  properties({ plan: { tier: "gold" } });
  // @ts-expect-error: a token source is made of credentials that fetch tokens
  createWootricTokenSource({ auth: { type: "tokenSource", tokens: createWootricTokenSource({ auth: { type: "token", accessToken: "a", refreshToken: "r" } }) } });
  // @ts-expect-error: auth.tokens must be a token source
  createClient({ auth: { type: "tokenSource", tokens: "abc" } });
}

export function createEndUserNeedsEmail(): void {
  // The docs' table marks every field of a create but email "(optional)"; an update sends any subset.
  void wootric.POST("/v1/end_users", { body: { email: "a@example.com", external_id: "e-1" } });
  // @ts-expect-error: a new end user needs its email
  void wootric.POST("/v1/end_users", { body: { external_id: "e-1" } });
  void wootric.PUT("/v1/end_users/{id}", { params: { path: { id: "1" } }, body: { external_id: "e-1" } });
}

export function createResponseNeedsItsOrigin(): void {
  // The docs' table marks text, created_at and end_user.properties "(optional)", not ip_address or origin_url.
  const path = { end_user_id: 2 };
  void wootric.POST("/v1/end_users/{end_user_id}/responses", { params: { path }, body: { score: 9, ip_address: "192.168.0.1", origin_url: "https://app.example.com" } });
  // @ts-expect-error: a response needs the IP address and URL it came from
  void wootric.POST("/v1/end_users/{end_user_id}/responses", { params: { path }, body: { score: 9 } });
}
