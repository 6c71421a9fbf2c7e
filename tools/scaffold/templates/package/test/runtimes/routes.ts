// The server side of ./scenario.ts: what the runtime matrix's scripted server answers, what the scenario must report,
// and what the server must have received, whatever the runtime.
import type { FaultServer } from "@apis/faults";

export function script(server: FaultServer): void {
  server.script("GET /v1/status", [{ status: 503 }, { status: 200, body: { status: "ok" } }]);
  server.script("GET /revoked/v1/status", [{ status: 401, body: { message: "Token revoked" } }]);
}

export const expectedReport = {
  status: "ok",
  revoked: { status: 401, message: "Token revoked" },
  thrown: { name: "InputError", isInputError: true },
};

/** What the server received, reduced to what every runtime must send alike. */
export function observed(server: FaultServer) {
  return {
    statusAttempts: server.count("GET /v1/status"),
    bearer: server.requests.filter((request) => request.pathname === "/v1/status").every((request) => request.headers.authorization === "Bearer matrix-access-token"),
    revokedAttempts: server.count("GET /revoked/v1/status"),
  };
}

export const expectedObserved = { statusAttempts: 2, bearer: true, revokedAttempts: 1 };
