import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, createOAuth2TokenSource, InvalidResponseError } from "../src/index.js";
import { shorten } from "../src/shorten.js";
import { BASE_URL, observedClient } from "./fixtures.js";
import { caught, fakeFetch, json } from "./helpers.js";

// What a hostile server writes into text an error quotes: an ANSI escape that clears a terminal (ESC [2J), a C1 CSI
// (U+009B, which a terminal runs like ESC [), a bidi override (U+202E turns the rest of the line around) and isolate
// (U+2066), a line separator (U+2028), a zero-width space, a NUL and a soft hyphen; and letters and emoji beyond ASCII,
// which are kept.
const FORGED = "a\u001b[2Jb\u009b31mc\u202ed\u2028e\u2066f\u200bg Zoë 😀\u0000h\u00adi";
const CLEANED = "a [2Jb 31mc d e f g Zoë 😀 h i";
const UNSAFE = /[\p{C}\u2028\u2029]/u;

describe("server text quoted in an error message", () => {
  it("is put on one line: each run of white space, controls, format characters and separators is one space, the ends trimmed", () => {
    expect(shorten(`\r\n ${FORGED} \t`, 200)).toBe(CLEANED);
    // Cleaned before it is cut, so what is cut off is counted after.
    expect(shorten(`${"\u001b".repeat(500)}${"x".repeat(300)}`, 200)).toBe(`${"x".repeat(197)}...`);
  });

  it("in an error status's summary (ApiError.generate, fromResponse)", async () => {
    const error = ApiError.generate(400, { message: FORGED }, { method: "GET", url: `${BASE_URL}/items` });
    expect(error.message).toContain(`failed with 400: ${CLEANED}.`);
    expect(error.message).not.toMatch(UNSAFE);
    const fromResponse = ApiError.fromResponse(json({ error: "bad_request", error_description: FORGED }, { status: 400 }), { error: "bad_request", error_description: FORGED });
    expect(fromResponse.message).toContain(`bad_request (${CLEANED})`);
    // The body stays as the vendor sent it.
    expect(error.body).toEqual({ message: FORGED });
  });

  it("in the snippet of a 2xx body that is not JSON, which the error's body holds", async () => {
    const { client } = observedClient(() => new Response(`<p>${FORGED}</p>`, { headers: { "Content-Type": "text/html" } }), { maxRetries: 0 });
    const error = await caught(client.GET("/items"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toBe(`<p>${CLEANED}</p>`);
  });

  it("in a refused token request's reason", async () => {
    const fake = fakeFetch(() => json({ error: "invalid_grant", error_description: FORGED }, { status: 400 }));
    const tokens = createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/token", grant: { type: "client_credentials", clientId: "id-1", clientSecret: "cs-5566778899" }, fetch: fake.fetch });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain(`failed with 400 invalid_grant (${CLEANED}):`);
    expect((error as Error).message).not.toMatch(UNSAFE);
  });

  it("in the snippet of a token answer that is not JSON, which the error's body holds", async () => {
    const fake = fakeFetch(() => new Response(`<h1>Bad\r\nGateway</h1>\n${FORGED}`, { status: 400, headers: { "Content-Type": "text/html" } }));
    const tokens = createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/token", grant: { type: "client_credentials", clientId: "id-1", clientSecret: "cs-5566778899" }, fetch: fake.fetch });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toBe(`<h1>Bad Gateway</h1> ${CLEANED}`);
  });

  it("in a token type that is not Bearer", async () => {
    const fake = fakeFetch(() => json({ access_token: "at-1122334455", token_type: `\u202eMAC\u001b[2J\u2028x` }));
    const tokens = createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/token", grant: { type: "client_credentials", clientId: "id-1", clientSecret: "cs-5566778899" }, fetch: fake.fetch });
    const error = await caught(tokens.getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('returned token_type "MAC [2J x", not Bearer');
  });

  // A header's value reaches fetch as latin1, so a C1 control comes through (ESC and the other C0 controls are refused);
  // a reason phrase is decoded as UTF-8, so any character does. Either may be as long as the server likes.
  it("in the content type of a 2xx body that is not JSON, bounded", async () => {
    const { client } = observedClient(() => new Response("<p>", { headers: { "Content-Type": `text/\u009b31mhtml${"x".repeat(5000)}` } }), { maxRetries: 0 });
    const error = await caught(client.GET("/items"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(`returned 200 (text/ 31mhtml${"x".repeat(84)}...) with a body that is not JSON`);
    expect((error as Error).message).not.toMatch(UNSAFE);
  });

  it("in the reason phrase of an error status, bounded", () => {
    const response = new Response("{}", { status: 400, headers: { "Content-Type": "application/json" } });
    Object.defineProperty(response, "statusText", { value: `Bad\u009b31m\u202eRequest${"x".repeat(5000)}` });
    const error = ApiError.fromResponse(response, { message: "no" }, "GET");
    expect(error.message).toMatch(/failed with 400 Bad 31m Requestx+\.\.\.: no\./);
    expect(error.message).not.toMatch(UNSAFE);
    expect(error.message.length).toBeLessThan(300);
  });
});
