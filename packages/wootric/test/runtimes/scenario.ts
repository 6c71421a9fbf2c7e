// The runtime matrix's scenario (tools/runtimes): packed, installed outside the workspace and run unchanged on Node 18,
// 20, 22 and 24, Bun, Deno and in Chromium, against the scripted server in ./routes.ts. Only the public entry point.
// unwrapWebhook runs here too: on Node 18 its WebCrypto comes from node:crypto, in Chromium from the page, bundled.
import { ApiError, AuthenticationError, createClient, getEndUserByEmail, getEndUserByExternalId, listAll, NotFoundError, unwrapWebhook, WebhookVerificationError } from "@apis/wootric";

/** The example secret of the vendor's Ruby receiver (Wootric/slate _webhooks.md), which signed the sample. */
const WEBHOOK_SECRET = "09dfb1b73af998743fb011f8bfda8912";

const thrownBy = (error: unknown) => ({
  name: (error as Error).name,
  status: (error as ApiError).status,
  isApiError: error instanceof ApiError,
  isNotFound: error instanceof NotFoundError,
  isAuthenticationError: error instanceof AuthenticationError,
});

/** Why unwrapWebhook refused, or "accepted". */
const verdict = (unwrapped: Promise<unknown>) =>
  unwrapped.then(
    () => "accepted",
    (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : `not a WebhookVerificationError: ${String(error)}`),
  );

/** The vendor's signed sample, as the server hands it over, accepted and refused. */
async function webhooks(url: string) {
  const sample = (await (await fetch(`${url}/webhook-sample`)).json()) as { body: string; signature: string };
  const fromText = await unwrapWebhook(sample.body, { "x-wootric-signature": sample.signature }, WEBHOOK_SECRET);
  const fromBytes = await unwrapWebhook(new TextEncoder().encode(sample.body), new Headers({ "X-Wootric-Signature": sample.signature }), WEBHOOK_SECRET);
  const tampered = sample.body.replace("response[score]=7", "response[score]=10");
  return {
    type: fromText.type,
    score: fromText.type === "response.created" ? fromText.response.score : undefined,
    plan: fromText.type === "response.created" ? fromText.response.end_user_properties : undefined,
    bytesType: fromBytes.type,
    tampered: await verdict(unwrapWebhook(tampered, { "X-Wootric-Signature": sample.signature }, WEBHOOK_SECRET)),
    wrongSecret: await verdict(unwrapWebhook(sample.body, { "X-Wootric-Signature": sample.signature }, "not-the-secret")),
    missingHeader: await verdict(unwrapWebhook(sample.body, {}, WEBHOOK_SECRET)),
  };
}

/** Runs every step against the server at `url` and returns what each step saw. */
export async function run(url: string) {
  const auth = { type: "clientCredentials", clientId: "matrix-client", clientSecret: "matrix-secret" } as const;
  const wootric = createClient({ baseUrl: url, tokenUrl: `${url}/oauth/token`, auth, retryDelay: { baseMs: 1, maxMs: 5 }, rateLimit: false });
  // The first call fetches the token; the helper sets lookup_by_email and types the end user.
  const user = await getEndUserByEmail(wootric, "nps2@example.com");
  // A bracket-notation form body: email=...&properties[plan]=...
  const created = await wootric.POST("/v1/end_users", { body: { email: "new@example.com", properties: { plan: "Pro", revenue_amount: 10000 } } });
  // 503, then 200; typed by the spec.
  const summary = await wootric.GET("/v1/nps_summary", { params: { query: { date: { start: "2024-01-01", end: "2024-01-31" } } } });
  const responses: number[] = [];
  for await (const response of listAll(wootric, "/v1/responses", { query: { per_page: 2 } })) responses.push(response.id);
  const missing = await getEndUserByExternalId(wootric, "no-such-user").then(() => null, thrownBy);
  // A token endpoint that refuses the client: a thrown, typed error.
  const refused = createClient({ baseUrl: url, tokenUrl: `${url}/refuse/oauth/token`, auth, maxRetries: 0 });
  const thrown = await refused.GET("/v1/segments").then(() => null, thrownBy);
  return {
    user: { id: user.id, email: user.email },
    created: created.data?.id,
    summary: { status: summary.response.status, nps: summary.data?.nps },
    responses,
    missing,
    thrown,
    webhook: await webhooks(url),
  };
}
