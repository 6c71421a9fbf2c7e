/** Why a webhook was refused. None of them says which bytes differed, and none carries the secret. */
export type WebhookFailure = "missing-signature" | "malformed-signature" | "signature-mismatch" | "unrecognized-payload" | "stale";

/**
 * A webhook request that `unwrapWebhook` refused. `reason` says which check failed; the message never shows the
 * signature, the expected digest or the secret.
 *
 * @example
 * try { await unwrapWebhook(body, headers, secret); } catch (error) { if (error instanceof WebhookVerificationError) return new Response(null, { status: 401 }); throw error; }
 */
export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
  // Declared, not a class field: the constructor sets it.
  declare readonly reason: WebhookFailure;

  constructor(reason: WebhookFailure) {
    const messages: Record<WebhookFailure, string> = {
      "missing-signature": "No X-Wootric-Signature header: not from Wootric, or a proxy dropped it.",
      "malformed-signature": "X-Wootric-Signature is not of the form sha1=<40 hex digits>.",
      "signature-mismatch":
        "X-Wootric-Signature does not match the body: check the webhook secret (Outgoing Webhooks) and pass the raw body.",
      "unrecognized-payload": "The signed body is no response or decline event @apis/wootric knows.",
      stale: "The event's timestamp is unreadable or over maxAgeMs from now: replayed or late.",
    };
    super(messages[reason]);
    this.reason = reason;
  }
}
