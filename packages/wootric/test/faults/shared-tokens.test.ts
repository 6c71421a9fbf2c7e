// One Wootric account, two APIs: a token source made once serves an @apis/wootric and an @apis/wootric-cxi client,
// against a local scripted server that plays the shared token endpoint and both APIs.
import { collectLeaks, useFaultServer, type SeenRequest } from "@apis/faults";
import { createClient as createCxiClient } from "@apis/wootric-cxi";
import { describe, expect, it } from "vitest";
import { createClient, createWootricTokenSource, type WootricTokenSourceOptions } from "../../src/index.js";

const CLIENT_SECRET = "shared-client-secret-1";
const REFRESH = "shared-rt-secret-0";
const TOKEN = "POST /oauth/token";
const SEGMENTS = "GET /v1/segments";
const PROJECTS = "GET /v1/projects";

const server = useFaultServer({ hangMs: 3000 });
const collected = collectLeaks([CLIENT_SECRET, REFRESH, "shared-at-secret-1", "shared-at-secret-2", "shared-rt-secret-1"]);

/** A token endpoint that hands out shared-at-secret-1, -2, ... in order. */
const issueTokens = (_: SeenRequest, index: number) => ({
  status: 200,
  body: { access_token: `shared-at-secret-${index + 1}`, refresh_token: `shared-rt-secret-${index + 1}`, token_type: "bearer", expires_in: 7200 },
});

function bothClients(auth: WootricTokenSourceOptions["auth"] = { type: "clientCredentials", clientId: "app-1", clientSecret: CLIENT_SECRET }) {
  const url = server().url;
  server().script(TOKEN, [issueTokens]);
  server().script(SEGMENTS, [{ status: 200, body: [{ name: "plan", data_type: "string" }] }]);
  server().script(PROJECTS, [{ status: 200, body: [{ id: 1, name: "Enterprise" }] }]);
  const tokens = createWootricTokenSource({ auth, tokenUrl: `${url}/oauth/token`, logger: collected.logger });
  const common = { baseUrl: url, auth: { type: "tokenSource", tokens } as const, logger: collected.logger, retryDelay: { baseMs: 1, maxMs: 2 } };
  return { wootric: createClient(common), cxi: createCxiClient(common) };
}

const bearers = (pathname: string) => server().requests.filter((request) => request.pathname === pathname).map((request) => request.headers.authorization);

describe("one token source shared by @apis/wootric and @apis/wootric-cxi", () => {
  it("makes one token request for both clients' first calls, even when they start together", async () => {
    const { wootric, cxi } = bothClients();
    const [segments, projects] = await Promise.all([wootric.GET("/v1/segments"), cxi.GET("/v1/projects")]);
    await Promise.all([wootric.GET("/v1/segments"), cxi.GET("/v1/projects")]);
    expect([segments.response.status, projects.response.status]).toEqual([200, 200]);
    expect(server().count(TOKEN)).toBe(1);
    expect(Object.fromEntries(new URLSearchParams(server().requests[0]!.body))).toEqual({ grant_type: "client_credentials", client_id: "app-1", client_secret: CLIENT_SECRET });
    expect([...bearers("/v1/segments"), ...bearers("/v1/projects")]).toEqual(Array(4).fill("Bearer shared-at-secret-1"));
  });

  it("fetches one new token when either API rejects the token, and the other client then uses it without asking again", async () => {
    const { wootric, cxi } = bothClients();
    await wootric.GET("/v1/segments");
    server().script(PROJECTS, [(request) => (request.headers.authorization === "Bearer shared-at-secret-1" ? { status: 401, body: { error: "revoked" } } : { status: 200, body: [] })]);
    expect((await cxi.GET("/v1/projects")).response.status).toBe(200);
    expect((await wootric.GET("/v1/segments")).response.status).toBe(200);
    expect(server().count(TOKEN)).toBe(2);
    expect(bearers("/v1/segments")).toEqual(["Bearer shared-at-secret-1", "Bearer shared-at-secret-2"]);
  });

  it("shares a refresh-token grant too: one refresh serves both, with the refresh token only in the token request's body", async () => {
    const { wootric, cxi } = bothClients({ type: "token", accessToken: "shared-at-secret-0", refreshToken: REFRESH });
    server().script(SEGMENTS, [(request) => (request.headers.authorization === "Bearer shared-at-secret-0" ? { status: 401, body: { error: "expired" } } : { status: 200, body: [] })]);
    await Promise.all([wootric.GET("/v1/segments"), cxi.GET("/v1/projects")]);
    await cxi.GET("/v1/projects");
    expect(server().count(TOKEN)).toBe(1);
    expect(Object.fromEntries(new URLSearchParams(server().requests.find((request) => request.pathname === "/oauth/token")!.body))).toEqual({ grant_type: "refresh_token", refresh_token: REFRESH });
    expect(bearers("/v1/projects").at(-1)).toBe("Bearer shared-at-secret-1");
    expect(server().requests.every((request) => !request.url.includes(REFRESH))).toBe(true);
  });

  it("fetches a token per client when each is given the credentials instead (what sharing saves)", async () => {
    bothClients();
    const url = server().url;
    const auth = { type: "clientCredentials", clientId: "app-1", clientSecret: CLIENT_SECRET } as const;
    await createClient({ baseUrl: url, tokenUrl: `${url}/oauth/token`, auth }).GET("/v1/segments");
    await createCxiClient({ baseUrl: url, tokenUrl: `${url}/oauth/token`, auth }).GET("/v1/projects");
    expect(server().count(TOKEN)).toBe(2);
  });

  it("keeps every credential out of what the suite logged and threw", () => {
    expect(collected.all().filter((item) => item.kind === "log").length).toBeGreaterThan(5);
    expect(collected.leaks()).toEqual([]);
  });
});
