import { describe, expect, it, vi } from "vitest";
import { redactSecretBytes, redactSecrets, rememberSecret } from "../src/known-secrets.js";
import { redactBody } from "../src/redact.js";
import { secretForms } from "../src/secret-forms.js";
import { createOAuth2TokenSource, createTransport, exchangeAuthorizationCode, type Auth } from "../src/index.js";
import { json } from "./helpers.js";

describe("known secrets", () => {
  it("redacts a remembered credential in each form, and the whole Basic value rather than a piece of it", () => {
    const secret = "kn0wn+&/ é%-pass";
    rememberSecret(secret, `ana:${secret}`);
    const basic = Buffer.from(`ana:${secret}`).toString("base64");
    expect(redactSecrets(`Authorization: Basic ${basic}`)).toBe("Authorization: Basic [redacted]");
    expect(redactSecrets(`p=${encodeURIComponent(secret)}&q=${new URLSearchParams({ v: secret }).toString().slice(2)}`)).toBe("p=[redacted]&q=[redacted]");
    expect(redactSecrets(JSON.stringify({ echo: secret }))).toBe('{"echo":"[redacted]"}');
    expect(redactSecrets(`x ${Buffer.from(`other-user:${secret}`).toString("base64")} y`)).not.toContain(Buffer.from(secret).toString("base64").slice(2, 14));
  });

  it("redacts a credential percent-encoded as PHP, Ruby, Python, Go and .NET write it, * ~ ! ( ) / each encoded or kept", () => {
    const secret = "pct*~ pass!(x)'é/z";
    rememberSecret(secret);
    const echoes = {
      "PHP rawurlencode, Python quote(safe='')": "pct%2A~%20pass%21%28x%29%27%C3%A9%2Fz",
      "PHP urlencode": "pct%2A%7E+pass%21%28x%29%27%C3%A9%2Fz",
      "Ruby CGI.escape, Python quote_plus, Go QueryEscape": "pct%2A~+pass%21%28x%29%27%C3%A9%2Fz",
      "Java URLEncoder, URLSearchParams": "pct*%7E+pass%21%28x%29%27%C3%A9%2Fz",
      encodeURIComponent: "pct*~%20pass!(x)'%C3%A9%2Fz",
      ".NET WebUtility.UrlEncode": "pct*%7E+pass!(x)%27%C3%A9%2Fz",
      ".NET HttpUtility.UrlEncode": "pct*%7e+pass!(x)%27%c3%a9%2fz",
      "Python quote, / kept": "pct%2A~%20pass%21%28x%29%27%C3%A9/z",
    };
    for (const [writer, echo] of Object.entries(echoes)) {
      expect(redactSecrets(`echo=${echo}&x=1`), writer).toBe("echo=[redacted]&x=1");
      expect(redactSecrets(`return_to=${encodeURIComponent(`/a?p=${echo.toLowerCase()}`)}`), `${writer}, lower-case hex, encoded twice`).not.toContain("pass");
    }
  });

  // A base64 key's + and =, kept by Go's url.PathEscape (a path segment quoted in a Go server's 404), where every other
  // form encodes them.
  it("redacts a credential percent-encoded as Go's url.PathEscape writes it, $ & + : = @ kept and / encoded", () => {
    const secret = "go+K3y/a=$&@:b é";
    rememberSecret(secret);
    const echo = "go+K3y%2Fa=$&@:b%20%C3%A9";
    expect(redactSecrets(`no such key /keys/${echo}.`)).toBe("no such key /keys/[redacted].");
    expect(redactSecrets(`no such key /keys/${echo.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}.`), "lower-case hex").toBe("no such key /keys/[redacted].");
  });

  it("leaves text without a credential as it is, and ignores values shorter than 4 characters", () => {
    rememberSecret("abc", undefined);
    const text = "GET /abc?page=2 -> 200";
    expect(redactSecrets(text)).toBe(text);
    expect(redactSecrets("token abcd here", ["abcd"])).toBe("token [redacted] here");
  });

  it("redacts a text that is a credential of exactly 4 characters, the shortest remembered", () => {
    rememberSecret("k3y9");
    expect(redactSecrets("k3y9")).toBe("[redacted]");
  });

  it("redacts a 4-character credential at the very end of a text", () => {
    rememberSecret("q7w2");
    expect(redactSecrets("key q7w2")).toBe("key [redacted]");
  });

  it("redacts a credential's base64 without its padding and in its URL-safe alphabet, as a JWT or a base64url token carries it", () => {
    rememberSecret("k3y9", "~~~~>>>?-url-safe");
    const base64url = (text: string) => Buffer.from(text).toString("base64url");
    expect([base64url("k3y9"), base64url("~~~~>>>?-url-safe")]).toEqual(["azN5OQ", "fn5-fj4-Pj8tdXJsLXNhZmU"]);
    expect(redactSecrets(`a ${base64url("k3y9")} b ${base64url("~~~~>>>?-url-safe")} c`)).toBe("a [redacted] b [redacted] c");
  });

  it("redacts a credential with < and > echoed HTML-escaped, as &lt; and &gt;", () => {
    rememberSecret("pa<ss>w0rd");
    expect(redactSecrets("<p>Wrong password: pa&lt;ss&gt;w0rd</p>")).toBe("<p>Wrong password: [redacted]</p>");
  });

  // An API key sent as a Basic user name with an empty password (`key:`): its base64 begins the value, and its last
  // character also holds the colon's bits, so only the run before it stands for the key.
  it("redacts a credential whose base64 begins a longer base64 text, as an API key sent as a Basic user name", () => {
    rememberSecret("k3y-ap1");
    const basic = Buffer.from("k3y-ap1:").toString("base64");
    expect(redactSecrets(`Basic ${basic}`)).not.toContain("azN5LWFwM");
  });

  it("redacts a 5-character credential inside the base64 of ana:<credential>, where 6 base64 characters stand for it", () => {
    rememberSecret("p4ss5");
    const basic = Buffer.from("ana:p4ss5").toString("base64");
    expect(redactSecrets(`Basic ${basic}`)).not.toContain("A0c3M1");
  });

  it("returns the same bytes when there is nothing to redact, and clean UTF-8 when there is", () => {
    rememberSecret("bytes-secret-1");
    const clean = new TextEncoder().encode('{"ok":true}');
    expect(redactSecretBytes(clean)).toBe(clean);
    expect(new TextDecoder().decode(redactSecretBytes(new TextEncoder().encode('{"echo":"bytes-secret-1 é"}')))).toBe('{"echo":"[redacted] é"}');
  });

  it("keeps a credential in use when more than 1024 others are remembered after it", () => {
    rememberSecret("long-lived-client-secret");
    for (let i = 0; i < 1100; i++) {
      rememberSecret(`short-lived-token-${i}`);
      if (i % 100 === 0) rememberSecret("long-lived-client-secret");
    }
    expect(redactSecrets("long-lived-client-secret")).toBe("[redacted]");
    expect(redactSecrets("short-lived-token-1099")).toBe("[redacted]");
    // The oldest unused one made room.
    expect(redactSecrets("short-lived-token-1")).toBe("short-lived-token-1");
  });

  it("forgets the credential unused longest, not one used since, however full the list was when it was used", async () => {
    vi.resetModules();
    const fresh = await import("../src/known-secrets.js");
    fresh.rememberSecret("client-secret-used-lately");
    for (let i = 0; i < 500; i++) fresh.rememberSecret(`earlier-token-${i}`);
    // Used after the 500 above, so any of them is forgotten before it.
    fresh.rememberSecret("client-secret-used-lately");
    for (let i = 0; i < 600; i++) fresh.rememberSecret(`later-token-${i}`);
    expect(fresh.redactSecrets("client-secret-used-lately")).toBe("[redacted]");
    expect(fresh.redactSecrets("earlier-token-0")).toBe("earlier-token-0");
  });

  it("lists the credentials it knows, the one unused longest first, and not those it forgot nor short ones", async () => {
    vi.resetModules();
    const fresh = await import("../src/known-secrets.js");
    fresh.rememberSecret("first-secret", "abc", "second-secret");
    fresh.rememberSecret("first-secret");
    expect(fresh.knownSecrets()).toEqual(["second-secret", "first-secret"]);
    for (let i = 0; i < 1024; i++) fresh.rememberSecret(`later-token-${i}`);
    expect(fresh.knownSecrets()).toHaveLength(1024);
    expect(fresh.knownSecrets()).not.toContain("second-secret");
  });

  it("does not hand out the credentials it knows from the package's entry", async () => {
    expect(Object.keys(await import("../src/index.js"))).not.toContain("knownSecrets");
  });

  it("knows how a header brings a credential back: its UTF-8 bytes read as latin1, or non-ASCII bytes lost", () => {
    expect(secretForms("pé-secret")).toEqual(expect.arrayContaining(["p\u00c3\u00a9-secret", "p\ufffd-secret"]));
  });
});

describe("a call's own credential that begins with a known one", () => {
  it("is redacted whole, not left with its tail after the known one's [redacted]", () => {
    rememberSecret("kq7Zshared");
    expect(redactSecrets("echo kq7Zshared-and-more, kq7Zshared.", ["kq7Zshared-and-more"])).toBe("echo [redacted], [redacted].");
  });

  it("leaves no tail of a known credential that begins inside the call's own and runs on past it", () => {
    rememberSecret("wq4Xpart", "-own9-tail-known");
    // Taking only the longest match at "wq4X" (the own one) left "-tail-known"; before, the known "wq4Xpart" was taken there,
    // and the scan went on to redact "-own9-tail-known" whole. Either way round, no piece of any credential may stay.
    expect(redactSecrets("echo wq4Xpart-own9-tail-known.", ["wq4Xpart-own9"])).toBe("echo [redacted].");
    expect(redactSecrets("echo jz8Vown-wq4Xpart.", ["jz8Vown-wq4X"])).toBe("echo [redacted].");
  });
});

describe("escapes written another way than the forms", () => {
  // Each: a credential remembered and one passed as extra, echoed as some server writes them.
  it.each([
    // Mixed-case percent escapes.
    ["%xx escapes in mixed case", "pw/é-mixed-case-1", "pw%2F%c3%a9-mixed-case-1", "pw/é-extra-case-2", "pw%2f%C3%A9-extra-case-2"],
    // .NET's System.Text.Json and Java's escapers write a \u escape's hex digits in upper case, JSON.stringify in lower.
    ["JSON \\u escapes in upper or mixed case", "pässwörd-json-1", "p\\u00E4ssw\\u00f6rd-json-1", "pässwörd-json-2", "p\\u00E4ssw\\u00F6rd-json-2"],
    // Rails writes & < > in JSON as \u0026 \u003c \u003e (escape_html_entities_in_json, on by default), and Wootric's
    // API appears to be one (its bracket-notation forms; an inference): its error bodies would echo a secret's & so.
    ["& < > as JSON \\u escapes in either case, as Rails writes them", "kn0wn&<b>-rails-1", "kn0wn\\u0026\\u003cb\\u003e-rails-1", "kn0wn&<b>-rails-2", "kn0wn\\u0026\\u003Cb\\u003E-rails-2"],
    // Gson (Java) writes & < > = ' in JSON as \u escapes by default: a base64 token's padding comes back as \u003d.
    ["= and ' as JSON \\u escapes, as Gson writes them", "dGhpcy1pcy10b2tlbg==", "dGhpcy1pcy10b2tlbg\\u003d\\u003d", "it's-gson-2", "it\\u0027s-gson-2"],
  ])("redacts a credential echoed with %s, known or passed as extra", (_, known, knownEcho, extra, extraEcho) => {
    rememberSecret(known);
    expect(redactSecrets(`echo ${knownEcho} end`)).toBe("echo [redacted] end");
    expect(redactSecrets(`echo ${extraEcho} end`, [extra])).toBe("echo [redacted] end");
  });

  it("redacts a credential that begins or ends with hex digits beside a % the text holds, which reads as an escape there", () => {
    rememberSecret("deadbeef9c1d", "Tr0ub4d0r%a");
    expect(redactSecrets("echo 100%deadbeef9c1d end")).toBe("echo 100%[redacted] end");
    expect(redactSecrets("echo %2eadbeef9c1d end", ["eadbeef9c1d"])).toBe("echo %2[redacted] end");
    expect(redactSecrets("echo Tr0ub4d0r%ab end")).toBe("echo [redacted]b end");
  });
});

// A process with many clients (one per tenant) may remember more than 1024 other credentials while one call is in
// flight: the list of known ones then forgets the call's own, and a server that echoes it must still not get it into
// the call's error.
describe("a call's own credential, forgotten by the list of known ones while the call is in flight", () => {
  const others = () => {
    for (let i = 0; i < 1100; i++) rememberSecret(`another-tenant-token-${i}`);
  };
  const auths: [string, Auth, string][] = [
    ["a bearer token", { type: "bearer", token: "tenant-bearer-token-1" }, "tenant-bearer-token-1"],
    ["a Basic password", { type: "basic", username: "ana", password: "tenant-basic-password-1" }, "tenant-basic-password-1"],
    ["a Basic user name with no password (an API key)", { type: "basic", username: "tenant-api-key-1", password: "" }, "tenant-api-key-1"],
    ["a Basic user name with a placeholder password (an API key and X)", { type: "basic", username: "tenant-api-key-2", password: "X" }, "tenant-api-key-2"],
    ["an OAuth 2 token", { type: "oauth2", tokens: { getToken: async () => "tenant-oauth-token-1", invalidate: () => {} } }, "tenant-oauth-token-1"],
  ];
  for (const [name, auth, secret] of auths) {
    it(`is still redacted from its error: ${name}`, async () => {
      const send = createTransport({
        auth,
        fetch: async () => {
          others();
          return json({ error: "invalid", echo: `got ${secret}` }, { status: 400 });
        },
      });
      const response = await send(new Request("https://api.example.com/items"), { response: "json" });
      const body = await response.text();
      expect(body).not.toContain(secret);
      expect(body).toContain("[redacted]");
    });
  }
});

// A caller's own Authorization header (a client's `headers`, or one call's) replaces a header credential of ours, or
// goes beside a query one: a server that echoed what it carries, bare, showed it in the call's error body, where the
// transport's own credential would have been redacted.
describe("a caller's own Authorization header", () => {
  const auths: [string, Auth][] = [
    ["in place of a bearer token", { type: "bearer", token: "transport-bearer-token-1" }],
    ["beside a query credential", { type: "query", name: "access_token", value: "transport-query-token-1" }],
    ["on a transport without auth", { type: "none" }],
  ];
  const headers: [string, string, string][] = [
    ["a bearer token", "Bearer caller-own-token-1", "caller-own-token-1"],
    ["Basic credentials", `Basic ${btoa("caller-user:caller-own-password-1")}`, btoa("caller-user:caller-own-password-1")],
    ["a bare key", "caller-own-api-key-1", "caller-own-api-key-1"],
    // A header may hold a tab between the scheme and the credential (a caller's template literal), which fetch sends.
    ["a bearer token after a tab", "Bearer\tcaller-own-token-2", "caller-own-token-2"],
  ];
  for (const [where, auth] of auths) {
    for (const [what, header, secret] of headers) {
      it(`is redacted from the error body that echoes it: ${what}, ${where}`, async () => {
        const send = createTransport({ auth, fetch: async () => json({ error: "invalid", echo: `got ${secret}` }, { status: 400 }) });
        const response = await send(new Request("https://api.example.com/items", { headers: { authorization: header } }), { response: "json" });
        const body = await response.text();
        expect(body).not.toContain(secret);
        expect(body).toContain("[redacted]");
      });
    }
  }
});

// `Bearer ${token}` of a token that is unset (null from a browser's storage) or a flag: a word that short is no
// credential, and redacted from the raw error body it made JSON of null, true or false unreadable ("detail":[redacted]).
describe("a caller's own Authorization header too short to be a credential", () => {
  for (const word of ["null", "true", "false"]) {
    it(`leaves the JSON of the error body readable: Bearer ${word}`, async () => {
      const body = { error: "invalid_token", detail: null, retry: true, expired: false };
      const send = createTransport({ auth: { type: "bearer", token: "transport-bearer-token-1" }, fetch: async () => json(body, { status: 401 }) });
      const response = await send(new Request("https://api.example.com/items", { headers: { authorization: `Bearer ${word}` } }), { response: "json" });
      expect(await response.json()).toEqual(body);
    });
  }
});

// The same for a token request, whose credentials (a password, a client secret, a code) are in its body, not on the
// transport: they were handed to the token request's own errors, but not to its transport's, so a redirect to another
// origin whose Location echoed one under a name no rule knows (`?u=...`), or a failure quoting it, showed it in the
// RedirectError and in the log line once the list of known credentials had forgotten it.
describe("a token request's credentials, forgotten by the list of known ones while it is in flight", () => {
  const others = () => {
    for (let i = 0; i < 1100; i++) rememberSecret(`another-tenant-token-${i}`);
  };
  // Redirects the token request to another origin, quoting `secret` in the Location, after 1100 other credentials.
  const redirecting = (secret: string) => async () => {
    others();
    return new Response(null, { status: 302, headers: { location: `https://login.example.net/?u=${encodeURIComponent(secret)}` } });
  };
  const failing = (secret: string) => async () => {
    others();
    throw new TypeError(`connect failed while sending u=${secret}`);
  };
  const runs: [string, string, (fetch: () => Promise<Response>, lines: string[]) => Promise<unknown>][] = [
    ["the password grant's password", "tenant-password-1", (fetch, lines) =>
      createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/oauth/token", grant: { type: "password", username: "ana", password: "tenant-password-1" }, fetch, maxRetries: 0, logger: { debug: (line) => lines.push(line) } }).getToken()],
    ["the client secret", "tenant-client-secret-1", (fetch, lines) =>
      createOAuth2TokenSource({ tokenUrl: "https://auth.example.com/oauth/token", grant: { type: "client_credentials", clientId: "app", clientSecret: "tenant-client-secret-1" }, fetch, maxRetries: 0, logger: { debug: (line) => lines.push(line) } }).getToken()],
    ["an authorization code", "tenant-auth-code-1", (fetch, lines) =>
      exchangeAuthorizationCode({ tokenUrl: "https://auth.example.com/oauth/token", clientId: "app", clientSecret: "tenant-client-secret-2", code: "tenant-auth-code-1", redirectUri: "https://app.example.com/cb", fetch, maxRetries: 0, logger: { debug: (line) => lines.push(line) } })],
  ];
  for (const [name, secret, run] of runs) {
    for (const [how, fetch] of [["a redirect's Location", redirecting], ["a network error", failing]] as const) {
      it(`keeps ${name} out of the error and the log line: echoed in ${how}`, async () => {
        const lines: string[] = [];
        const error = await run(fetch(secret), lines).then(() => undefined, (caught: unknown) => caught);
        expect(error).toBeInstanceOf(Error);
        const shown = [(error as Error).message, JSON.stringify(error), String((error as Error).stack), JSON.stringify(redactBody((error as Error).cause)), String(((error as Error).cause as Error | undefined)?.message), ...lines].join("\n");
        expect(shown).toContain("[redacted]");
        expect(shown).not.toContain(secret);
      });
    }
  }
});

// An error body of many strings is redacted string by string with the same list of the call's own credentials: their
// forms (percent-, JSON- and base64-encoded, ...) are made once for the list, not once per string, which took seconds
// over a 7 MB body of 200 000 strings.
describe("the forms of a call's own credentials, over a body of many strings", () => {
  it("are made once for the list, and still redact every string", () => {
    const extra = ["call-own-secret-1", "call-own-secret-2"];
    const body = Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? `echo ${extra[i % 2]}` : `value number ${i}`));
    const btoa = vi.spyOn(globalThis, "btoa");
    try {
      const clean = redactBody(body, extra) as string[];
      expect(clean.filter((text) => text.includes("[redacted]"))).toHaveLength(10);
      expect(JSON.stringify(clean)).not.toMatch(/call-own-secret/);
      // Each credential's base64 forms take a handful of btoa calls; once per string would be thousands.
      expect(btoa.mock.calls.length).toBeGreaterThan(0);
      expect(btoa.mock.calls.length).toBeLessThan(100);
    } finally {
      btoa.mockRestore();
    }
  });

  it("follow the list when it changes, even the same array changed in place", () => {
    const extra = ["first-own-secret"];
    expect(redactSecrets("a first-own-secret b", extra)).toBe("a [redacted] b");
    extra.push("second-own-secret");
    expect(redactSecrets("a second-own-secret b", extra)).toBe("a [redacted] b");
    expect(redactSecrets("a first-own-secret b", ["another-own-secret"])).toBe("a first-own-secret b");
  });
});

// JWTs all begin alike (`eyJhbGciOi...`, a payload `eyJzdWIi...`): a body full of look-alikes was compared with every
// known one at each of them, which held the event loop for seconds over a hostile 1 MiB error body with 1024 known.
describe("many known credentials that begin alike", () => {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const jwt = (i: number) => `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: `user-${i}`, exp: 1_900_000_000 })}.${base64url(`signature-${i}-${i * 7919}`)}`;

  it("are told apart by their ends, not compared one by one with each look-alike in a text", () => {
    const known = Array.from({ length: 300 }, (_, i) => jwt(i));
    const own = Array.from({ length: 300 }, (_, i) => jwt(1000 + i));
    rememberSecret(...known);
    const lookAlikes = Array.from({ length: 200 }, (_, i) => jwt(5000 + i));
    const text = [...lookAlikes, known[7], own[42]].join(" ");
    const startsWith = vi.spyOn(String.prototype, "startsWith");
    let clean: string;
    try {
      clean = redactSecrets(text, own);
      // Each look-alike begins like all 600: a comparison with each of them made 120 000.
      expect(startsWith.mock.calls.length).toBeLessThan(1000);
    } finally {
      startsWith.mockRestore();
    }
    expect(clean).toBe([...lookAlikes, "[redacted]", "[redacted]"].join(" "));
  });
});

// JWTs of many lengths (each user's claims differ) share their first characters: a text of those characters over and
// over was tried against each length at each place (12.9 s over a 1 MiB body with 1024 known).
describe("many known credentials that begin alike, in many lengths", () => {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const jwt = (i: number) => `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: "user", email: `${"x".repeat(i)}@example.com` })}.${base64url(`signature-${i}`)}`;

  it("are tried only where the text has the start they all share", () => {
    const known = Array.from({ length: 300 }, (_, i) => jwt(i));
    rememberSecret(...known);
    const text = `${"eyJh".repeat(2000)} ${known[123]}`;
    const slice = vi.spyOn(String.prototype, "slice");
    let clean: string;
    try {
      clean = redactSecrets(text);
      // One key a place (8000) and a few for the match; trying each length at each "eyJh" made about 600 000.
      expect(slice.mock.calls.length).toBeLessThan(20_000);
    } finally {
      slice.mockRestore();
    }
    expect(clean).toBe(`${"eyJh".repeat(2000)} [redacted]`);
  });
});
