// The server side of ./scenario.ts: what the runtime matrix's scripted server answers, what the scenario must report,
// and what the server must have received, whatever the runtime.
import type { FaultServer } from "@apis/faults";

const RESPONSE = (id: number) => ({ id, interaction_id: 9, question_id: 4, response: "Yes" });
const PAGES: Record<string, unknown[]> = { "0": [RESPONSE(1), RESPONSE(2)], "2": [RESPONSE(3)] };

export function script(server: FaultServer): void {
  server.script("POST /oauth/token", [{ status: 200, body: { token_type: "Bearer", expires_in: 31536000, access_token: "matrix-access-token", refresh_token: "matrix-refresh" } }]);
  server.script("GET /surveys/52", [{ status: 503 }, { status: 200, body: { id: 52, name: "Post-call NPS" } }]);
  server.script("GET /surveys/404", [{ status: 404, body: { message: "Survey not found" } }]);
  server.script("POST /interactions", [
    { status: 201, body: { id: 9, survey_id: 52, survey_type: "sms", status: "Pending" } },
    { status: 409, body: { message: "A pending interaction exists" } },
  ]);
  server.script("GET /surveys/52/responses", [(request) => ({ status: 200, body: PAGES[new URL(request.url, server.url).searchParams.get("_offset") ?? ""] ?? [] })]);
}

export const expectedReport = {
  survey: "Post-call NPS",
  interaction: 9,
  responses: [1, 2, 3],
  missing: { status: 404, message: "Survey not found" },
  thrown: { name: "DuplicateInteractionError", isDuplicate: true, isApiError: true, status: 409 },
};

/** What the server received, reduced to what every runtime must send alike. */
export function observed(server: FaultServer) {
  const token = server.requests.find((request) => request.pathname === "/oauth/token");
  const interaction = server.requests.find((request) => request.pathname === "/interactions");
  const api = server.requests.filter((request) => request.pathname !== "/oauth/token");
  return {
    grant: Object.fromEntries(new URLSearchParams(token?.body ?? "")),
    bearer: api.every((request) => request.headers.authorization === "Bearer matrix-access-token"),
    surveyAttempts: server.count("GET /surveys/52"),
    interaction: Object.fromEntries(new URLSearchParams(interaction?.body ?? "")),
    offsets: api.filter((request) => request.pathname === "/surveys/52/responses").map((request) => new URL(request.url, server.url).searchParams.get("_offset")),
  };
}

export const expectedObserved = {
  grant: { grant_type: "authorization_code", client_id: "3", client_secret: "matrix-secret", code: "matrix-code", redirect_uri: "https://app.example.com/sdx/callback" },
  bearer: true,
  surveyAttempts: 2,
  interaction: { plan: "GOLD", survey_id: "52", survey_type: "sms", phone_number: "+61409999999" },
  offsets: ["0", "2"],
};
