// The vendor: "A 200 response status code that is not accompanied with a valid JSON body is an error, and should be
// treated exactly the same as a status code 500."
import { describe, expect, it } from "vitest";
import { createClient, filePath, InvalidResponseError } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { ACCESS_TOKEN } from "../support/secrets.js";
import { caught } from "@apis/faults/leak-watch";

const auth = { type: "token", accessToken: ACCESS_TOKEN } as const;
const html = () => new Response("<html><body>502 Bad Gateway</body></html>", { status: 200, headers: { "content-type": "text/html" } });

describe("a 200 without a valid JSON body", () => {
  it("is retried on a GET like a 500, and the JSON that follows is returned", async () => {
    const observed = observedFetch((_request, index) => (index === 0 ? html() : json({ profile: { id: "l6hkZxxCEeGQ1BIBPQhmWA" } })));
    const cx = createClient({ auth, fetch: observed.fetch });
    const { data } = await cx.GET("/users/self");
    expect(data?.profile.id).toBe("l6hkZxxCEeGQ1BIBPQhmWA");
    expect(observed.requests).toHaveLength(2);
  });

  it("throws an InvalidResponseError, not a JSON parse error, once the GET's retries are used up", async () => {
    const observed = observedFetch(html);
    const cx = createClient({ auth, fetch: observed.fetch, maxRetries: 1 });
    const error = await caught(cx.GET("/users/self"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect((error as InvalidResponseError).message).toMatch(/returned 200 \(text\/html\) with a body that is not JSON/);
    expect((error as InvalidResponseError).body).toBe("<html><body>502 Bad Gateway</body></html>");
    expect(observed.requests).toHaveLength(2);
  });

  it("is not resent on a POST, since CX may have acted on it", async () => {
    const observed = observedFetch(() => new Response("OK", { status: 200, headers: { "content-type": "application/json" } }));
    const cx = createClient({ auth, fetch: observed.fetch });
    const error = await caught(cx.POST("/files/delete/{filePath}", { params: { path: { filePath: filePath("self", "/a.txt") } } }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/Not retried: the server may have acted on it/);
    expect(observed.requests).toHaveLength(1);
  });

  it("is an error when the body is empty too", async () => {
    const observed = observedFetch(() => new Response("", { status: 200, headers: { "content-type": "application/json" } }));
    const cx = createClient({ auth, fetch: observed.fetch, maxRetries: 0 });
    const error = await caught(cx.GET("/users/self"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/returned 200 with an empty body, not JSON: a server error, retry later\./);
  });

  it("is an error on a POST too, which says CX may have carried it out rather than to retry", async () => {
    const observed = observedFetch(() => new Response("", { status: 201, headers: { "content-type": "application/json" } }));
    const cx = createClient({ auth, fetch: observed.fetch });
    const error = await caught(cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/Photos") } } }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/returned 201 with an empty body, not JSON: a server error, and CX may have carried it out: check before resending\.$/);
    expect((error as Error).message).not.toMatch(/retry/);
    expect(observed.requests).toHaveLength(1);
  });

  it("does not apply to a download, whose body is the file", async () => {
    const observed = observedFetch(() => new Response("not { json", { headers: { "content-type": "text/plain" } }));
    const cx = createClient({ auth, fetch: observed.fetch });
    const { data } = await cx.GET("/data/{filePath}", { params: { path: { filePath: filePath("self", "/notes.txt") } }, parseAs: "text" });
    expect(data).toBe("not { json");
  });
});
