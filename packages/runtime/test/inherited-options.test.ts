import { describe, expect, it } from "vitest";
import { createApiClient, createOAuth2TokenSource } from "../src/index.js";

// Options a caller builds from shared defaults (Object.create(defaults), or a class whose getters give them) are read
// like any other: an option is its value wherever on the object it lives.
describe("options given through the prototype", () => {
  it("keeps the auth to the operations of the client's schemes when schemes is inherited", async () => {
    const sent: Array<string | null> = [];
    const options = Object.assign(Object.create({ schemes: ["apiKey"] }), {
      baseUrl: "https://api.example.com",
      operations: { "/other": { get: { security: ["oauth2"] } } },
      auth: { type: "bearer", token: "secret-token" },
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        sent.push(new Request(input, init).headers.get("authorization"));
        return Response.json({});
      },
    });
    await createApiClient<{}>(options).GET("/other" as never);
    expect(sent).toEqual([null]);
  });

  it("sends an operation with a relative server to the inherited base URL", async () => {
    const urls: string[] = [];
    const options = Object.assign(Object.create({ baseUrl: "https://api.example.com/v1" }), {
      operations: { "/items": { get: { server: "/v2" } } },
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        urls.push(new Request(input, init).url);
        return Response.json({});
      },
    });
    await createApiClient<{}>(options).GET("/items" as never);
    expect(urls).toEqual(["https://api.example.com/v1/v2/items"]);
  });

  it("uses an inherited initial token instead of requesting one", async () => {
    let requests = 0;
    const options = Object.assign(Object.create({ initial: { accessToken: "given-token", expiresAt: Date.now() + 3_600_000 } }), {
      tokenUrl: "https://auth.example.com/oauth/token",
      grant: { type: "client_credentials", clientId: "id", clientSecret: "client-secret" },
      fetch: async () => {
        requests++;
        return Response.json({ access_token: "fetched-token", expires_in: 3600 });
      },
    });
    expect(await createOAuth2TokenSource(options).getToken()).toBe("given-token");
    expect(requests).toBe(0);
  });
});
