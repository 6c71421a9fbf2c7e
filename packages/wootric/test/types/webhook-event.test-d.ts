// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): a webhook event's type says what unwrapWebhook
// returns, which for an older payload has no timestamp or account_token (account_token reached Wootric's docs after
// the events; maxAgeMs refuses an event without a timestamp as stale).
import { expectTypeOf } from "vitest";
import type { components, DeclineCreatedEvent, ResponseCreatedEvent, WootricWebhookEvent } from "../../src/index.js";

declare const event: WootricWebhookEvent;

export function timestampAndAccountTokenMayBeAbsent(): void {
  expectTypeOf(event.timestamp).toEqualTypeOf<string | undefined>();
  expectTypeOf(event.account_token).toEqualTypeOf<string | undefined>();
  expectTypeOf<components["schemas"]["WebhookEventMeta"]["timestamp"]>().toEqualTypeOf<string | undefined>();
  // What unwrapWebhook returns for `response[id]=1&...&event_name=created&timestamp=t`, as an event literal.
  const older: ResponseCreatedEvent = { type: "response.created", event_name: "created", response: { id: 1, score: 9, end_user_id: 2, survey_id: 3 } };
  const decline: DeclineCreatedEvent = { type: "decline.created", event_name: "created", decline: { id: 1, end_user_id: 2, survey_id: 3 } };
  expectTypeOf([older, decline]).items.toExtend<WootricWebhookEvent>();
  // @ts-expect-error: the event's name is still required: without it the event has no type
  const nameless: DeclineCreatedEvent = { type: "decline.created", decline: { id: 1, end_user_id: 2, survey_id: 3 } };
  void nameless;
}
