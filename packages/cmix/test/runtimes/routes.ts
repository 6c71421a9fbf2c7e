// The server side of ./scenario.ts: what the runtime matrix's scripted server answers, what the scenario must report,
// and what the server must have received, whatever the runtime.
import type { FaultServer } from "@apis/faults";

const ARCHIVE = "GET /surveys/138651/data-layouts/1/archives/9001";
const PENDING = { id: 9001, dataLayoutId: 1, status: "PENDING" };
const URL_READY = "https://cmix-archives.example.com/138651.xlsx";

export function script(server: FaultServer): void {
  server.script("POST /access-token", [{ status: 200, body: { access_token: "matrix-access-token", token_type: "Bearer", expires_in: 3600 } }]);
  server.script("GET /projects/109820", [{ status: 503 }, { status: 200, body: { id: 109820, name: "Brand tracker" } }]);
  server.script("GET /surveys/138651/fielding-summary", [{ status: 200, body: { surveyId: 138651 } }]);
  server.script("POST /surveys/138651/archives", [{ status: 200, body: PENDING }]);
  server.script(ARCHIVE, [{ status: 200, body: PENDING }, { status: 200, body: PENDING }, { status: 200, body: { ...PENDING, status: "COMPLETE", archiveUrl: URL_READY } }]);
  server.script("GET /projects/404", [{ status: 404, body: { error: { message: "Project not found" } } }]);
  server.script("GET /surveys/138651/data-layouts/1/archives/13", [{ status: 200, body: { error: { message: "Archive expired" } } }]);
}

export const expectedReport = {
  project: "Brand tracker",
  summary: 200,
  archiveUrl: URL_READY,
  missing: { status: 404, error: { error: { message: "Project not found" } } },
  thrown: { name: "EmbeddedApiError", isEmbedded: true, isApiError: true },
};

/** What the server received, reduced to what every runtime must send alike. */
export function observed(server: FaultServer) {
  const token = server.requests.find((request) => request.pathname === "/access-token");
  const archive = server.requests.find((request) => request.pathname === "/surveys/138651/archives");
  return {
    tokenRequests: server.count("POST /access-token"),
    grant: JSON.parse(token?.body || "null") as unknown,
    bearer: server.requests.filter((request) => request.pathname !== "/access-token").every((request) => request.headers.authorization === "Bearer matrix-access-token"),
    projectAttempts: server.count("GET /projects/109820"),
    archiveRequest: JSON.parse(archive?.body || "null") as unknown,
    polls: server.count(ARCHIVE),
  };
}

export const expectedObserved = {
  tokenRequests: 1,
  grant: { grant_type: "password", client_id: "matrix-client", client_secret: "matrix-secret", username: "ana", password: "matrix-password" },
  bearer: true,
  projectAttempts: 2,
  archiveRequest: { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false },
  polls: 3,
};
