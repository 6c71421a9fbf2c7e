import { describe, expect, it } from "vitest";
import { createTokenSource } from "../../src/token-source.js";
import { createAuthorizer, type TokenSource } from "../../src/auth.js";
import { attemptTimeoutLayer } from "../../src/layers/attempt-timeout.js";
import { credentialsLayer } from "../../src/layers/credentials.js";
import type { Layer } from "../../src/layers/layer.js";
import { asSent, recordingNext, runLayer } from "./harness.js";

const api = "api" as const;

// The credential is sent with the attempt, within the timeout layer: what is sent is seen through both.
const credentials = (...args: Parameters<typeof credentialsLayer>): Layer => asSent(credentialsLayer(...args), attemptTimeoutLayer(60_000));
function tokens(...issued: string[]): TokenSource & { invalidated: string[] } {
  let at = 0;
  const invalidated: string[] = [];
  return { invalidated, getToken: async () => issued[Math.min(at, issued.length - 1)]!, invalidate: (token) => (invalidated.push(token), at++) };
}

describe("the credentials layer", () => {
  it("sets a bearer header on a copy, leaving the caller's request as it came", async () => {
    const { next, seen } = recordingNext(() => new Response(null));
    const request = new Request("https://api.example.com/a");
    await runLayer(credentials(createAuthorizer({ type: "bearer", token: "tok-123" }), api), request, next).result;
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer tok-123");
    expect(request.headers.has("authorization")).toBe(false);
  });

  it("sets HTTP Basic from the user name and password", async () => {
    const { next, seen } = recordingNext(() => new Response(null));
    await runLayer(credentials(createAuthorizer({ type: "basic", username: "ana", password: "päss" }), api), new Request("https://api.example.com/a"), next).result;
    expect(seen[0]!.headers.get("authorization")).toBe("Basic YW5hOnDDpHNz");
  });

  it("keeps the caller's own Authorization header", async () => {
    const { next, seen } = recordingNext(() => new Response(null));
    const request = new Request("https://api.example.com/a", { headers: { Authorization: "Bearer mine" } });
    await runLayer(credentials(createAuthorizer({ type: "bearer", token: "tok-123" }), api), request, next).result;
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer mine");
  });

  it("moves a query credential into the URL, replacing one of the same name, and guards its redirects", async () => {
    const { next, seen } = recordingNext(() => new Response(null));
    const request = new Request("https://api.example.com/a?access_token=old&page=2", { method: "POST", body: "b" });
    const { call, result } = runLayer(credentials(createAuthorizer({ type: "query", name: "access_token", value: "q-secret" }), api), request, next);
    await result;
    expect(seen[0]!.url).toBe("https://api.example.com/a?access_token=q-secret&page=2");
    expect(seen[0]!.redirect).toBe("manual");
    expect(await seen[0]!.text()).toBe("b");
    expect(call.manual).toBe(true);
    expect(call.secrets).toContain("q-secret");
  });

  it("after a 401 invalidates the OAuth token and resends once with a fresh one", async () => {
    const source = tokens("old-token", "new-token");
    const { next, seen } = recordingNext((_, index) => new Response(null, { status: index === 0 ? 401 : 200 }));
    const response = await runLayer(credentials(createAuthorizer({ type: "oauth2", tokens: source }), api), new Request("https://api.example.com/a"), next).result;
    expect(response.status).toBe(200);
    expect(seen.map((request) => request.headers.get("authorization"))).toEqual(["Bearer old-token", "Bearer new-token"]);
    expect(source.invalidated).toEqual(["old-token"]);
  });

  it("returns a second 401 instead of looping", async () => {
    const source = tokens("a-token", "b-token", "c-token");
    const { next, seen } = recordingNext(() => new Response(null, { status: 401 }));
    const response = await runLayer(credentials(createAuthorizer({ type: "oauth2", tokens: source }), api), new Request("https://api.example.com/a"), next).result;
    expect(response.status).toBe(401);
    expect(seen).toHaveLength(2);
  });

  it("refreshes concurrent 401s with one token request, through a single-flight token source", async () => {
    let fetched = 0;
    const source = createTokenSource({ fetchToken: async () => ({ accessToken: `t${fetched++}` }) });
    const { next } = recordingNext((request) => new Response(null, { status: request.headers.get("authorization") === "Bearer t0" ? 401 : 200 }));
    const layer = credentials(createAuthorizer({ type: "oauth2", tokens: source }), api);
    const responses = await Promise.all([1, 2, 3].map(() => runLayer(layer, new Request("https://api.example.com/a"), next).result));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(fetched).toBe(2);
  });
});
