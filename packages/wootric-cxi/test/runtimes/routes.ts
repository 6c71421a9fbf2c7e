// The server side of ./scenario.ts: what the runtime matrix's scripted server answers, what the scenario must report,
// and what the server must have received, whatever the runtime.
import type { FaultServer } from "@apis/faults";

const TOKEN = { access_token: "matrix-access-token", token_type: "Bearer", expires_in: 7200 };
const IMPORT = { id: 6, name: "ai.csv", source: "Intercom", metric_type: "nps", language: "en", response_count: 2, created_at: 1590090287 };
const RESPONSE = (id: number) => ({ id, score: 9, text: `response ${id}`, created_at: 1590090287 });

export function script(server: FaultServer): void {
  server.script("POST /oauth/token", [{ status: 200, body: TOKEN }]);
  server.script("POST /refuse/oauth/token", [{ status: 401, body: { error: "invalid_client" } }]);
  server.script("GET /v1/projects", [{ status: 200, body: [{ id: 1, name: "Enterprise" }] }]);
  server.script("POST /v1/tags", [{ status: 201, body: { id: 3, name: "refunds", mode: "text_match" } }]);
  server.script("GET /v1/imports", [{ status: 503 }, { status: 200, body: [IMPORT] }]);
  server.script("GET /v1/responses", [
    (request) => {
      const page = Number(new URL(request.url, server.url).searchParams.get("page"));
      const pages: Record<number, unknown[]> = { 1: [RESPONSE(1), RESPONSE(2)], 2: [RESPONSE(3)] };
      return { status: 200, body: { total_count: 3, items: pages[page] ?? [] } };
    },
  ]);
  server.script("GET /v1/imports/404", [{ status: 404, body: { message: "Import not found" } }]);
}

export const expectedReport = {
  project: "Enterprise",
  tag: "refunds",
  imports: { status: 200, names: ["ai.csv"] },
  responses: [1, 2, 3],
  missing: { status: 404, message: "Import not found" },
  thrown: { name: "AuthenticationError", isAuthenticationError: true, isApiError: true },
};

/** What the server received, reduced to what every runtime must send alike. */
export function observed(server: FaultServer) {
  const token = server.requests.find((request) => request.pathname === "/oauth/token");
  const tag = server.requests.find((request) => request.pathname === "/v1/tags");
  return {
    tokenRequests: server.count("POST /oauth/token"),
    grant: Object.fromEntries(new URLSearchParams(token?.body ?? "")),
    bearer: server.requests.filter((request) => request.pathname.startsWith("/v1/")).every((request) => request.headers.authorization === "Bearer matrix-access-token"),
    tagBody: [...new URLSearchParams(tag?.body ?? "")],
    importAttempts: server.count("GET /v1/imports"),
    pages: server.requests.filter((request) => request.pathname === "/v1/responses").map((request) => new URL(request.url, server.url).searchParams.get("page")),
  };
}

export const expectedObserved = {
  tokenRequests: 1,
  grant: { grant_type: "client_credentials", client_id: "matrix-client", client_secret: "matrix-secret" },
  bearer: true,
  tagBody: [
    ["tag[name]", "refunds"],
    ["tag[mode]", "text_match"],
    ["tag[text_match_terms][]", "refund"],
    ["tag[text_match_terms][]", "money back"],
  ],
  importAttempts: 2,
  pages: ["1", "2"],
};
