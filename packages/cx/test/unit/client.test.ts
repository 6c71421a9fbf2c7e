import { describe, expect, it } from "vitest";
import { basicAuthorization } from "@apis/runtime";
import { createClient, filePath, InputError, type CxAuth } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { ACCESS_TOKEN, CLIENT_ID, CLIENT_SECRET } from "../support/secrets.js";
import { caught } from "@apis/faults/leak-watch";

const auth = { type: "token", accessToken: ACCESS_TOKEN } as const;
const PROFILE = { profile: { id: "l6hkZxxCEeGQ1BIBPQhmWA", username: "jane" } };

describe("createClient", () => {
  it("sends API calls to api.cx.com/1 and file content to data.cx.com/1 by default, with the token in the query", async () => {
    const observed = observedFetch((request) => (request.method === "GET" && request.url.includes("/data/") ? new Response("bytes") : json({ id: "ZdvTGn0mEeG34xIFOBql1A" })));
    const cx = createClient({ auth, fetch: observed.fetch });
    const path = filePath("self", "/photos/2353.jpg");
    await cx.GET("/users/self");
    await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/photos") } } });
    await cx.POST("/files/delete/{filePath}", { params: { path: { filePath: path } } });
    await cx.POST("/data/{filePath}", { params: { path: { filePath: path } }, body: { file: new Blob(["x"]), file_content_type: "image/jpeg" } });
    await cx.GET("/data/{filePath}", { params: { path: { filePath: path } }, parseAs: "stream" });
    expect(observed.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET https://api.cx.com/1/users/self?access_token=${ACCESS_TOKEN}`,
      `POST https://api.cx.com/1/files/mkdir/self:%2Fphotos?access_token=${ACCESS_TOKEN}`,
      `POST https://api.cx.com/1/files/delete/self:%2Fphotos%2F2353.jpg?access_token=${ACCESS_TOKEN}`,
      `POST https://data.cx.com/1/data/self:%2Fphotos%2F2353.jpg?access_token=${ACCESS_TOKEN}`,
      `GET https://data.cx.com/1/data/self:%2Fphotos%2F2353.jpg?access_token=${ACCESS_TOKEN}`,
    ]);
    for (const request of observed.requests) expect(request.headers.get("authorization")).toBeNull();
  });

  it("carries the token to where the API redirects within its own origin", async () => {
    const observed = observedFetch((request) =>
      request.url.startsWith("https://api.cx.com/1/users/self?") ? new Response(null, { status: 301, headers: { location: "/1/users/self/?v=2" } }) : json(PROFILE),
    );
    const cx = createClient({ auth, fetch: observed.fetch });
    const { data } = await cx.GET("/users/self");
    expect(data).toEqual(PROFILE);
    expect(observed.calls()).toEqual([`GET https://api.cx.com/1/users/self?access_token=${ACCESS_TOKEN}`, `GET https://api.cx.com/1/users/self/?v=2&access_token=${ACCESS_TOKEN}`]);
  });

  it("routes to the configured baseUrl and dataBaseUrl, trailing slashes and all", async () => {
    const observed = observedFetch((request) => (request.url.includes("/data/") ? new Response("bytes") : json(PROFILE)));
    const cx = createClient({ auth, fetch: observed.fetch, baseUrl: "https://api.test/1/", dataBaseUrl: "https://data.test/1//" });
    await cx.GET("/users/self");
    await cx.GET("/data/{filePath}", { params: { path: { filePath: filePath("self", "/a.txt") } }, parseAs: "stream" });
    expect(observed.requests.map((request) => request.url.replace(/\?.*/, ""))).toEqual([
      "https://api.test/1/users/self",
      "https://data.test/1/data/self:%2Fa.txt",
    ]);
  });

  it("asks for JSON on JSON operations but lets a download take any type", async () => {
    const observed = observedFetch((request) => (request.url.includes("/data/") ? new Response("bytes") : json(PROFILE)));
    const cx = createClient({ auth, fetch: observed.fetch });
    await cx.GET("/users/self");
    await cx.GET("/data/{filePath}", { params: { path: { filePath: filePath("self", "/a.txt") } }, parseAs: "stream" });
    expect(observed.requests.map((request) => request.headers.get("accept"))).toEqual(["application/json", null]);
  });

  it("keeps an Accept header the caller chose", async () => {
    const observed = observedFetch(() => json(PROFILE));
    const cx = createClient({ auth, fetch: observed.fetch });
    await cx.GET("/users/self", { headers: { accept: "application/vnd.cx+json" } });
    expect(observed.requests[0]?.headers.get("accept")).toBe("application/vnd.cx+json");
  });

  it("keeps a client-wide Accept, or its removal (null), but asks for JSON when the client's Accept is left undefined", async () => {
    const observed = observedFetch(() => json(PROFILE));
    // (A record's null and undefined are a JavaScript caller's, or an environment variable's that is not set.)
    for (const headers of [{ Accept: "application/vnd.cx+json" }, new Headers({ accept: "application/vnd.cx+json" }), { Accept: null }, { Accept: undefined }, { accept: undefined }]) {
      await createClient({ auth, fetch: observed.fetch, headers: headers as HeadersInit }).GET("/users/self");
    }
    expect(observed.requests.map((request) => request.headers.get("accept"))).toEqual(["application/vnd.cx+json", "application/vnd.cx+json", null, "application/json", "application/json"]);
  });

  it("adds client_id next to access_token on every authenticated call when clientId is set", async () => {
    const observed = observedFetch(() => json({ status: "ok" }));
    const cx = createClient({ auth, fetch: observed.fetch, clientId: CLIENT_ID });
    await cx.POST("/files/delete/{filePath}", { params: { path: { filePath: filePath("self", "/a.txt") } } });
    expect(new URL(observed.requests[0]!.url).search).toBe(`?client_id=${CLIENT_ID}&access_token=${ACCESS_TOKEN}`);
  });

  it("never sends the user's token to the token endpoint, which authenticates the application", async () => {
    const observed = observedFetch(() => json({ access_token: "new", token_type: "bearer" }));
    const cx = createClient({ auth, fetch: observed.fetch, clientId: CLIENT_ID });
    const { data } = await cx.POST("/oauth/token", {
      body: { grant_type: "authorization_code", code: "c0de-from-callback", redirect_uri: "https://app.example.com/cb" },
      headers: { Authorization: basicAuthorization(CLIENT_ID, CLIENT_SECRET) },
    });
    expect(data?.access_token).toBe("new");
    expect(observed.requests[0]?.url).toBe("https://api.cx.com/1/oauth/token");
    expect(observed.requests[0]?.headers.get("authorization")).toBe(basicAuthorization(CLIENT_ID, CLIENT_SECRET));
    expect(observed.requests[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(observed.bodies[0]).toBe("grant_type=authorization_code&code=c0de-from-callback&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb");
  });

  it("retries a GET that meets 503, then returns the profile", async () => {
    const observed = observedFetch((_request, index) => (index === 0 ? json({ errorType: "Unavailable", message: "busy" }, 503) : json(PROFILE)));
    const cx = createClient({ auth, fetch: observed.fetch });
    const { data } = await cx.GET("/users/self");
    expect(data?.profile.username).toBe("jane");
    expect(observed.requests).toHaveLength(2);
  });

  it("sends a POST that meets a 500 only once and returns CX's error body", async () => {
    const observed = observedFetch(() => json({ errorType: "InternalError", message: "boom" }, 500));
    const cx = createClient({ auth, fetch: observed.fetch });
    const { error, response } = await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/a") } } });
    expect(response.status).toBe(500);
    expect(error).toEqual({ errorType: "InternalError", message: "boom" });
    expect(observed.requests).toHaveLength(1);
  });

  it("returns a documented error type as a typed error result", async () => {
    const observed = observedFetch(() => json({ errorType: "AccessDenied", message: "User does not have access to resource" }, 403));
    const cx = createClient({ auth, fetch: observed.fetch });
    const { data, error } = await cx.GET("/users/self");
    expect(data).toBeUndefined();
    expect(error).toEqual({ errorType: "AccessDenied", message: "User does not have access to resource" });
  });

  it.each<[string, unknown, string]>([
    ["no auth at all", undefined, "auth"],
    ["an unknown auth type", { type: "bearer", token: "t" }, "auth.type"],
    ["an empty token", { type: "token", accessToken: "" }, "auth.accessToken"],
    ["a blank token", { type: "token", accessToken: "   " }, "auth.accessToken"],
  ])("rejects %s before any request, naming the option", async (_case, badAuth, field) => {
    const observed = observedFetch(() => json({}));
    const error = await caught(() => createClient({ fetch: observed.fetch, auth: badAuth as CxAuth }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(observed.requests).toHaveLength(0);
  });

  it("rejects an empty clientId", async () => {
    const error = await caught(() => createClient({ auth, clientId: "" }));
    expect((error as InputError).field).toBe("clientId");
  });
});
