// How @apis/survey-dynamix is first used, for tools/pack-check: it packs the package, installs it outside the workspace and
// runs these calls from Node ESM and CJS and TypeScript; this row holds only what is this package's own.
import type { PackedUsage } from "@apis/faults/packed";

export const usage: PackedUsage = {
  args: '{ auth: { type: "basic", customerUuid: "uuid", authToken: "token" } }',
  wrongArgs: '{ auth: { type: "basic", username: "u", password: "p" } }',
  types: `import { buildAuthorizeUrl, createClient, createInteraction, listAll, updateInteraction, type Interaction, type SurveyResponse } from "@apis/survey-dynamix";

const sdx = createClient({ auth: { type: "basic", customerUuid: "uuid", authToken: "token" } });

export async function correct(): Promise<SurveyResponse[] | undefined> {
  const { data } = await sdx.GET("/responses", { params: { query: { survey_id: 52, _limit: 100, _order: "DESC" } } });
  await sdx.GET("/interactions", { params: { query: { survey_id: 52, started: true, survey_type: "outbound" } } });
  const created = await createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: "+61409999999", data: { plan: "GOLD", seats: 3 } });
  const interaction: Interaction = created;
  await updateInteraction(sdx, interaction.id, { ...interaction, agent_id: "nevilr" });
  for await (const question of listAll(sdx, "/surveys/{survey_id}/questions", { path: { survey_id: 52 } })) question.question_type satisfies "number" | "yesno" | "text" | "nps";
  buildAuthorizeUrl({ clientId: "3", redirectUri: "https://app.example.com/cb", state: crypto.randomUUID() });
  return data;
}

// Values that may be missing, passed under exactOptionalPropertyTypes (the usage setup turns it on).
export async function maybeMissing(env: Record<string, string | undefined>, signal?: AbortSignal): Promise<void> {
  const client = createClient({ auth: { type: "token", accessToken: "token" }, baseUrl: env["SDX_URL"], timeoutMs: undefined });
  await createInteraction(client, { survey_id: 52, phone_number: env["PHONE"], email: env["EMAIL"], external_ref: env["REF"], scheduled_at: undefined }, { signal });
  for await (const item of listAll(client, "/interactions", { query: { survey_id: 52, survey_type: undefined }, signal })) void item;
  await client.GET("/interactions", { params: { query: { email: env["EMAIL"], external_ref: env["REF"] } } });
}

export async function wrong(): Promise<void> {
  const maybe: string | undefined = undefined as string | undefined;
  // @ts-expect-error an SMS interaction whose phone number may be missing (under exactOptionalPropertyTypes too)
  await createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: maybe });
  // @ts-expect-error an email interaction whose address is undefined
  await createInteraction(sdx, { survey_id: 52, survey_type: "email", email: undefined });
  // @ts-expect-error an unknown path
  await sdx.GET("/nope");
  // @ts-expect-error a query parameter of the wrong type
  await sdx.GET("/surveys", { params: { query: { _limit: "ten" } } });
  // @ts-expect-error a missing path parameter
  await sdx.GET("/surveys/{survey_id}", {});
  // @ts-expect-error a list of interactions whose survey_id is not a number
  await sdx.GET("/interactions", { params: { query: { survey_id: "52", _limit: 5 } } });
  // @ts-expect-error an _order the vendor does not know
  await sdx.GET("/surveys", { params: { query: { _order: "NEWEST" } } });
  // @ts-expect-error a question type the vendor does not know
  await sdx.GET("/questions", { params: { query: { question_type: "stars" } } });
  // @ts-expect-error a survey type the vendor does not know
  await createInteraction(sdx, { survey_id: 52, survey_type: "fax" });
  // @ts-expect-error a misspelt interaction field, which the vendor would store as interaction data
  await createInteraction(sdx, { survey_id: 52, sheduled_at: "Now + 5 minutes" });
  // @ts-expect-error an interaction-data value that is not text, a number or a boolean
  await createInteraction(sdx, { survey_id: 52, data: { plan: { tier: "gold" } } });
  // @ts-expect-error listAll on a path that is not a list
  listAll(sdx, "/surveys/{survey_id}", { path: { survey_id: 52 } });
  // @ts-expect-error listAll on a list under a parent without its path parameter
  listAll(sdx, "/surveys/{survey_id}/responses");
  // @ts-expect-error an unknown auth type
  createClient({ auth: { type: "apiKey", key: "x" } });
  // @ts-expect-error basic auth with the wrong field names
  createClient({ auth: { type: "basic", username: "u", password: "p" } });
}
`,
  run: {
    proves: "Basic auth, the /api base and booleans as 1",
    script: (base) => `import { createClient, InputError } from "@apis/survey-dynamix";
const sdx = createClient({ baseUrl: "${base}/api", auth: { type: "basic", customerUuid: "uuid", authToken: "token" } });
const { data } = await sdx.GET("/interactions", { params: { query: { survey_id: 52, started: true } } });
const refused = await sdx.GET("/responses").catch((error) => error instanceof InputError);
console.log(JSON.stringify({ data, refused }));
`,
    answer: () => ({ body: [{ id: 52, name: "Test survey" }] }),
    prints: { data: [{ id: 52, name: "Test survey" }], refused: true },
    seen: [`GET /api/interactions?survey_id=52&started=1 Basic ${btoa("uuid:token")}`],
  },
  bench: { options: (base) => ({ baseUrl: base, auth: { type: "basic", customerUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", authToken: "bench" } }), path: "/surveys", auth: "Basic credentials" },
};
