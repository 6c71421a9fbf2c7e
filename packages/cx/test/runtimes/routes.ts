// The server side of ./scenario.ts: what the runtime matrix's scripted server answers, what the scenario must report,
// and what the server must have received, whatever the runtime.
import type { FaultServer } from "@apis/faults";

const NOTE = "hello from the matrix";
const FILE = "/data/self:%2Fphotos%2Fnote.txt";

export function script(server: FaultServer): void {
  server.script("POST /oauth/token", [
    (request) =>
      request.body.includes("matrix-code")
        ? { status: 200, body: { access_token: "matrix-access-token", token_type: "bearer" } }
        : { status: 400, body: { error: "invalid_grant" } },
  ]);
  server.script("GET /users/self", [{ status: 503 }, { status: 200, body: { profile: { id: "7", username: "ana" } } }]);
  server.script("POST /files/mkdir/self:%2Fphotos", [{ status: 200, body: { path: "/photos", is_folder: true } }]);
  // The stored file's metadata, with the id the spec requires (uploadFile refuses an answer without it).
  server.script(`POST ${FILE}`, [{ status: 200, body: { id: "ZdvTGn0mEeG34xIFOBql1A", path: "/photos/note.txt", size: NOTE.length, is_folder: false } }]);
  server.script(`GET ${FILE}`, [{ status: 200, headers: { "Content-Type": "text/plain" }, body: NOTE }]);
  server.script("GET /data/self:%2Fphotos%2Fgone.txt", [{ status: 404, body: { errorType: "NotFound", message: "No such file" } }]);
}

export const expectedReport = {
  self: "ana",
  folder: "/photos",
  uploaded: NOTE.length,
  downloaded: { text: NOTE, contentType: "text/plain" },
  missing: { status: 404, errorType: "NotFound" },
  thrown: { name: "AuthenticationError", isAuthenticationError: true, isApiError: true },
};

/** What the server received, reduced to what every runtime must send alike. */
export function observed(server: FaultServer) {
  const [exchange] = server.requests.filter((request) => request.pathname === "/oauth/token");
  const upload = server.requests.find((request) => request.method === "POST" && request.pathname === FILE);
  const api = server.requests.filter((request) => request.pathname !== "/oauth/token");
  return {
    tokenRequests: server.count("POST /oauth/token"),
    clientAuthentication: exchange?.headers.authorization,
    grant: exchange?.body,
    grantType: exchange?.headers["content-type"],
    queryToken: api.every((request) => new URL(request.url, server.url).searchParams.get("access_token") === "matrix-access-token"),
    selfAttempts: server.count("GET /users/self"),
    upload: ['name="file_content_type"', "text/plain", 'name="file"; filename="note.txt"', NOTE].every((part) => upload?.body.includes(part)),
  };
}

export const expectedObserved = {
  tokenRequests: 2,
  clientAuthentication: `Basic ${btoa("matrix-client:matrix-secret")}`,
  grant: "grant_type=authorization_code&code=matrix-code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcx%2Fcallback",
  grantType: "application/x-www-form-urlencoded",
  queryToken: true,
  selfAttempts: 2,
  upload: true,
};
