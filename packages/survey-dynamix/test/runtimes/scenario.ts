// The runtime matrix's scenario (tools/runtimes): packed, installed outside the workspace and run unchanged on Node 18,
// 20, 22 and 24, Bun, Deno and in Chromium, against the scripted server in ./routes.ts. Only the public entry point.
import { ApiError, createClient, createInteraction, DuplicateInteractionError, exchangeAuthorizationCode, listAll } from "@apis/survey-dynamix";

/** Runs every step against the server at `url` and returns what each step saw. */
export async function run(url: string) {
  // The token: an OAuth authorization code exchanged at the OAuth host.
  const token = await exchangeAuthorizationCode({ oauthBaseUrl: url, clientId: "3", clientSecret: "matrix-secret", code: "matrix-code", redirectUri: "https://app.example.com/sdx/callback" });
  const sdx = createClient({ baseUrl: url, auth: { type: "token", accessToken: token.access_token }, retryDelay: { baseMs: 1, maxMs: 5 } });
  // 503, then 200; typed by the spec.
  const survey = await sdx.GET("/surveys/{survey_id}", { params: { path: { survey_id: 52 } } });
  // A form body, with interaction data as extra fields.
  const input = { survey_id: 52, survey_type: "sms", phone_number: "+61409999999", data: { plan: "GOLD" } } as const;
  const created = await createInteraction(sdx, input);
  const responses: number[] = [];
  for await (const response of listAll(sdx, "/surveys/{survey_id}/responses", { path: { survey_id: 52 }, query: { _limit: 2 } })) responses.push(response.id);
  const missing = await sdx.GET("/surveys/{survey_id}", { params: { path: { survey_id: 404 } } });
  const thrown = await createInteraction(sdx, input).then(
    () => null,
    (error: unknown) => ({ name: (error as Error).name, isDuplicate: error instanceof DuplicateInteractionError, isApiError: error instanceof ApiError, status: (error as ApiError).status }),
  );
  return {
    survey: survey.data?.name,
    interaction: created.id,
    responses,
    missing: { status: missing.response.status, message: typeof missing.error === "string" ? missing.error : missing.error?.message },
    thrown,
  };
}
