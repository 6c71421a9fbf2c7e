import { describe, expect, it } from "vitest";
import { ApiError } from "../src/index.js";
import { bodyCredentials } from "../src/credential-bearing.js";
import { observedClient } from "./fixtures.js";
import { expectNoSecrets, json, privateFields } from "./helpers.js";

// A raw call that carries a credential in its body (a token request sent by hand, a sign-up form): the client holds
// no such secret of its own, so only the call knows it. A server that refuses it and quotes it back, in any encoding,
// must not put it in what the caller logs: the raw `error`, the status text, or an ApiError built from them.
const PASSWORD = "pa55-w0rd-typed-by-hand";
const SECRET = "cl1ent-s3cret-by-hand";

const echoes = () =>
  json(
    { error: "invalid_grant", error_description: `password ${PASSWORD} is wrong for ${encodeURIComponent(SECRET)} ${btoa(`app:${SECRET}`)}` },
    { status: 401, statusText: `Password ${PASSWORD} refused` },
  );

const BODIES: [string, unknown][] = [
  ["an object", { grant_type: "password", username: "ana", password: PASSWORD, client_secret: SECRET }],
  ["a nested object", { user: { name: "ana", password: PASSWORD, oauth: { client_secret: SECRET } } }],
  ["a form string", `grant_type=password&password=${encodeURIComponent(PASSWORD)}&client_secret=${SECRET}`],
  ["URLSearchParams", new URLSearchParams({ password: PASSWORD, client_secret: SECRET })],
  ["a bracket-notation form string", `user[password]=${PASSWORD}&app[client_secret]=${SECRET}`],
];

describe("a credential a raw call sends in its body", () => {
  it.each(BODIES)("in %s is redacted from the error body and status text the server quoted it in", async (_, body) => {
    const { client } = observedClient(echoes, { auth: { type: "none" } });
    const { error, response } = await client.POST("/forms", { body: body as never });
    expect(response.status).toBe(401);
    expect((error as { error?: unknown }).error).toBe("invalid_grant");
    expect(response.statusText).toBe("Password [redacted] refused");
    for (const shown of [error, ApiError.fromResponse(response, error, "POST")]) expectNoSecrets(shown, [PASSWORD, SECRET]);
  });

  it("in a JSON object with a method named getAll is redacted too: such an object is no form", async () => {
    const { client } = observedClient(echoes, { auth: { type: "none" } });
    // JSON leaves the method out; the object was taken for a form and failed with "form is not iterable" before sending.
    const body = { name: "ana", password: PASSWORD, client_secret: SECRET, getAll: () => ["ana"] };
    const { error, response } = await client.POST("/items", { body: body as never });
    expect(response.status).toBe(401);
    expect(response.statusText).toBe("Password [redacted] refused");
    expectNoSecrets(error, [PASSWORD, SECRET]);
  });

  it("held in a private field that toJSON writes out is redacted too", async () => {
    const { client } = observedClient(echoes, { auth: { type: "none" } });
    const { error, response } = await client.POST("/items", { body: privateFields({ grant_type: "client_credentials", client_secret: SECRET }) as never });
    expect(response.status).toBe(401);
    for (const shown of [error, ApiError.fromResponse(response, error, "POST")]) expectNoSecrets(shown, [SECRET]);
  });

  it("in an instance of the caller's class (a DTO), which JSON writes as its fields, is redacted too", async () => {
    class Login {
      grant_type = "password";
      constructor(
        readonly username: string,
        readonly password: string,
        readonly app: { client_secret: string },
      ) {}
    }
    const { client } = observedClient(echoes, { auth: { type: "none" } });
    const { error, response } = await client.POST("/items", { body: new Login("ana", PASSWORD, { client_secret: SECRET }) as never });
    expect(response.status).toBe(401);
    expect(response.statusText).toBe("Password [redacted] refused");
    for (const shown of [error, ApiError.fromResponse(response, error, "POST")]) expectNoSecrets(shown, [PASSWORD, SECRET]);
  });

  // Only what a Response cannot carry is replaced: a tab and latin1 letters stay.
  it("is redacted from a status text that keeps its tab and its latin1 letters", async () => {
    const answer = () => json({ error: "invalid_grant" }, { status: 401, statusText: `Passwort ${PASSWORD}\tungültig` });
    const { client } = observedClient(answer, { auth: { type: "none" } });
    const { response } = await client.POST("/forms", { body: { password: PASSWORD } as never });
    expect(response.statusText).toBe("Passwort [redacted]\tungültig");
  });

  it("leaves the rest of the error body as the server sent it", async () => {
    const { client } = observedClient(echoes, { auth: { type: "none" } });
    const { error } = await client.POST("/forms", { body: { password: PASSWORD } as never });
    expect((error as unknown as { error_description: string }).error_description).toMatch(/^password \[redacted\] is wrong for /);
  });

  it("redacts nothing of a body with no field named like a credential", async () => {
    const { client } = observedClient(echoes, { auth: { type: "none" } });
    const { error } = await client.POST("/forms", { body: { name: PASSWORD } as never });
    expect(JSON.stringify(error)).toContain(PASSWORD);
  });

  it.each([
    ["an object", { name: "ana", send_password_email: true, reset_password: false, token_ttl: 3600, auth: null }],
    ["a form string", "name=ana&send_password_email=true&reset_password=false&token_ttl=3600"],
  ])("in %s, leaves a boolean or number alone: redacted, it would break the error body's JSON", async (_, body) => {
    const sent = { success: false, retryable: true, retry_after: 3600, message: "email taken" };
    const { client } = observedClient(() => json(sent, { status: 422 }), { auth: { type: "none" } });
    const { error } = await client.POST("/forms", { body: body as never });
    expect(error).toEqual(sent);
  });

  it.each([
    ["an object", { username: "ana", password: "20261202" }],
    ["a form string", "username=ana&password=20261202"],
    ["an object holding it as a number", { username: "ana", password: 20261202 }],
  ])("in %s, redacts a credential of digits alone (8 or more): only a short number is left alone", async (_, body) => {
    const { client } = observedClient(() => json({ error: "invalid_grant", error_description: "password 20261202 is wrong" }, { status: 401 }), { auth: { type: "none" } });
    const { error } = await client.POST("/forms", { body: body as never });
    expect((error as unknown as { error_description: string }).error_description).toBe("password [redacted] is wrong");
  });

  // The body is redacted as text before openapi-fetch parses it: a credential whose every character the server wrote as
  // a \u escape (which JSON allows for any character) matched none of its forms there, and came out of JSON.parse whole,
  // in the raw error and in the ApiError built from it, which knows only the client's own credentials.
  it("written with every character escaped in the JSON the server quoted it in, as a value and as a key, is redacted too", async () => {
    const body = `{"error":"invalid_grant","error_description":"password ${escapedAll(PASSWORD)} is wrong","${escapedAll(SECRET)}":["taken"]}`;
    const { client } = observedClient(() => new Response(body, { status: 401, headers: { "Content-Type": "application/json" } }), { auth: { type: "none" } });
    const { error, response } = await client.POST("/forms", { body: { password: PASSWORD, client_secret: SECRET } as never });
    expect(error).toEqual({ error: "invalid_grant", error_description: "password [redacted] is wrong", "[redacted]": ["taken"] });
    for (const shown of [error, ApiError.fromResponse(response, error, "POST")]) expectNoSecrets(shown, [PASSWORD, SECRET]);
  });

  // Found by a review of the first fix, which parsed the body and wrote it again with JSON.stringify: a body nested too
  // deep for JSON.stringify's stack (openapi-fetch's JSON.parse reads it) fell back to the raw text; a credential with a
  // " or \ of its own, echoed raw beside its escaped copy, made the body no JSON until the raw copy was redacted.
  it.each([
    ["in a body nested 20 000 deep", (password: string) => `{"error_description":"password ${escapedAll(password)} is wrong","pad":${"[".repeat(20_000)}${"]".repeat(20_000)}}`, PASSWORD],
    ['with a " of its own, echoed raw and escaped', (password: string) => `{"echo":"${password}","error_description":"password ${escapedAll(password)} is wrong"}`, 'pa"55-w0rd-typed'],
    ["with a \\ of its own, echoed raw and escaped", (password: string) => `{"echo":"${password}","error_description":"password ${escapedAll(password)} is wrong"}`, "pa\\55-w0rd-typed"],
  ])("written with every character escaped %s, is redacted too", async (_, page, password) => {
    const { client } = observedClient(() => new Response(page(password), { status: 401, headers: { "Content-Type": "application/json" } }), { auth: { type: "none" } });
    const { error, response } = await client.POST("/forms", { body: { password } as never });
    expect(response.status).toBe(401);
    // Without the padding, which is too deep for the renderings expectNoSecrets makes.
    const { pad: __, ...said } = error as unknown as Record<string, unknown>;
    expect(said.error_description).toBe("password [redacted] is wrong");
    for (const shown of [said, ApiError.fromResponse(response, said, "POST")]) expectNoSecrets(shown, [password]);
  });

  it("writes an error body's escapes as JSON.stringify does, parsing to the same value, its numbers and layout kept", async () => {
    const body = '{\n  "detail": "see https:\\/\\/docs.example.com \\u00e9t\\u00E9 \\ud83d\\ude00 \\udc00",\n  "path": "C:\\\\u0041\\n",\n  "n": 1e400,\n  "z": -0\n}';
    const { client } = observedClient(() => new Response(body, { status: 404, headers: { "Content-Type": "application/json" } }), { auth: { type: "none" } });
    const { error, response } = await client.POST("/forms", { body: { password: PASSWORD } as never });
    expect(error).toEqual(JSON.parse(body));
    expect(error).toMatchObject({ detail: "see https://docs.example.com été \u{1f600} \udc00", path: "C:\\u0041\n", n: Infinity, z: -0 });
    expect(await response.text()).toBe('{\n  "detail": "see https://docs.example.com été \u{1f600} \\udc00",\n  "path": "C:\\\\u0041\\n",\n  "n": 1e400,\n  "z": -0\n}');
  });
});

/** `text` with every character written as a JSON \u escape. */
function escapedAll(text: string): string {
  return [...text].map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
}

describe("bodyCredentials", () => {
  // Each value once, in order: a value found twice is redacted the same.
  const taken = (body: unknown) => [...new Set(bodyCredentials(body))].sort();

  it("takes no number of up to 7 characters under a credential's name, a setting such as a lifetime, and takes one of 8", () => {
    expect(bodyCredentials({ token_ttl: 3_600_000, password_min_age: "-1000.5" })).toEqual([]);
    expect(bodyCredentials({ password: 12_345_678 })).toEqual(["12345678"]);
  });

  it("walks a cyclic body whose fields point back at it each once, not once for every path", () => {
    // Every read of a field is counted: walked once for every path up to the depth bound, this body is read 2^32 times.
    let reads = 0;
    const root: Record<string, unknown> = { user: { password: "cyclic-pw-1" } };
    for (const name of ["left", "right"]) {
      Object.defineProperty(root, name, {
        enumerable: true,
        get: () => {
          if (++reads > 100) throw new Error("the same object walked over and over");
          return root;
        },
      });
    }
    expect(bodyCredentials(root)).toEqual(["cyclic-pw-1"]);
  });

  it("finds the secrets of a branching cyclic body, and all of one it also holds under a credential's name", () => {
    const root: Record<string, unknown> = { name: "ana", user: { password: "cyclic-pw-2" } };
    root.a = root;
    root.b = root;
    root.c = { back: root, again: root };
    expect(bodyCredentials(root)).toEqual(["cyclic-pw-2"]);
    root.auth = root;
    expect(taken(root)).toEqual(["ana", "cyclic-pw-2"]);
  });

  it("walks a class instance's own fields, as JSON writes them, and a Date as its text, but not bytes", () => {
    class Credentials {
      constructor(readonly api_key: string) {}
    }
    expect(bodyCredentials({ user: new Credentials("dto-api-key-1") })).toEqual(["dto-api-key-1"]);
    expect(bodyCredentials(Object.assign(Object.create(null), { token: "null-proto-token" }))).toEqual(["null-proto-token"]);
    // A Buffer's indexes name nothing (and may be millions): not walked, so a field set on one is not read either.
    expect(bodyCredentials({ file: Object.assign(new Uint8Array(4), { password: "never-walked" }) })).toBeUndefined();
    // Nor taken as text under a credential's name: JSON writes bytes as numbers, never as "0,0,0,0".
    expect(bodyCredentials({ key: new Uint8Array(32), secret: new DataView(new ArrayBuffer(8)), token: new Blob(["x"]) })).toEqual([]);
    // A Date is written as its text, as JSON writes it.
    expect(bodyCredentials({ password_set_at: new Date(0) })).toEqual(["1970-01-01T00:00:00.000Z"]);
  });

  it("reads both what toJSON gives, which JSON.stringify sends, and the own fields, which a form's serializer sends", () => {
    expect(bodyCredentials({ login: privateFields({ email: "ana@example.com", password: "private-field-pw" }) })).toEqual(["private-field-pw"]);
    // A model that leaves its password hash out of its JSON still has it: a form body of it would send it.
    expect(bodyCredentials({ name: "ana", password_hash: "hash-left-out-of-json", toJSON: () => ({ name: "ana" }) })).toEqual(["hash-left-out-of-json"]);
  });

  it("finds a credential however deep it is, as JSON writes it", () => {
    let deep: Record<string, unknown> = { api_key: "deep-api-key-1" };
    for (let i = 0; i < 100; i++) deep = { next: deep };
    expect(bodyCredentials(deep)).toEqual(["deep-api-key-1"]);
  });

  it("still takes an object met twice whole the second time when that is under a credential's name, or first met deep", () => {
    const shared = { id: "shared-id-1", user: { password: "shared-pw-1" } };
    expect(taken({ a: shared, client_secret: shared })).toEqual(["shared-id-1", "shared-pw-1"]);
    // First met 32 levels down (where a depth bound once cut its password off), then near the root.
    let deep: Record<string, unknown> = { shared };
    for (let i = 0; i < 31; i++) deep = { next: deep };
    expect(taken({ a: deep, b: shared })).toEqual(["shared-pw-1"]);
  });
});
