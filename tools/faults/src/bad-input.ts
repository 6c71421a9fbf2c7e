// Test-only: the harness of every vendor's test/unit/bad-input.test.ts. Each case calls one exported helper with bad
// input through a fetch spy that would answer any request; the helper must refuse with the package's InputError,
// naming the field and saying what to fix, before anything is sent, and no secret may show in the error.
import { describe, expect, it, vi, type Mock } from "vitest";
import { renderingsOf, showsSecret, watch, watchSecrets } from "./leak-watch.js";

/** A fetch that answers every request 200 with `body` as JSON, and counts the calls. */
export type FetchSpy = Mock<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>> & typeof fetch;

/**
 * A fetch spy answering every request with `body`: one body that serves every helper's good call (a token, an item).
 *
 * @example
 * const fetch = fetchSpy({ id: 1, access_token: "at-issued" });
 */
export function fetchSpy(body: unknown): FetchSpy {
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })) as FetchSpy;
}

/** One bad call: which helper, what is wrong with the input, and the error it must raise. */
export interface BadInputCase {
  helper: string;
  input: string;
  call: (fetch: FetchSpy) => unknown;
  /** The `field` of the InputError: the option or argument the caller must fix. */
  field: string;
  /** What the message must say: the field and the rule. */
  message: RegExp;
}

/** Passes a deliberately mistyped value through the typed signatures. */
export const bad = <T>(value: unknown): T => value as T;

/** Whatever `run` threw or rejected with; an async iterator is advanced once, so a lazy check would have to send. */
export async function failure(run: () => unknown): Promise<unknown> {
  try {
    const result = await run();
    if (result !== null && typeof result === "object" && Symbol.asyncIterator in result) await (result as unknown as AsyncIterator<unknown>).next();
  } catch (error) {
    return error;
  }
  return undefined;
}

export interface BadInputSuite {
  /** The vendor package's InputError class (re-exported from @apis/runtime). */
  InputError: abstract new (...args: never[]) => Error & { field: string };
  /** The credentials the cases hand to clients; none may show in an error. */
  secrets: readonly string[];
  /** Answers the control test's good calls. */
  spyBody: unknown;
  cases: readonly BadInputCase[];
  /** Good calls through the spy, which must send `sends` requests: proof that the cases fail on their input alone. */
  control: { name: string; sends: number; run: (fetch: FetchSpy) => Promise<unknown> };
}

/**
 * Registers the suite: one test per case, and the control test.
 *
 * @example
 * describeBadInput({ InputError, secrets: [TOKEN], spyBody: { id: 1 }, cases, control: { name: "...", sends: 1, run: (fetch) => ... } });
 */
export function describeBadInput(suite: BadInputSuite): void {
  watchSecrets(...suite.secrets);
  describe("bad input is refused before any request, with an InputError that says what to fix", () => {
    it.each(suite.cases)("$helper: $input", async ({ call, field, message }) => {
      const fetch = fetchSpy(suite.spyBody);
      const error = watch(await failure(() => call(fetch)));
      expect(error).toBeInstanceOf(suite.InputError);
      expect((error as { field: string }).field).toBe(field);
      expect((error as Error).message).toMatch(message);
      expect(fetch).toHaveBeenCalledTimes(0);
      const leaks = renderingsOf(error).filter((text) => suite.secrets.some((secret) => showsSecret(text, secret)));
      expect(leaks).toEqual([]);
    });

    it(suite.control.name, async () => {
      const fetch = fetchSpy(suite.spyBody);
      await suite.control.run(fetch);
      expect(fetch).toHaveBeenCalledTimes(suite.control.sends);
    });
  });
}

/** `text` as a regular expression that matches it literally. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** How the runtime bounds each attempt and its retries: values it must refuse, each with its message. */
const BOUNDS: [input: string, options: Record<string, unknown>, field: string, message: RegExp][] = [
  ["timeoutMs 0", { timeoutMs: 0 }, "timeoutMs", /timeoutMs must be an integer from 1 to 2147483647, got 0/],
  ["timeoutMs -1", { timeoutMs: -1 }, "timeoutMs", /timeoutMs must be an integer from 1 to 2147483647, got -1/],
  ["timeoutMs NaN", { timeoutMs: NaN }, "timeoutMs", /timeoutMs must be an integer from 1 to 2147483647, got NaN/],
  ["timeoutMs Infinity", { timeoutMs: Infinity }, "timeoutMs", /timeoutMs must be an integer from 1 to 2147483647, got Infinity/],
  ["timeoutMs 2^31, which a timer would fire at once", { timeoutMs: 2 ** 31 }, "timeoutMs", /timeoutMs must be an integer from 1 to 2147483647, got 2147483648/],
  ["maxRetries -1", { maxRetries: -1 }, "maxRetries", /maxRetries must be an integer from 0 to 10, got -1/],
  ["maxRetries 1.5", { maxRetries: 1.5 }, "maxRetries", /maxRetries must be an integer from 0 to 10, got 1\.5/],
  ["maxRetries 11", { maxRetries: 11 }, "maxRetries", /maxRetries must be an integer from 0 to 10, got 11/],
  ["maxRetries 1e9", { maxRetries: 1e9 }, "maxRetries", /maxRetries must be an integer from 0 to 10, got 1000000000/],
];

const asCases = (helper: string, make: (fetch: FetchSpy, options: Record<string, unknown>) => unknown, table: typeof BOUNDS): BadInputCase[] =>
  table.map(([input, options, field, message]) => ({ helper, input, call: (fetch: FetchSpy) => make(fetch, options), field, message }));

/**
 * The sending options every client must check up front, as cases for {@link describeBadInput}: the bounds, and
 * `fetch`, `headers` and `retryDelay`. `make` creates the client with the spy and these options spread last.
 *
 * @example
 * const cases = [...transportOptionCases("createClient", (fetch, options) => client(fetch, options)), ...];
 */
export function transportOptionCases(helper: string, make: (fetch: FetchSpy, options: Record<string, unknown>) => unknown): BadInputCase[] {
  return asCases(helper, make, [
    ...BOUNDS,
    ['fetch "fetch"', { fetch: "fetch" }, "fetch", /fetch must be a function like globalThis.fetch, got a string/],
    ["headers 123", { headers: 123 }, "headers", /headers must be a Headers, a \{ name: value \} record or an array of \[name, value\] pairs, got a number/],
    ['retryDelay "fast"', { retryDelay: "fast" }, "retryDelay", /retryDelay must be \{ baseMs\?, maxMs\? \}.*got a string/],
    ["retryDelay.initialMs, for baseMs", { retryDelay: { initialMs: 100 } }, "initialMs", /^initialMs is not an option of retryDelay, which takes baseMs, maxMs$/],
    // An option the client does not take would be ignored without a word: a 60 s timeout where 5 s was meant.
    ["timeout, for timeoutMs", { timeout: 5000 }, "timeout", new RegExp(`^timeout is not an option of ${helper}: did you mean timeoutMs\\?$`)],
    ["retries, for maxRetries", { retries: 0 }, "retries", new RegExp(`^retries is not an option of ${helper}: did you mean maxRetries\\?$`)],
    ["an option no client takes", { verbose: true }, "verbose", new RegExp(`^verbose is not an option of ${helper}, which takes auth, .*timeoutMs, .*middleware`)],
  ]);
}

/**
 * Every option a token request takes (the runtime's `BaseTransportOptions`: `fetch`, the bounds, the retries and the
 * logger), each set to a value that works: spread into a `Required<>` of a helper's options that makes token
 * requests (`exchangeAuthorizationCode`, a token source), so a test names every option the type declares.
 *
 * @example
 * const every: Required<WootricTokenSourceOptions> = { ...everyTokenRequestOption(fetch, lines), auth, tokenUrl };
 */
export function everyTokenRequestOption(fetch: FetchSpy, lines: string[]) {
  return {
    fetch,
    timeoutMs: 5000,
    maxResponseBytes: 1_000_000,
    maxRetries: 0,
    retryDelay: { baseMs: 1, maxMs: 1 },
    logger: { debug: (line: string) => void lines.push(line) },
  };
}

/**
 * Every runtime option a vendor's `createClient` forwards, each set to a value that works: spread into a
 * `Required<ClientOptions>` with the vendor's own, so a test names every option the type declares and proves each is taken.
 * See {@link expectEveryOptionTaken}.
 *
 * @example
 * const every: Required<ClientOptions> = { ...everyRuntimeOption(fetch, lines), auth, baseUrl: "https://mock.test" };
 */
export function everyRuntimeOption(fetch: FetchSpy, lines: string[]) {
  return {
    ...everyTokenRequestOption(fetch, lines),
    headers: { "x-every": "1" },
    rateLimit: { headers: { remaining: "x-left", reset: "x-reset" }, maxWaitMs: 1 },
    middleware: [(request: Request, next: (request: Request) => Promise<Response>) => next(request)],
  };
}

/**
 * A bearer access token pasted with its scheme (`Bearer eyJ...`), refused on `auth.accessToken`, the field the caller
 * filled, naming the prefix as the likely cause; with `refreshToken` too where the auth takes one (Wootric's), where
 * the token became a token source's initial and was refused on that source's own field.
 *
 * @example
 * ...bearerPrefixCases((fetch, auth) => client(fetch, { auth }), ACCESS_TOKEN, { refreshable: true }),
 */
export function bearerPrefixCases(make: (fetch: FetchSpy, auth: never) => unknown, token: string, options: { refreshable?: boolean } = {}): BadInputCase[] {
  const accessToken = `Bearer ${token}`;
  const auths: [string, object][] = [["", { type: "token", accessToken }]];
  if (options.refreshable) auths.push([" beside a refreshToken", { type: "token", accessToken, refreshToken: `${token}-refresh` }]);
  return auths.map(([beside, auth]) => ({
    helper: "createClient",
    input: `an accessToken given with its "Bearer " prefix${beside}, refused on the caller's field`,
    call: (fetch) => make(fetch, auth as never),
    field: "auth.accessToken",
    message: /^auth\.accessToken cannot go in an HTTP header: over 16 KiB, or a space \(a "Bearer " prefix\?\), control or non-ASCII character$/,
  }));
}

/**
 * The checks every URL option gets from the runtime (`urlOption`), as cases for {@link describeBadInput}: a number,
 * an empty string, plain http off loopback, a protocol-relative URL, outside a browser a relative one, and one with no
 * host. `example` is the option's default as its message shows it (`https://api.cx.com/1`); `make` passes the value as
 * the option.
 *
 * @example
 * const cases = [...urlOptionCases("createClient", "dataBaseUrl", "https://data.cx.com/1", (fetch, url) => client(fetch, { dataBaseUrl: url })), ...];
 */
export function urlOptionCases(helper: string, option: string, example: string, make: (fetch: FetchSpy, url: string) => unknown): BadInputCase[] {
  const plain = example.replace(/^https:/, "http:");
  const table: [input: string, value: unknown, message: RegExp][] = [
    [`a number as ${option}`, 42, new RegExp(`${escaped(option)} must be a URL string such as ${escaped(example)}, got a number`)],
    [`an empty ${option}`, "", new RegExp(`${escaped(option)} must be a URL string such as ${escaped(example)}, got an empty string`)],
    [`a plain-http ${option} off loopback`, plain, new RegExp(`${escaped(option)} must use https \\(http only on loopback\\), got ${escaped(new URL(plain).origin)}`)],
    [`a protocol-relative ${option}`, "//evil.example.com", new RegExp(`${escaped(option)} must be an absolute URL .*never //host`)],
    [`a relative ${option} outside a browser`, "/api", new RegExp(`${escaped(option)} must be an absolute URL .*only in a browser, never \\/\\/host`)],
    // An empty host variable's: joined with a path, the path's first segment became the host the credential went to.
    [`${option} with no host ("https://")`, "https://", new RegExp(`${escaped(option)} must be an absolute URL such as `)],
  ];
  return table.map(([input, value, message]) => ({ helper, input, call: (fetch: FetchSpy) => make(fetch, bad<string>(value)), field: option, message }));
}

/**
 * A client factory called with no options and with null, as cases for {@link describeBadInput}: each must refuse with
 * field `options` and a message saying what the vendor needs (`message`).
 *
 * @example
 * const cases = [...missingOptionsCases("createClient", (options) => createClient(bad(options)), /createClient needs options.*auth/), ...];
 */
export function missingOptionsCases(helper: string, make: (options: unknown) => unknown, message: RegExp): BadInputCase[] {
  return [
    { helper, input: "no options at all", call: () => make(undefined), field: "options", message },
    { helper, input: "null options", call: () => make(null), field: "options", message },
  ];
}

/**
 * An AbortSignal passed as a helper's options instead of `{ signal }`, as a case for {@link describeBadInput} per helper:
 * it has no own keys, so no option name would be refused, and the call would not stop when it aborts. `calls` maps
 * each helper's name to a call that passes `signal` as its options.
 *
 * @example
 * signalAsOptionsCases({ downloadFile: (fetch, signal) => downloadFile(client(fetch), PHOTO, signal) });
 */
export function signalAsOptionsCases(calls: Record<string, (fetch: FetchSpy, signal: never) => unknown>): BadInputCase[] {
  return Object.entries(calls).map(([helper, call]) => ({
    helper,
    input: "an AbortSignal as the options, not { signal }",
    call: (fetch: FetchSpy) => call(fetch, bad(new AbortController().signal)),
    field: "options",
    message: new RegExp(`^options of ${helper} is an AbortSignal: pass \\{ signal \\}$`),
  }));
}

/**
 * A number or a string passed as a helper's options, as cases for {@link describeBadInput} per helper: neither has names
 * to check (a string's are its indexes), so the options were ignored, or refused as "0 is not an option". `calls` maps
 * each helper's name to a call that passes `options` as its options.
 *
 * @example
 * nonObjectOptionsCases({ downloadFile: (fetch, options) => downloadFile(client(fetch), PHOTO, options) });
 */
export function nonObjectOptionsCases(calls: Record<string, (fetch: FetchSpy, options: never) => unknown>): BadInputCase[] {
  const inputs: [string, unknown][] = [["a number", 5], ["a string", "fast"]];
  return inputs.flatMap(([input, value]) =>
    Object.entries(calls).map(([helper, call]) => ({
      helper,
      input: `${input} as the options`,
      call: (fetch: FetchSpy) => call(fetch, bad(value)),
      field: "options",
      message: new RegExp(`^options of ${helper} must be an object, got ${input}$`),
    })),
  );
}

/**
 * Something other than a client passed where a helper takes one (an empty object, null, and `options`, the options a
 * caller might have passed to createClient instead of its result), as cases for {@link describeBadInput} per helper:
 * each must be refused with an InputError on `client`, not fail deep inside with a TypeError ("client.POST is not a
 * function"). `calls` maps each helper's name to a call that passes its argument as the client.
 *
 * @example
 * notAClientCases({ uploadFile: (cx) => uploadFile(cx, PHOTO, "hello") }, { auth: { type: "token", accessToken } });
 */
export function notAClientCases<Client>(calls: Record<string, (client: Client) => unknown>, options: object): BadInputCase[] {
  const inputs: [string, unknown][] = [["an empty object", {}], ["null", null], ["createClient's options", options]];
  return inputs.flatMap(([input, value]) =>
    Object.entries(calls).map(([helper, call]) => ({
      helper,
      input: `${input} as the client`,
      call: () => call(bad<Client>(value)),
      field: "client",
      message: /^client must be the client createClient\(\) returns$/,
    })),
  );
}

/**
 * A path parameter of "..", as a case for {@link describeBadInput}: the runtime refuses it, since the URL it makes
 * would name another path. `input` says what the call would reach; `call` passes ".." as `params.path[param]`.
 *
 * @example
 * dotSegmentCase("client.DELETE", 'a tag id of ".."', "id", (fetch) => client(fetch).DELETE("/v1/tags/{id}", { params: { path: { id: bad<number>("..") } } }));
 */
export function dotSegmentCase(helper: string, input: string, param: string, call: (fetch: FetchSpy) => unknown): BadInputCase {
  return { helper, input, call, field: `params.path.${param}`, message: new RegExp(`${escaped(`params.path.${param}`)} must not be "\\.\\.": the request would go to another path`) };
}

/**
 * The checks the runtime's OAuth code exchange makes, as cases for {@link describeBadInput}: each credential empty,
 * a plain-http redirect URI, an option it does not take, and the bounds on `timeoutMs` and `maxRetries`. `make` spreads these options last.
 *
 * @example
 * const cases = [...codeExchangeCases((fetch, options) => exchangeAuthorizationCode({ ...good, fetch, ...options })), ...];
 */
export function codeExchangeCases(make: (fetch: FetchSpy, options: Record<string, unknown>) => unknown): BadInputCase[] {
  return asCases("exchangeAuthorizationCode", make, [
    ["an empty clientId", { clientId: "" }, "clientId", /clientId must be a non-empty string/],
    ["an empty client secret", { clientSecret: "" }, "clientSecret", /clientSecret must be a non-empty string/],
    ["an empty code", { code: "" }, "code", /code must be a non-empty string/],
    // A vendor may refuse http on loopback too, in words of its own.
    ["a plain-http redirectUri", { redirectUri: "http://app.example.com/callback" }, "redirectUri", /^redirectUri must be (an absolute )?https\b/],
    // An option the exchange does not take would be ignored: a 60 s timeout where 5 s was meant.
    ["timeout, for timeoutMs", { timeout: 5000 }, "timeout", /^timeout is not an option of exchangeAuthorizationCode: did you mean timeoutMs\?$/],
    ...BOUNDS,
  ]);
}

/**
 * Runs `call` with a fetch spy and a log, and expects what {@link everyRuntimeOption} sets to have reached the wire:
 * its header on a request and its logger's lines. With `Required<ClientOptions>` in `call`, this proves every option
 * the type declares is taken, none refused as unknown.
 *
 * @example
 * await expectEveryOptionTaken((fetch, lines) => createClient({ ...everyRuntimeOption(fetch, lines), auth, baseUrl }).GET("/v1/tags"));
 */
export async function expectEveryOptionTaken(call: (fetch: FetchSpy, lines: string[]) => Promise<unknown>): Promise<void> {
  const fetch = fetchSpy({});
  const lines: string[] = [];
  await call(fetch, lines);
  const [input, init] = fetch.mock.calls[0]!;
  expect(new Request(input, init).headers.get("x-every")).toBe("1");
  expect(lines).toHaveLength(1);
}
