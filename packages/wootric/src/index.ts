// properties.js first, for bundle size only (about 12 bytes without openapi-fetch): it imports nothing. No side effects.
export { properties, type Properties, type PropertyInput } from "./properties.js";
// webhooks.js before the shared pieces, for bundle size only: gzip finds more repeated text in that module order. No
// side effects.
export {
  unwrapWebhook,
  WebhookVerificationError,
  type UnwrapWebhookOptions,
  type WebhookFailure,
  type WebhookHeaders,
  type WootricWebhookEvent,
  type ResponseCreatedEvent,
  type ResponseUpdatedEvent,
  type DeclineCreatedEvent,
} from "./webhooks.js";
export { sendEmailSurveyCsv, checkEmailSurveyCsv, MAX_CSV_ROWS, type EmailSurveyCsvOptions } from "./email-survey-csv.js";
// Every error class of the runtime, so that `instanceof` works without importing @apis/runtime.
export * from "@apis/runtime/errors";
// list-all.js, the shared pieces, client.js, email-survey.js and end-users.js last, in that order, for bundle size only:
// gzip finds more repeated text in that module order. No side effects.
export { listAll, MAX_PAGE, MAX_PER_PAGE, type ListAllOptions, type PagedLists } from "./list-all.js";
// The account's auth and pacing, shared with @apis/wootric-cxi: one token source can serve both clients.
export {
  createWootricTokenSource,
  RATE_LIMIT_HEADERS,
  type WootricAuth,
  type WootricRateLimit,
  type WootricTokenSourceOptions,
} from "@apis/wootric-cxi";
export { createClient, DEFAULT_BASE_URL, DEFAULT_TOKEN_URL, type ClientOptions, type WootricClient } from "./client.js";
export { sendEmailSurvey, MAX_EMAILS, type EmailSurveyRequest, type EmailSurveyResult } from "./email-survey.js";
export { getEndUserByEmail, getEndUserByExternalId } from "./end-users.js";
export type * from "./types.js";
export type { paths, components, operations, webhooks } from "./generated/schema.js";
