import { describe, expect, it } from "vitest";
import { ApiConnectionError, ApiError, InvalidResponseError } from "../src/index.js";
import { observedClient } from "./fixtures.js";
import { expectNoSecrets, json } from "./helpers.js";

// A raw call that carries a credential in its query (a legacy `auth_token` parameter, a token sent through a
// querySerializer of the caller's): the client holds no such secret of its own, so only the call knows it. A server
// that refuses the call and quotes it back, decoded or not, must not put it in what the caller logs: the raw `error`,
// the status text, an ApiError built from them, or the start of a 2xx body that is no JSON.
const TOKEN = "LegacyTok3n/Value+0099";

const echoes = (request: Request) => {
  const { search } = new URL(request.url);
  return json(
    { message: `Bad request: /items${search}`, decoded: `token ${decodeURIComponent(search.replace(/\+/g, " "))}`, raw: `got ${TOKEN}` },
    { status: 400, statusText: `Token ${TOKEN} refused` },
  );
};

const CALLS: [string, Record<string, unknown>][] = [
  ["params.query", { params: { query: { page: 2, auth_token: TOKEN } } }],
  ["a querySerializer of the caller's", { params: { query: { page: 2 } }, querySerializer: () => `page=2&access_token=${encodeURIComponent(TOKEN)}` }],
  ["a bracket-notation name", { querySerializer: () => `user[api_key]=${encodeURIComponent(TOKEN)}` }],
];

describe("a credential a raw call sends in its query", () => {
  it.each(CALLS)("in %s is redacted from the error body and status text the server quoted it in", async (_, init) => {
    const { client, calls } = observedClient(echoes, { auth: { type: "none" } });
    const { error, response } = await client.GET("/items", init as never);
    // It went out as the caller wrote it.
    expect([...calls[0]!.url.searchParams.values()]).toContain(TOKEN);
    expect(response.status).toBe(400);
    expect(response.statusText).toBe("Token [redacted] refused");
    expect((error as unknown as { raw: string }).raw).toBe("got [redacted]");
    for (const shown of [error, ApiError.fromResponse(response, error, "GET")]) expectNoSecrets(shown, [TOKEN]);
  });

  it("is redacted from the start of a 2xx body that is no JSON, which its error holds", async () => {
    const { client } = observedClient(() => new Response(`<p>welcome ${TOKEN}</p>`, { headers: { "Content-Type": "application/json" } }), { auth: { type: "none" } });
    const error = await client.GET("/items", { params: { query: { auth_token: TOKEN } } } as never).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toBe("<p>welcome [redacted]</p>");
    expectNoSecrets(error, [TOKEN]);
  });

  // The snippet of a body that is no JSON is written on one line, each run of white space, controls, format characters
  // and separators as one space: a credential with a tab, a line break, two spaces or a zero-width space in it no
  // longer reads as itself there, and is redacted before and after.
  it.each(["pass\tword-secret-1", "pass  word-secret-1", "pass\r\nword-secret-1", "pass\u200bword-secret-1", "pass\u2028\u0085word-secret-1"])("%j is redacted from the one-line snippet of a 2xx body that is no JSON", async (password) => {
    const { client } = observedClient(() => new Response(`<p>welcome\n  ${password}</p>`, { headers: { "Content-Type": "application/json" } }), { auth: { type: "none" } });
    const error = await client.GET("/items", { params: { query: { password } } } as never).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toBe("<p>welcome [redacted]</p>");
  });

  it("is redacted from the one-line snippet when the server wrote its white space and controls otherwise", async () => {
    const password = "pass\u200bword-secret-1";
    const { client } = observedClient(() => new Response(`<p>welcome\n  pass\r\n\u00a0word-secret-1</p>`, { headers: { "Content-Type": "application/json" } }), { auth: { type: "none" } });
    const error = await client.GET("/items", { params: { query: { password } } } as never).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toBe("<p>welcome [redacted]</p>");
  });

  // A network error's text is cut at 300 characters: cut before the call's own credentials were redacted from it, one the
  // cut fell inside kept its start.
  it("is redacted from a network error that quotes it across the 300 characters its text is cut at", async () => {
    const { client } = observedClient(
      () => {
        throw new TypeError(`connect failed ${"x".repeat(275)} ${TOKEN} end`);
      },
      { auth: { type: "none" }, maxRetries: 0 },
    );
    const error = await client.GET("/items", { params: { query: { auth_token: TOKEN } } } as never).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as Error).message).toContain(`connect failed ${"x".repeat(275)} [redac`);
    expect((error as Error).message).not.toContain(TOKEN.slice(0, 4));
    expectNoSecrets(error, [TOKEN]);
  });

  it.each([
    ["a numeric token", "123456789012345678"],
    ["a card-like key", "4111-1111-1111-1111"],
    ["a dotted key", "1.2.3.4567"],
  ])("of digits alone (%s) is redacted too: every query value is text, and 8 characters or more are rarely a setting", async (_, value) => {
    const { client } = observedClient((request) => json({ message: `refused ${new URL(request.url).search}`, raw: `got ${value}` }, { status: 400, statusText: `Token ${value} refused` }), { auth: { type: "none" } });
    const { error, response } = await client.GET("/items", { params: { query: { auth_token: value } } } as never);
    expect(response.statusText).toBe("Token [redacted] refused");
    for (const shown of [error, ApiError.fromResponse(response, error, "GET")]) expectNoSecrets(shown, [value]);
  });

  it("redacts nothing for a query with no parameter named like a credential, nor short numbers and booleans under one", async () => {
    const { client } = observedClient(echoes, { auth: { type: "none" } });
    const { error } = await client.GET("/items", { params: { query: { page: 2, name: TOKEN, token_ttl: 3600, send_password_email: true } } } as never);
    expect((error as unknown as { raw: string }).raw).toBe(`got ${TOKEN}`);
    expect((error as unknown as { message: string }).message).toContain("token_ttl=3600&send_password_email=true");
  });
});
