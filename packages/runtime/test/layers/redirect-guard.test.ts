import { describe, expect, it } from "vitest";
import { RedirectError } from "../../src/errors.js";
import { redirectGuardLayer } from "../../src/layers/redirect-guard.js";
import { asSent, recordingNext, runLayer } from "./harness.js";

const redirectTo = (location: string) => new Response(null, { status: 307, headers: { Location: location } });

describe("the redirect guard layer", () => {
  it("follows a same-origin redirect of a guarded request by hand, resending its body", async () => {
    const { next, seen } = recordingNext((_, index) => (index === 0 ? redirectTo("/moved") : new Response("ok")));
    const request = new Request("https://api.example.com/a?access_token=x", { method: "POST", body: "b", redirect: "manual" });
    const { call, result } = runLayer(asSent(redirectGuardLayer), request, next, {}, (call) => {
      call.manual = true;
      call.moved = new Blob(["b"]);
    });
    expect(await (await result).text()).toBe("ok");
    expect(seen.map((sent) => [sent.url, sent.method, sent.redirect])).toEqual([
      ["https://api.example.com/a?access_token=x", "POST", "manual"],
      ["https://api.example.com/moved", "POST", "manual"],
    ]);
    expect(await seen[1]!.text()).toBe("b");
    // The next attempt starts from the request's own URL and body again.
    expect(call.url).toBe("https://api.example.com/a?access_token=x");
    expect(await call.moved?.text()).toBe("b");
  });

  it("follows a 303 of a guarded GET without a body, and a 301 of a POST not at all", async () => {
    const { next, seen } = recordingNext((_, index) => (index === 0 ? new Response(null, { status: 303, headers: { Location: "/b" } }) : new Response("ok")));
    const get = runLayer(asSent(redirectGuardLayer), new Request("https://api.example.com/a", { redirect: "manual" }), next, {}, (call) => {
      call.manual = true;
    });
    expect(await (await get.result).text()).toBe("ok");
    expect(seen.map((sent) => sent.url)).toEqual(["https://api.example.com/a", "https://api.example.com/b"]);
    const post = runLayer(asSent(redirectGuardLayer), new Request("https://api.example.com/a", { method: "POST", body: "b" }), async () => new Response(null, { status: 301, headers: { Location: "/b" } }), {}, (call) => {
      call.manual = true;
      call.moved = new Blob(["b"]);
    });
    await expect(post.result).rejects.toThrow(/which would turn the POST into a GET; only 307 and 308 keep it\.$/);
  });

  it("refuses a guarded redirect to another origin, sending nothing there", async () => {
    const { next, seen } = recordingNext(() => redirectTo("https://elsewhere.example.net/"));
    const { result } = runLayer(redirectGuardLayer, new Request("https://api.example.com/a", { redirect: "manual" }), next, {}, (call) => {
      call.manual = true;
    });
    await expect(result).rejects.toBeInstanceOf(RedirectError);
    expect(seen).toHaveLength(1);
  });

  it("names the URL that was redirected and where the credential may go, and no option of another host", async () => {
    // CX's data host is set by dataBaseUrl: a hint naming baseUrl or tokenUrl would send the caller to the wrong one.
    const { result } = runLayer(redirectGuardLayer, new Request("https://data.example.com/1/data/a.csv?access_token=x", { redirect: "manual" }), async () => redirectTo("https://elsewhere.example.net/"), {}, (call) => {
      call.manual = true;
    });
    const error = await result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toBe(
      "GET https://data.example.com/1/data/a.csv?access_token=[redacted] was redirected (307) to https://elsewhere.example.net/, which was not followed: another origin; a credential is sent only within https://data.example.com.",
    );
  });

  it("passes an unguarded request through as it is", async () => {
    const { next, seen } = recordingNext(() => redirectTo("https://elsewhere.example.net/"));
    const request = new Request("https://api.example.com/a");
    expect((await runLayer(redirectGuardLayer, request, next).result).status).toBe(307);
    expect(seen[0]).toBe(request);
  });
});
