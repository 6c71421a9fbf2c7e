import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  AuthorizationDeniedError,
  BadRequestError,
  ConflictError,
  createApiClient,
  dataOrThrow,
  ForbiddenError,
  InternalServerError,
  InvalidResponseError,
  idOrThrow,
  objectOrThrow,
  NotFoundError,
  PaginationLimitError,
  RateLimitError,
  readAuthorizationCallback,
  redactUrl,
  rememberSecret,
  UnauthorizedError,
  UnprocessableEntityError,
} from "../src/index.js";
import { isSecretName, redactBody, redactError, redactText } from "../src/redact.js";
import { expectNoSecrets } from "./helpers.js";
import { operations, type paths } from "./fixtures.js";
import { thrownBy } from "@apis/faults/observed-fetch";

describe("error classes", () => {
  it("form one hierarchy with their own names", () => {
    const cases = [
      [new ApiError("m"), "ApiError"],
      [new ApiConnectionError("m"), "ApiConnectionError"],
      [new ApiTimeoutError("m"), "ApiTimeoutError"],
      [new ApiUserAbortError("m"), "ApiUserAbortError"],
      [new AuthenticationError("m"), "AuthenticationError"],
      [new InvalidResponseError("m"), "InvalidResponseError"],
      [new AuthorizationDeniedError("m", { error: "access_denied" }), "AuthorizationDeniedError"],
      [new PaginationLimitError("m", { maxPage: 1, perPage: 1, itemsYielded: 1 }), "PaginationLimitError"],
    ] as const;
    for (const [error, name] of cases) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(ApiError);
      expect(error.name).toBe(name);
      expect(String(error)).toBe(`${name}: m`);
      expect(error.stack?.startsWith(`${name}: m`)).toBe(true);
    }
    expect(new ApiTimeoutError("m")).toBeInstanceOf(ApiConnectionError);
  });

  it("serialize to { name, message, status, method, url, body } with JSON.stringify", () => {
    const error = new ApiError("GET failed", { status: 404, method: "GET", url: "https://x.test/a?token=t0ps3cr3t", body: { message: "nope" }, cause: new Error("c") });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ApiError",
      message: "GET failed",
      status: 404,
      method: "GET",
      url: "https://x.test/a?token=[redacted]",
      body: { message: "nope" },
    });
  });

  // A log line written with JSON.stringify must not lose what a subclass adds, such as the page a list stopped at.
  it("serialize a subclass's own fields after the common ones, and no secret passed to them", () => {
    const error = new PaginationLimitError("GET stopped at page 30", { status: 200, method: "GET", body: [], url: "https://x.test/list?page=30", maxPage: 30, perPage: 50, itemsYielded: 1500, secrets: ["at-secret-1"] });
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["name", "message", "status", "method", "url", "body", "maxPage", "perPage", "itemsYielded"]);
    expect(json).toMatchObject({ name: "PaginationLimitError", maxPage: 30, perPage: 50, itemsYielded: 1500 });
    expect(JSON.stringify(error)).not.toMatch(/secrets|at-secret-1|stack/);
  });

  // Fields set after the constructor redacted them (AuthorizationDeniedError's, or the caller's) are in the JSON too.
  it("serialize no credential held by a field set after construction, such as an AuthorizationDeniedError's errorDescription", () => {
    rememberSecret("client-secret-value-77");
    const error = thrownBy(() =>
      readAuthorizationCallback("/cb?error=invalid_client&error_description=client-secret-value-77%20and%20password%3Dhunter22%20refused", { expectedState: "s" }),
    );
    Object.assign(error as object, { request: { headers: { authorization: "Bearer at-secret-9" } } });
    const json = JSON.stringify(error);
    expect(json).toContain('"errorDescription":"[redacted] and password=[redacted] refused"');
    expect(json).not.toMatch(/client-secret-value-77|hunter22|at-secret-9/);
  });

  it("serialize an error holding a reference to itself, as a caller may attach one, instead of recursing for ever", () => {
    const error = new ApiError("GET failed", { status: 500 });
    Object.assign(error, { context: { error } });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "ApiError", status: 500, context: { error: "[redacted]" } });
  });

  it("redact credentials passed to them in the message, url and body", () => {
    const error = new ApiError("Authorization: Bearer at-secret-1 was refused at https://x.test/?access_token=at-secret-2", {
      url: "https://user:hunter2-password@x.test/cb?code=rt-secret-1&state=ok",
      body: { refresh_token: "rt-secret-2", nested: [{ client_secret: "s3cr3t-client-secret" }], note: "password=hunter2-password" },
    });
    expectNoSecrets(error);
    expect(error.url).toBe("https://[redacted]@x.test/cb?code=[redacted]&state=ok");
    expect(inspect(error)).toContain("state=ok");
  });

  it("blank the secrets they are given wherever they appear, the cause included", () => {
    const error = new ApiError("refused: the vendor said query-secret-value is wrong", {
      url: "https://x.test/cb?k=query-secret-value",
      body: { detail: "value query-secret-value" },
      cause: new Error("sent query-secret-value"),
      secrets: ["query-secret-value"],
    });
    expectNoSecrets(error);
    expect(error.message).toBe("refused: the vendor said [redacted] is wrong");
    expect(error.url).toBe("https://x.test/cb?k=[redacted]");
    expect((error.cause as Error).message).toBe("sent [redacted]");
    expect(Object.keys(error)).not.toContain("secrets");
  });

  it("carry as cause a copy of what the cause says of itself: its name, message and code, and none of its other fields", () => {
    const cause = Object.assign(new TypeError("fetch failed"), { code: "ECONNRESET", request: { headers: {} } });
    const kept = new ApiError("m", { cause }).cause as TypeError & { code?: string };
    expect([kept.name, kept.message, kept.code, Object.keys(kept)]).toEqual(["TypeError", "fetch failed", "ECONNRESET", ["code"]]);
  });

  it("ApiUserAbortError carries a copy of the caller's reason, as every error carries its cause", () => {
    const reason = Object.assign(new Error("user gave up"), { ticket: 42 });
    const kept = new ApiUserAbortError("m", { cause: reason }).cause as Error;
    expect([kept.name, kept.message, Object.keys(kept)]).toEqual(["Error", "user gave up", []]);
  });

  it("fromResponse describes the failure with the vendor's message and what to do", () => {
    const response = new Response(null, { status: 404, statusText: "Not Found" });
    Object.defineProperty(response, "url", { value: "https://api.example.com/v1/tags/9?api_key=bearer-secret-token" });
    const error = ApiError.fromResponse(response, { message: "Tag not found" }, "GET");
    expect(error.message).toBe(
      "GET https://api.example.com/v1/tags/9?api_key=[redacted] failed with 404 Not Found: Tag not found. Check the URL, its IDs included: no such resource, or not this account's.",
    );
    expect(error.status).toBe(404);
    expectNoSecrets(error);
  });
});

describe("ApiError.generate", () => {
  // "Please complete the onboarding flow first.. Check the path ..." read as a typo of ours.
  it.each([
    ["a period", "Tag not found.", "Tag not found. Check"],
    ["a question mark", "Is the tag archived?", "Is the tag archived? Check"],
    ["an exclamation mark", "Not here!", "Not here! Check"],
  ])("ends the vendor's message with one stop before the advice when it ends with %s", (_, message, expected) => {
    const text = ApiError.generate(404, { message }, { method: "GET" }).message;
    expect(text).toContain(expected);
    expect(text).not.toMatch(/[.!?]\./);
  });

  // Firefox's and Deno's fetch say "NetworkError when attempting to fetch resource." (undici too, for a blob: URL).
  it("ends a network error whose platform message ends with a stop with that one stop before the advice", async () => {
    const api = createApiClient<paths>({ baseUrl: "https://api.example.com", operations, auth: { type: "none" }, maxRetries: 0, fetch: async () => {
      throw new TypeError("NetworkError when attempting to fetch resource.");
    } });
    const error = await api.GET("/items").then(() => undefined, (thrown: unknown) => thrown as Error);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error?.message).toContain("NetworkError when attempting to fetch resource. Check the network and base URL.");
  });

  it("adds no second stop after the note that stands in for an error body over 1 MiB", () => {
    const text = ApiError.generate(500, "The error body was larger than 1048576 bytes and was not read.").message;
    expect(text).toMatch(/^The request failed with 500: The error body was larger than 1048576 bytes and was not read\. \S/);
    expect(text).not.toContain("..");
  });

  it.each<[number, string, Function]>([
    [400, "BadRequestError", BadRequestError],
    [401, "UnauthorizedError", UnauthorizedError],
    [403, "ForbiddenError", ForbiddenError],
    [404, "NotFoundError", NotFoundError],
    [409, "ConflictError", ConflictError],
    [422, "UnprocessableEntityError", UnprocessableEntityError],
    [429, "RateLimitError", RateLimitError],
    [500, "InternalServerError", InternalServerError],
    [503, "InternalServerError", InternalServerError],
    [599, "InternalServerError", InternalServerError],
  ])("makes a %i into a %s that is an ApiError with the vendor's body", (status, name, ErrorClass) => {
    const error = ApiError.generate(status, { message: "the vendor's words" }, { method: "GET", url: "https://api.example.com/v1/x" });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(error.body).toEqual({ message: "the vendor's words" });
    expect(error.message).toContain(`GET https://api.example.com/v1/x failed with ${status}: the vendor's words.`);
  });

  it("makes a plain ApiError of a status no class is keyed by", () => {
    const error = ApiError.generate(418, "teapot");
    expect(error.constructor).toBe(ApiError);
    expect(error.message).toBe("The request failed with 418: teapot. See `body` for the vendor's explanation.");
  });

  it("keeps a given message and redacts the body's credentials", () => {
    const error = ApiError.generate(401, { access_token: "leaked-token-1234" }, { message: "refused" });
    expect(error.message).toBe("refused");
    expect(error.body).toEqual({ access_token: "[redacted]" });
  });

  it("is what fromResponse makes, so a raw call's failure becomes the same class", () => {
    const error = ApiError.fromResponse(new Response(null, { status: 409 }), { message: "exists" }, "POST");
    expect(error).toBeInstanceOf(ConflictError);
  });
});

// A 429's Retry-After is what the caller needs to know when to try again: the client returns a 429 whose wait is over a
// minute at once, so without it a helper's RateLimitError told the caller to "retry later" and nothing more.
describe("retryAfterMs: the wait a response asked for", () => {
  const refused = (status: number, headers: Record<string, string>) => ApiError.fromResponse(new Response(null, { status, headers }), { message: "Too many" }, "GET");

  it.each([
    ["Retry-After in seconds", { "Retry-After": "3600" }, 3_600_000],
    ["retry-after-ms, read first", { "Retry-After": "7", "retry-after-ms": "1500" }, 1_500],
    ["a zero wait", { "Retry-After": "0" }, 0],
  ])("a 429 with %s: a RateLimitError carrying it, also when written as JSON", (_, headers, waitMs) => {
    const error = refused(429, headers);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(waitMs);
    expect(error.message).toBe("GET failed with 429: Too many. Rate limited: slow down and retry later.");
    expect(error.toJSON().retryAfterMs).toBe(waitMs);
  });

  it("a 503 with Retry-After carries it too", () => {
    const error = refused(503, { "Retry-After": "30" });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.retryAfterMs).toBe(30_000);
  });

  it("reads an HTTP date as the time left until it", () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const waitMs = refused(429, { "Retry-After": at }).retryAfterMs!;
    // An HTTP date has whole seconds, so up to a second less than asked; the test's own run takes the rest.
    expect(waitMs).toBeGreaterThan(110_000);
    expect(waitMs).toBeLessThanOrEqual(120_000);
  });

  it.each([
    ["no header", {}],
    ["a date that has passed", { "Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT" }],
    ["text that is no wait", { "Retry-After": "soon" }],
    // 400 digits of seconds read as Infinity, which JSON writes as null: a wait no caller can act on.
    ["seconds too many to be a number", { "Retry-After": "9".repeat(400) }],
  ])("is absent with %s", (_, headers) => {
    const error = refused(429, headers);
    expect("retryAfterMs" in error).toBe(false);
    expect(Object.keys(error)).toEqual(["status", "method", "url", "body"]);
    expect(error.message).toBe("GET failed with 429: Too many. Rate limited: slow down and retry later.");
  });

  // Building an error must not throw and hide the error it reports, nor list a wait nobody asked for.
  it.each([
    ["a plain object", { "retry-after": "5" }],
    ["null", null],
    ["an empty string", ""],
  ])("takes headers that are no Headers (%s) as asking for no wait", (_, headers) => {
    const error = new ApiError("refused", { status: 503, headers: headers as unknown as Headers });
    expect(Object.keys(error)).toEqual(["status", "method", "url", "body"]);
    expect(ApiError.generate(429, null, { headers: headers as unknown as Headers })).not.toHaveProperty("retryAfterMs");
  });

  it("carries the wait of Headers given to the constructor, as a subclass's", () => {
    expect(new ApiError("refused", { status: 503, headers: new Headers({ "Retry-After": "5" }) }).retryAfterMs).toBe(5_000);
    expect(new RateLimitError("refused", { status: 429, headers: new Headers({ "retry-after-ms": "250" }) }).retryAfterMs).toBe(250);
  });

  it("keeps no header: a cookie the response set appears nowhere in the error", () => {
    const error = ApiError.fromResponse(new Response(null, { status: 429, headers: { "Retry-After": "30", "Set-Cookie": "session=secret-cookie-value" } }), null, "GET");
    expect(Object.keys(error)).toEqual(["status", "method", "url", "body", "retryAfterMs"]);
    expect(JSON.stringify(error) + inspect(error)).not.toContain("secret-cookie-value");
  });
});

describe("dataOrThrow", () => {
  it("returns a 2xx call's data", () => {
    expect(dataOrThrow({ data: { id: 1 }, response: new Response("{}") }, "GET")).toEqual({ id: 1 });
  });

  it("throws the status-keyed error for an error status, even with an empty body", () => {
    expect(() => dataOrThrow({ error: { message: "no" }, response: new Response(null, { status: 403 }) }, "GET")).toThrow(ForbiddenError);
    expect(() => dataOrThrow({ response: new Response(null, { status: 404 }) }, "DELETE")).toThrow(NotFoundError);
  });
});

describe("objectOrThrow", () => {
  it("returns a 2xx call's object, and throws the status-keyed error for an error status", () => {
    expect(objectOrThrow({ data: { id: 1 }, response: new Response("{}") }, "GET", "item")).toEqual({ id: 1 });
    expect(() => objectOrThrow({ response: new Response(null, { status: 404 }) }, "GET", "item")).toThrow(NotFoundError);
  });

  it.each([["nothing", undefined], ["null", null], ["a list", []], ["a string", "text"]])("throws an InvalidResponseError naming what is missing for a 2xx whose data is %s", (_name, data) => {
    const call = () => objectOrThrow({ data, response: new Response(null, { status: 201 }) }, "POST", "item");
    expect(call).toThrow(InvalidResponseError);
    expect(call).toThrow(/returned 201 but no item$/);
  });
});

describe("idOrThrow", () => {
  it("returns a 2xx call's data with an integer id, and throws the status-keyed error for an error status", () => {
    expect(idOrThrow({ data: { id: 7, name: "x" }, response: new Response("{}") }, "POST", "but no item id")).toEqual({ id: 7, name: "x" });
    expect(() => idOrThrow({ response: new Response(null, { status: 404 }) }, "POST", "but no item id")).toThrow(NotFoundError);
  });

  it.each([["nothing", undefined], ["null", null], ["an envelope", { item: { id: 7 } }], ["a list", [{ id: 7 }]], ["a string id", { id: "7" }], ["an id past 2^53", { id: 2 ** 53 }]])(
    "throws an InvalidResponseError that keeps the body for a 2xx whose data is %s",
    (_name, data) => {
      const error = (() => {
        try {
          idOrThrow({ data, response: new Response(null, { status: 201 }) }, "POST", "but no item id (see body)");
        } catch (thrown) {
          return thrown as InvalidResponseError;
        }
        throw new Error("expected a throw");
      })();
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error.message).toMatch(/^POST .*returned 201 but no item id \(see body\)$/);
      expect(error).toMatchObject({ status: 201, method: "POST" });
      expect(error.body).toEqual(data);
    },
  );
});

describe("idOrThrow with the id asked for", () => {
  it("returns a 2xx call's data whose id is the one asked for", () => {
    expect(idOrThrow({ data: { id: 7, name: "x" }, response: new Response("{}") }, "PUT", "but not item 7", 7)).toEqual({ id: 7, name: "x" });
  });

  it.each([["another item's id", { id: 8 }], ["the id as a string", { id: "7" }], ["no id", { name: "x" }]])(
    "throws an InvalidResponseError that keeps the body for a 2xx whose data has %s",
    (_name, data) => {
      const call = () => idOrThrow({ data, response: new Response(null, { status: 200 }) }, "PUT", "but not item 7 (see body)", 7);
      expect(call).toThrow(InvalidResponseError);
      expect(call).toThrow(/^PUT .*returned 200 but not item 7 \(see body\)$/);
      try {
        call();
      } catch (error) {
        expect((error as InvalidResponseError).body).toEqual(data);
      }
    },
  );
});

describe("redactUrl", () => {
  it.each([
    ["https://a.test/p?access_token=x&page=2", "https://a.test/p?access_token=[redacted]&page=2"],
    ["https://a.test/p?token=x", "https://a.test/p?token=[redacted]"],
    ["https://a.test/p?refresh_token=x&client_secret=y&password=z", "https://a.test/p?refresh_token=[redacted]&client_secret=[redacted]&password=[redacted]"],
    ["https://a.test/p?code=x&api_key=y&apiKey=z&X-Api-Key=w", "https://a.test/p?code=[redacted]&api_key=[redacted]&apiKey=[redacted]&X-Api-Key=[redacted]"],
    ["https://a.test/p?per_page=50&postcode=1234&keyword=k", "https://a.test/p?per_page=50&postcode=1234&keyword=k"],
    ["https://u:p@a.test/p", "https://[redacted]@a.test/p"],
    ["https://a.test/cb#access_token=x", "https://a.test/cb#[redacted]"],
    ["/relative?token=x", "/relative?token=[redacted]"],
    ["https://a.test/p?flag&sig=abc", "https://a.test/p?flag&sig=[redacted]"],
    // A name percent-encoded is the same name to the server that decodes it.
    ["https://a.test/p?%63ode=x&pass%77ord=y&page=2", "https://a.test/p?%63ode=[redacted]&pass%77ord=[redacted]&page=2"],
    // A + in a name is a space to the server, as in its value; a name that is no valid percent-encoding is read as written.
    ["https://a.test/p?pass+word=x&api+key=y&page=2", "https://a.test/p?pass+word=[redacted]&api+key=[redacted]&page=2"],
    ["https://a.test/p?access_token%=x&page=2", "https://a.test/p?access_token%=[redacted]&page=2"],
    // The URL parser (fetch's too) skips leading spaces and control characters: user info after them is still sent.
    [" \thttps://u:p@a.test/p", " \thttps://[redacted]@a.test/p"],
  ])("%s -> %s", (input, output) => {
    expect(redactUrl(input)).toBe(output);
  });
});

describe("redaction helpers", () => {
  it("recognise credential names in their usual spellings", () => {
    for (const name of ["access_token", "accessToken", "Refresh-Token", "id_token", "client_secret", "PASSWORD", "api_key", "x-api-key", "code", "Authorization", "Cookie"]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ["page", "per_page", "username", "email", "error", "error_description", "postcode", "keyword"]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  // Credentials sent under other names: AWS-style access keys, OAuth's client_assertion (RFC 7523) and PKCE's
  // code_verifier (RFC 7636), a bare jwt parameter.
  it("recognise the names of access keys, client assertions, code verifiers and JWTs", () => {
    for (const name of ["access_key", "AWSAccessKeyId", "aws_secret_access_key", "client_assertion", "code_verifier", "jwt", "JWT"]) {
      expect(isSecretName(name), name).toBe(true);
    }
    // Not every name with "pass", "key" or "jwt" in it.
    for (const name of ["passenger", "passes", "key_count", "sort_key", "jwt_algorithm"]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  it("redactText removes user info after a scheme of any length, the part of a long one before its last 31 characters kept", () => {
    const scheme = "averyveryveryveryveryverylongschemename1234";
    expect(redactText(`${scheme}://user:pw-secret@host/x and git+ssh://tok-secret@github.com`)).toBe(
      `${scheme}://[redacted]@host/x and git+ssh://[redacted]@github.com`,
    );
  });

  it("redactText reads a scheme by the letter among its last 31 characters, and a name=value pair by the last 64 characters of the name", () => {
    // A run of digits and a letter too far back is no scheme; one letter close enough is.
    expect(redactText(`${"1".repeat(40)}://user:pw@host and a${"1".repeat(31)}://user:pw@host`)).toBe(`${"1".repeat(40)}://user:pw@host and a${"1".repeat(31)}://user:pw@host`);
    expect(redactText(`a${"1".repeat(30)}://user:pw@host`)).toBe(`a${"1".repeat(30)}://[redacted]@host`);
    // A name longer than 64 characters is judged by its last 64: a credential name there is redacted, one before it is not.
    expect(redactText(`${"x".repeat(80)}_password=s3cret-value&page=2`)).toBe(`${"x".repeat(80)}_password=[redacted]&page=2`);
    expect(redactText(`password_${"x".repeat(80)}=kept&page=2`)).toBe(`password_${"x".repeat(80)}=kept&page=2`);
  });

  it("redactText removes Bearer and Basic credentials but keeps prose", () => {
    expect(redactText("sent Bearer eyJhbGciOi.J9.sig and Basic YW5hOnBhc3M=")).toBe("sent Bearer [redacted] and Basic [redacted]");
    expect(redactText("Basic authentication is required")).toBe("Basic authentication is required");
    expect(redactText('{"token":"abc","ok":"yes"}')).toBe('{"token":"[redacted]","ok":"yes"}');
    expect(redactText("it was hunter2-password", ["hunter2-password"])).toBe("it was [redacted]");
  });

  it("redactBody copies the body with credential fields replaced and leaves the original alone", () => {
    const body = { error: "x", session: { token: "t", user: "u" }, list: [{ password: "p" }] };
    expect(redactBody(body)).toEqual({ error: "x", session: { token: "[redacted]", user: "u" }, list: [{ password: "[redacted]" }] });
    expect(body.session.token).toBe("t");
  });

  // CMIX's { tokenExpired: false } blanked said less about why the call was refused, and hid nothing.
  it("redactBody keeps a true or false under a credential's name, and blanks every other value there", () => {
    const body = { tokenExpired: false, password_reset_required: true, token: "t0k3n-value", code: 1042, key: ["taken"], session: { token: { id: 1 } } };
    expect(redactBody(body)).toEqual({ tokenExpired: false, password_reset_required: true, token: "[redacted]", code: "[redacted]", key: "[redacted]", session: { token: "[redacted]" } });
  });

  it("redactBody redacts a credential a body echoes as a key, in any form, not only as a value", () => {
    const secret = "hunter2+Xq9z";
    const body = { [secret]: 1, nested: [{ [encodeURIComponent(secret)]: "x" }], ok: { [btoa(secret)]: true } };
    expect(redactBody(body, [secret])).toEqual({ "[redacted]": 1, nested: [{ "[redacted]": "x" }], ok: { "[redacted]": true } });
  });

  it("redactError copies an error that quotes a credential, keeping its name and code", () => {
    const error = Object.assign(new TypeError("Failed to fetch https://x.test/?access_token=at-secret-1"), { code: "ERR_X" });
    const copy = redactError(error) as Error & { code?: string };
    expect(copy).not.toBe(error);
    expect(copy.name).toBe("TypeError");
    expect(copy.code).toBe("ERR_X");
    expect(copy.message).toBe("Failed to fetch https://x.test/?access_token=[redacted]");
    expect(copy.stack).not.toContain("at-secret-1");
    expect(redactError("not an error")).toBe("not an error");
  });

  it("redactError redacts a credential an error's code carries, as text or as an object", () => {
    // A library's code is its own to fill: one wrapping an HTTP failure may put the request's details there.
    const text = Object.assign(new Error("request failed"), { code: "Authorization: Bearer at-secret-1.x" });
    const object = Object.assign(new Error("request failed"), { code: { status: 401, access_token: "at-secret-2" } });
    expect((redactError(text) as { code?: unknown }).code).toBe("Authorization: [redacted]");
    expect((redactError(object) as { code?: unknown }).code).toEqual({ status: 401, access_token: "[redacted]" });
    expect(JSON.stringify([redactError(text, ["at-secret-1.x"]), (redactError(object) as { code?: unknown }).code])).not.toMatch(/at-secret/);
  });

  it("redactBody keeps a body's \"__proto__\" key a field of its own, never the copy's prototype", () => {
    // JSON.parse makes "__proto__" an own field; a server may send one at any depth.
    const body = JSON.parse('{"__proto__":{"errorType":"Injected","id":7},"message":"m","nested":[{"__proto__":{"admin":true}}]}');
    const copy = redactBody(body) as Record<string, unknown> & { nested: Record<string, unknown>[] };
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copy.nested[0])).toBe(Object.prototype);
    expect([copy.errorType, copy.id, copy.nested[0]!.admin]).toEqual([undefined, undefined, undefined]);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ errorType: "Injected", id: 7 });
    expect(JSON.stringify(copy)).toBe(JSON.stringify(body));
    // As every error's body is made: what an error shows is what code reading it finds.
    const error = ApiError.generate(400, body);
    expect((error.body as Record<string, unknown>).errorType).toBeUndefined();
    expect(JSON.stringify(error.toJSON().body)).toBe(JSON.stringify(body));
  });

  it("redactBody survives cycles", () => {
    const body: Record<string, unknown> = { a: 1 };
    body.self = body;
    expect(redactBody(body)).toEqual({ a: 1, self: "[redacted]" });
  });
});
