import { describe, expect, it } from "vitest";
import { createClient, InputError } from "../../src/index.js";

function observedFetch(handler: (request: Request) => Response) {
  const requests: Request[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return handler(request);
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

describe("createClient", () => {
  it("sends the access token as a bearer token to the base URL", async () => {
    const observed = observedFetch(() => new Response(JSON.stringify({ status: "ok" }), { headers: { "content-type": "application/json" } }));
    const __CAMEL__ = createClient({ baseUrl: "https://__NAME__.test", fetch: observed.fetch, auth: { type: "token", accessToken: "t0k3n" } });
    const { data } = await __CAMEL__.GET("/v1/status");
    expect(data).toEqual({ status: "ok" });
    expect(observed.requests[0]?.url).toBe("https://__NAME__.test/v1/status");
    expect(observed.requests[0]?.headers.get("authorization")).toBe("Bearer t0k3n");
  });

  it("rejects a missing access token before any request", () => {
    expect(() => createClient({ auth: { type: "token", accessToken: "" } })).toThrow(InputError);
  });
});
