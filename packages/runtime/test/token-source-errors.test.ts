import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, createApiClient, createTokenSource, InputError, type TokenSource } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";
import { expectNoSecrets, fakeFetch } from "./helpers.js";

// A secret the runtime never saw: the caller's own fetchToken sends it, so only leaving the error's fields behind keeps
// it out of the client's error.
const CLIENT_SECRET = "own-client-secret-5f3a9c";

// What an axios-style HTTP client rejects with: a message that says little, and the request it sent.
function clientError(): Error {
  return Object.assign(new Error("Request failed with status code 401"), {
    code: "ERR_BAD_REQUEST",
    config: { headers: { Authorization: `Basic ${btoa(`id:${CLIENT_SECRET}`)}` }, data: `grant_type=client_credentials&client_secret=${CLIENT_SECRET}` },
  });
}

function clientWith(tokens: TokenSource) {
  const { fetch, calls } = fakeFetch(() => Response.json([]));
  return { client: createApiClient<paths>({ baseUrl: "https://api.example.com", operations, auth: { type: "oauth2", tokens }, fetch, maxRetries: 0 }), calls };
}

describe("a token source of the caller's that fails", () => {
  it.each<[string, () => TokenSource]>([
    ["a fetchToken rejecting with its HTTP client's error", () => createTokenSource({ fetchToken: () => Promise.reject(clientError()) })],
    ["a TokenSource of its own whose getToken rejects", () => ({ getToken: () => Promise.reject(clientError()), invalidate: () => {} })],
  ])("%s: the call throws an AuthenticationError whose cause keeps the message and code, and no field", async (_, make) => {
    const { client, calls } = clientWith(make());
    const error = await client.GET("/items").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe("GET https://api.example.com/items got no access token.");
    expect((error as Error).cause).toMatchObject({ message: "Request failed with status code 401", code: "ERR_BAD_REQUEST" });
    expect((error as Error).cause).not.toHaveProperty("config");
    expectNoSecrets(error, [CLIENT_SECRET, btoa(`id:${CLIENT_SECRET}`)]);
    expect(calls).toHaveLength(0);
  });

  it("a fetchToken rejecting with an ApiError: the call throws that very error", async () => {
    const refused = new AuthenticationError("The token endpoint refused: invalid_client.", { status: 401, body: { error: "invalid_client" } });
    const { client } = clientWith(createTokenSource({ fetchToken: () => Promise.reject(refused) }));
    await expect(client.GET("/items")).rejects.toBe(refused);
  });

  it("a fetchToken resolving no accessToken: the call throws an InputError naming fetchToken, the caller's mistake, not an authentication failure", async () => {
    const { client, calls } = clientWith(createTokenSource({ fetchToken: async () => ({ accessToken: 1 as unknown as string }) }));
    const error = await client.GET("/items").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("fetchToken");
    expect(calls).toHaveLength(0);
  });

  it("a fetchToken rejecting with a string quoting its request: the call throws an AuthenticationError showing none of it", async () => {
    const { client } = clientWith(createTokenSource({ fetchToken: () => Promise.reject(`POST /token client_secret=${CLIENT_SECRET} failed`) }));
    const error = await client.GET("/items").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expectNoSecrets(error, [CLIENT_SECRET]);
  });
});
