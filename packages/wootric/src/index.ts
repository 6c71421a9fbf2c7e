export {
  unwrapWebhook,
  WebhookVerificationError,
  type WebhookFailure,
  type WebhookHeaders,
  type WootricWebhookEvent,
  type ResponseCreatedEvent,
  type ResponseUpdatedEvent,
  type DeclineCreatedEvent,
} from "./webhooks.js";
export type { paths, components, operations, webhooks } from "./generated/schema.js";
