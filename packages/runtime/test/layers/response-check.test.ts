import { describe, expect, it, vi } from "vitest";
import { ResponseTooLargeError } from "../../src/errors.js";
import { AttemptFailure } from "../../src/layers/attempt-failure.js";
import { responseCheckLayer } from "../../src/layers/response-check.js";
import { rememberSecret } from "../../src/known-secrets.js";
import { runLayer } from "./harness.js";

const request = () => new Request("https://api.example.com/a");

describe("the response check layer", () => {
  it("hands on the same response, its json() answering from the one parse of the check", async () => {
    const original = new Response('{"id":1}', { headers: { "Content-Type": "application/json" } });
    const parse = vi.spyOn(JSON, "parse");
    const response = await runLayer(responseCheckLayer(1024, 1000), request(), async () => original, { response: "json" }).result;
    const value = await response.json();
    const parses = parse.mock.calls.length;
    parse.mockRestore();
    expect(response).toBe(original);
    expect(value).toEqual({ id: 1 });
    expect(await response.text()).toBe('{"id":1}');
    expect(parses).toBe(1);
  });

  it("fails a 2xx JSON body that is not JSON, safe to resend for a GET", async () => {
    const page = new Response("<html>bad gateway</html>", { headers: { "Content-Type": "text/html" } });
    const failure = (await runLayer(responseCheckLayer(1024, 1000), request(), async () => page, { response: "json" }).result.catch((error) => error)) as AttemptFailure;
    expect(failure.kind).toBe("not-json");
    expect(failure.safe).toBe(true);
    expect(failure.toError("1 attempt").message).toContain("returned 200 (text/html) with a body that is not JSON");
  });

  it("does not call a request that a 2xx spends safe to resend after its 2xx body was not JSON or broke off", async () => {
    const spends = { response: "json", safe: true, oneTime: true } as const;
    const page = new Response("<html>signed in</html>", { headers: { "Content-Type": "text/html" } });
    const notJson = (await runLayer(responseCheckLayer(1024, 1000), request(), async () => page, spends).result.catch((error) => error)) as AttemptFailure;
    expect([notJson.kind, notJson.safe]).toEqual(["not-json", false]);
    const broken = new Response(new ReadableStream({ pull: (controller) => controller.error(new Error("socket hang up")) }));
    const cut = (await runLayer(responseCheckLayer(1024, 1000), request(), async () => broken, spends).result.catch((error) => error)) as AttemptFailure;
    expect([cut.kind, cut.safe]).toEqual(["body", false]);
    expect(cut.toError("1 attempt").message).toMatch(/connection failed while its body was read \(1 attempt\).*not retried/i);
  });

  it("calls a request that a 2xx spends safe to resend after an error status whose body broke off, which spent nothing", async () => {
    const broken = new Response(new ReadableStream({ pull: (controller) => controller.error(new Error("socket hang up")) }), { status: 503 });
    const spends = { response: "json", safe: true, oneTime: true } as const;
    const failure = (await runLayer(responseCheckLayer(1024, 1000), request(), async () => broken, spends).result.catch((error) => error)) as AttemptFailure;
    expect([failure.kind, failure.safe]).toEqual(["body", true]);
  });

  it("fails a body over maxResponseBytes with ResponseTooLargeError", async () => {
    const big = new Response("x".repeat(100));
    await expect(runLayer(responseCheckLayer(10, 1000), request(), async () => big, { buffer: true }).result).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("redacts known credentials from an error body", async () => {
    rememberSecret("layer-secret-value");
    const denied = new Response('{"error":"bad token layer-secret-value"}', { status: 403 });
    const response = await runLayer(responseCheckLayer(1024, 1000), request(), async () => denied).result;
    expect(await response.text()).not.toContain("layer-secret-value");
  });

  it("leaves unread a stream and a response an outer layer discards", async () => {
    const stream = new Response("data");
    const streamed = runLayer(responseCheckLayer(1024, 1000), request(), async () => stream);
    expect(await streamed.result).toBe(stream);
    expect(streamed.call.stream).toBe(true);
    expect(stream.bodyUsed).toBe(false);
    const retried = new Response("busy", { status: 503 });
    const { result } = runLayer(responseCheckLayer(1024, 1000), request(), async () => retried, {}, (call) => {
      call.drops.push((response) => response.status === 503);
    });
    expect(await result).toBe(retried);
    expect(retried.bodyUsed).toBe(false);
  });
});

// A fetch of the caller's own may answer a Response that takes no properties (frozen, sealed): the body the check read
// is then handed on in a copy, not lost, and the call does not fail as if the network had.
describe("a response that takes no properties", () => {
  const seals: [string, (response: Response) => Response][] = [
    ["frozen", (response) => Object.freeze(response)],
    ["sealed", (response) => Object.seal(response)],
    ["not extensible", (response) => Object.preventExtensions(response)],
  ];
  for (const [name, seal] of seals) {
    it(`${name}: a JSON body and an error body still reach the caller`, async () => {
      const ok = seal(new Response('{"id":1}', { headers: { "Content-Type": "application/json" } }));
      const fine = await runLayer(responseCheckLayer(1024, 1000), request(), async () => ok, { response: "json" }).result;
      expect(await fine.json()).toEqual({ id: 1 });
      expect(fine.headers.get("content-type")).toBe("application/json");
      const missing = seal(new Response('{"error":"no such item"}', { status: 404, statusText: "Not Found" }));
      const failed = await runLayer(responseCheckLayer(1024, 1000), request(), async () => missing).result;
      expect([failed.status, failed.statusText]).toEqual([404, "Not Found"]);
      expect(await failed.json()).toEqual({ error: "no such item" });
    });
  }
});
