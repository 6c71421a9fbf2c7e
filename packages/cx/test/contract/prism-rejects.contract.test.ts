// The contract suite is only worth something if Prism really rejects requests that break the spec: these send such
// requests on purpose (bypassing the client's checks) and expect Prism to say so.
import { usePrism } from "@apis/prism";
import { describe, expect, it } from "vitest";
import { createClient, filePath, InputError } from "../../src/index.js";
import { ACCESS_TOKEN } from "../support/secrets.js";
import { caught, watch } from "@apis/faults/leak-watch";

const prism = usePrism("cx");

function client() {
  const recorder = prism.recorder();
  const cx = createClient({ baseUrl: prism.url, dataBaseUrl: prism.url, fetch: recorder.fetch, maxRetries: 0, auth: { type: "token", accessToken: ACCESS_TOKEN } });
  return { recorder, cx };
}

describe("Prism, given requests that break the spec", () => {
  it("rejects a call without an access token", async () => {
    const recorder = prism.recorder();
    const response = await recorder.fetch(`${prism.url}/users/self`);
    watch(await response.json());
    expect(response.status).toBe(401);
    expect(recorder.violations()).toHaveLength(1);
  });

  it("accepts a token request that authenticates the client in the body instead of with Basic", async () => {
    const { recorder, cx } = client();
    const { response } = await cx.POST("/oauth/token", {
      body: { grant_type: "authorization_code", code: "c", redirect_uri: "https://app.example.com/cb", client_id: "CLIENT_ID", client_secret: "CLIENT_SECRET" },
    });
    expect(response.status).toBe(200);
    expect(recorder.violations()).toEqual([]);
  });

  it("rejects an upload without file_content_type", async () => {
    const { recorder, cx } = client();
    const { response, error } = await cx.POST("/data/{filePath}", {
      params: { path: { filePath: filePath("self", "/a.jpg") } },
      // @ts-expect-error file_content_type is required
      body: { file: new Blob(["x"]) },
    });
    watch(error);
    expect(response.status).toBe(422);
    expect(recorder.violations()[0]?.violations.join()).toMatch(/file_content_type/);
  });

  it("rejects a file path with an empty segment, which the client would not have sent", async () => {
    const recorder = prism.recorder();
    const response = await recorder.fetch(`${prism.url}/files/delete/self:%2Fa%2F%2Fb.jpg?access_token=${ACCESS_TOKEN}`, { method: "POST" });
    watch(await response.json());
    expect(response.status).toBe(422);
    expect(recorder.violations()[0]?.violations.join()).toMatch(/pattern/);
    // The client refuses the same path itself, before sending anything.
    expect(await caught(() => filePath("self", "/a//b.jpg"))).toBeInstanceOf(InputError);
  });

  it("refuses a download that asks for JSON only, which is why the client leaves a download's Accept open", async () => {
    const { recorder, cx } = client();
    const { response, error } = await cx.GET("/data/{filePath}", {
      params: { path: { filePath: filePath("self", "/a.jpg") } },
      headers: { Accept: "application/json" },
      parseAs: "stream",
    });
    watch(error);
    expect(response.status).toBe(406);
    expect(recorder.violations()).toHaveLength(1);
  });
});
