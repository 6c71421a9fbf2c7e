// The server side of ./scenario.ts: what the runtime matrix's scripted server answers, what the scenario must report,
// and what the server must have received, whatever the runtime. The webhook sample is the vendor's, signed by OpenSSL
// (../fixtures/webhooks/sign.sh), handed to the scenario as it would arrive.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FaultServer } from "@apis/faults";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "webhooks");
const SAMPLE = readFileSync(join(FIXTURES, "response-created.form"), "utf8");
const SIGNATURE = readFileSync(join(FIXTURES, "signatures.txt"), "utf8")
  .split("\n")
  .find((line) => line.startsWith("response-created.form "))!
  .split(" ")[1]!;

const TOKEN = { access_token: "matrix-access-token", token_type: "bearer", expires_in: 7200, scope: "public" };
const USER = { id: 2, email: "nps2@example.com", external_id: "my-external-id-1234", properties: { plan: "Pro" } };
const RESPONSE = (id: number) => ({ id, end_user_id: 2, survey_id: 1, score: 9, text: `response ${id}`, completed: true, excluded_from_calculations: false });
const SUMMARY = { nps: 33.3, responses: 6, detractors: 1, passives: 2, promoters: 3, response_rate: 12, email_response_rate: 20 };

export function script(server: FaultServer): void {
  server.script("POST /oauth/token", [{ status: 200, body: TOKEN }]);
  server.script("POST /refuse/oauth/token", [{ status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } }]);
  server.script("GET /v1/end_users/nps2%40example.com", [{ status: 200, body: USER }]);
  server.script("GET /v1/end_users/no-such-user", [{ status: 404, body: { error: "Not Found" } }]);
  server.script("POST /v1/end_users", [{ status: 201, body: { id: 3, email: "new@example.com", properties: { plan: "Pro", revenue_amount: 10000 } } }]);
  server.script("GET /v1/nps_summary", [{ status: 503 }, { status: 200, body: SUMMARY }]);
  server.script("GET /v1/responses", [
    (request) => {
      const page = new URL(request.url, server.url).searchParams.get("page");
      return { status: 200, body: page === "1" ? [RESPONSE(1), RESPONSE(2)] : page === "2" ? [RESPONSE(3)] : [] };
    },
  ]);
  server.script("GET /webhook-sample", [{ status: 200, body: { body: SAMPLE, signature: SIGNATURE } }]);
}

export const expectedReport = {
  user: { id: 2, email: "nps2@example.com" },
  created: 3,
  summary: { status: 200, nps: 33.3 },
  responses: [1, 2, 3],
  missing: { name: "NotFoundError", status: 404, isApiError: true, isNotFound: true, isAuthenticationError: false },
  thrown: { name: "AuthenticationError", status: 401, isApiError: true, isNotFound: false, isAuthenticationError: true },
  webhook: {
    type: "response.created",
    score: 7,
    plan: { pricing_plan: "Enterprise", product_plan: "Web App" },
    bytesType: "response.created",
    tampered: "signature-mismatch",
    wrongSecret: "signature-mismatch",
    missingHeader: "missing-signature",
  },
};

const query = (server: FaultServer, url: string) => Object.fromEntries(new URL(url, server.url).searchParams);

/** What the server received, reduced to what every runtime must send alike. */
export function observed(server: FaultServer) {
  const token = server.requests.find((request) => request.pathname === "/oauth/token");
  const lookup = server.requests.find((request) => request.pathname === "/v1/end_users/nps2%40example.com");
  const created = server.requests.find((request) => request.method === "POST" && request.pathname === "/v1/end_users");
  const summary = server.requests.find((request) => request.pathname === "/v1/nps_summary");
  const api = server.requests.filter((request) => request.pathname.startsWith("/v1/"));
  return {
    tokenRequests: server.count("POST /oauth/token"),
    grant: Object.fromEntries(new URLSearchParams(token?.body ?? "")),
    bearer: api.every((request) => request.headers.authorization === "Bearer matrix-access-token"),
    lookup: query(server, lookup?.url ?? "/"),
    createdBody: [...new URLSearchParams(created?.body ?? "")],
    summaryQuery: query(server, summary?.url ?? "/"),
    summaryAttempts: server.count("GET /v1/nps_summary"),
    pages: api.filter((request) => request.pathname === "/v1/responses").map((request) => query(server, request.url)),
  };
}

export const expectedObserved = {
  tokenRequests: 1,
  grant: { grant_type: "client_credentials", client_id: "matrix-client", client_secret: "matrix-secret" },
  bearer: true,
  lookup: { lookup_by_email: "true" },
  createdBody: [
    ["email", "new@example.com"],
    ["properties[plan]", "Pro"],
    ["properties[revenue_amount]", "10000"],
  ],
  summaryQuery: { "date[start]": "2024-01-01", "date[end]": "2024-01-31" },
  summaryAttempts: 2,
  pages: [
    { page: "1", per_page: "2" },
    { page: "2", per_page: "2" },
  ],
};
