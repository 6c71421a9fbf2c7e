// How @apis/wootric is first used, for tools/pack-check: it packs the package (with the @apis/runtime and
// @apis/wootric-cxi it depends on), installs it outside the workspace and runs these calls from Node ESM and CJS and
// TypeScript; this row holds only what is this package's own, a signed webhook included.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PackedUsage } from "@apis/faults/packed";

const fixtures = join(import.meta.dirname, "..", "fixtures", "webhooks");
// The vendor's sample, signed by openssl with the vendor's example secret (see the fixtures' README).
const [, signature] = readFileSync(join(fixtures, "signatures.txt"), "utf8").split("\n")[0]!.split(" ");
const body = readFileSync(join(fixtures, "response-created.form"), "utf8");

const main = (load: string, base: string) => `${load}
(async () => {
  const base = ${JSON.stringify(base)};
  const wootric = createClient({ baseUrl: base, tokenUrl: base + "/oauth/token", auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
  const { data } = await wootric.GET("/v1/segments");
  const event = await unwrapWebhook(${JSON.stringify(body)}, { "X-Wootric-Signature": ${JSON.stringify(signature)} }, "09dfb1b73af998743fb011f8bfda8912");
  console.log(JSON.stringify({ segment: data[0].name, type: event.type, score: event.response.score }));
})();
`;

export const usage: PackedUsage = {
  args: '{ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } }',
  wrongArgs: '{ auth: { type: "apiKey", key: "x" } }',
  types: `import { createClient, sendEmailSurvey, unwrapWebhook, type components, type WootricWebhookEvent } from "@apis/wootric";

const wootric = createClient({ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });

export async function correct(): Promise<components["schemas"]["EndUser"][] | undefined> {
  const { data } = await wootric.GET("/v1/end_users", { params: { query: { per_page: 50, created: { gt: 1480000000 } } } });
  await sendEmailSurvey(wootric, { emails: ["jane@example.com"], survey_immediately: true });
  return data;
}

export async function events(body: string, headers: Headers): Promise<number | undefined> {
  const event: WootricWebhookEvent = await unwrapWebhook(body, headers, "secret");
  return event.type === "decline.created" ? undefined : event.response.score;
}

export async function wrong(body: string, headers: Headers): Promise<void> {
  // @ts-expect-error an unknown path
  await wootric.GET("/v1/nope");
  // @ts-expect-error a query parameter of the wrong type
  await wootric.GET("/v1/end_users", { params: { query: { per_page: "fifty" } } });
  const event = await unwrapWebhook(body, headers, "secret");
  // @ts-expect-error an event type Wootric does not send
  if (event.type === "response.deleted") return;
  // @ts-expect-error an unknown event type is not a WootricWebhookEvent
  const made: WootricWebhookEvent["type"] = "survey.sent";
  void made;
  // @ts-expect-error an unknown auth type
  createClient({ auth: { type: "apiKey", key: "x" } });
}
`,
  run: {
    proves: "fetches a token, calls the API with it, and verifies the vendor's signed webhook",
    script: (base) => main('import { createClient, unwrapWebhook } from "@apis/wootric";', base),
    scriptCommonJs: (base) => main('const { createClient, unwrapWebhook } = require("@apis/wootric");', base),
    answer: ({ url }) =>
      url === "/oauth/token"
        ? { body: { access_token: "t0k3n", token_type: "bearer", expires_in: 7200, scope: "public" } }
        : { body: [{ name: "plan", data_type: "string", created_at: "2024-01-01 00:00:00 -0800" }] },
    prints: { segment: "plan", type: "response.created", score: 7 },
    seen: ["POST /oauth/token -", "GET /v1/segments Bearer t0k3n"],
  },
  bench: {
    options: (base) => ({ baseUrl: base, tokenUrl: `${base}/oauth/token`, auth: { type: "clientCredentials", clientId: "bench", clientSecret: "bench-secret" } }),
    path: "/v1/segments",
    auth: "a client-credentials token, fetched once",
  },
};
