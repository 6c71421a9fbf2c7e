import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, createOAuth2TokenSource, createTransport, InvalidResponseError } from "../src/index.js";
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

/** What a client-credentials token source throws when its token endpoint answers `answer`. */
function tokenAnswerError(answer: () => Response): Promise<unknown> {
  const fake = fakeFetch(answer);
  const tokens = createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/token", grant: { type: "client_credentials", clientId: "id-1", clientSecret: "cs-5566778899" }, fetch: fake.fetch });
  return caught(tokens.getToken());
}

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
    const error = await tokenAnswerError(() => json({ error: "invalid_grant", error_description: FORGED }, { status: 400 }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain(`failed with 400 invalid_grant (${CLEANED}):`);
    expect((error as Error).message).not.toMatch(UNSAFE);
  });

  it("in the snippet of a token answer that is not JSON, which the error's body holds", async () => {
    const error = await tokenAnswerError(() => new Response(`<h1>Bad\r\nGateway</h1>\n${FORGED}`, { status: 400, headers: { "Content-Type": "text/html" } }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toBe(`<h1>Bad Gateway</h1> ${CLEANED}`);
  });

  it("in a token type that is not Bearer", async () => {
    const error = await tokenAnswerError(() => json({ access_token: "at-1122334455", token_type: `\u202eMAC\u001b[2J\u2028x` }));
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

// Each quote is redacted on its one line before it is cut: cut first, a credential across the cut kept its start
// unrecognized; redacted only as it came, one the server echoed with its white space changed read as itself once put
// on one line (found by a review: each failed before).
describe("server text quoted in an error, redacted before it is cut", () => {
  const TOKEN = "tok_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
  const PASSPHRASE = "correct horse battery staple 9f3k2m";

  it("in the content type of a 2xx that is not JSON, echoing the bearer token across the cut at 100", async () => {
    const fake = fakeFetch(() => new Response("<p>", { headers: { "Content-Type": `text/html-${"y".repeat(70)}-${TOKEN}` } }));
    const send = createTransport({ fetch: fake.fetch, maxRetries: 0, auth: { type: "bearer", token: TOKEN } });
    const error = await caught(send(new Request("https://api.example.com/items"), { response: "json" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(`(text/html-${"y".repeat(70)}-[redacted])`);
  });

  it("in a content type echoing a credential whose UTF-8 bytes came back read as latin1, a C1 control among them", async () => {
    const secret = "pass-\u20ac-word-5566";
    // "€" is E2 82 AC: read as latin1, "â", the C1 control U+0082 and "¬", which the one line writes "â ¬".
    const misread = String.fromCharCode(...new TextEncoder().encode(secret));
    const fake = fakeFetch(() => new Response("<p>", { headers: { "Content-Type": `text/html-${misread}` } }));
    const send = createTransport({ fetch: fake.fetch, maxRetries: 0 });
    const error = await caught(send(new Request("https://api.example.com/login", { method: "POST", body: "x" }), { response: "json", secrets: [secret] }));
    expect((error as Error).message).toContain("(text/html-[redacted])");
  });

  it("in a reason phrase given to ApiError.fromResponse, echoing a known token across the cut at 100", async () => {
    // The token made known, as a client sending it does.
    await createTransport({ fetch: fakeFetch(() => new Response("{}")).fetch, auth: { type: "bearer", token: TOKEN } })(new Request("https://api.example.com/items"));
    const response = new Response("{}", { status: 401, statusText: `Unauthorized ${"z".repeat(70)} ${TOKEN}` });
    const { message } = ApiError.fromResponse(response, { message: "no" }, "GET");
    expect(message).toContain(`failed with 401 Unauthorized ${"z".repeat(70)} [redacted]: no.`);
    expect(message).not.toContain(TOKEN.slice(0, 8));
  });

  it("in the snippet of a 2xx that is not JSON, echoing a call's secret with its white space changed across the cut at 200", async () => {
    const page = `<html><body>${"x".repeat(150)} welcome correct\n    horse battery staple 9f3k2m</body></html>`;
    const send = createTransport({ fetch: fakeFetch(() => new Response(page, { headers: { "Content-Type": "text/html" } })).fetch, maxRetries: 0 });
    const error = await caught(send(new Request("https://api.example.com/login", { method: "POST", body: "x" }), { response: "json", secrets: [PASSPHRASE] }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toBe(`<html><body>${"x".repeat(150)} welcome [redacted]</body></html>`);
  });

  it("in the snippet of a token answer that is not JSON, echoing the password with its white space changed across the cut at 500", async () => {
    const page = `${"x".repeat(470)} correct\r\n horse battery staple 9f3k2m`;
    const fake = fakeFetch(() => new Response(page, { status: 400, headers: { "Content-Type": "text/html" } }));
    const grant = { type: "password", clientId: "id-1", clientSecret: "cs-5566778899", username: "ana", password: PASSPHRASE } as const;
    const error = await caught(createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/token", grant, fetch: fake.fetch }).getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toBe(`${"x".repeat(470)} [redacted]`);
  });
});
