// Every exported helper that takes user input refuses bad input with an InputError that says what to fix, before
// anything is sent: each case runs against a fetch spy that would answer any request, and must find it uncalled
// (the harness, @apis/faults/bad-input, also checks that no secret below shows in the error).
import { bad, bearerPrefixCases, notAClientCases, nonObjectOptionsCases, signalAsOptionsCases, describeBadInput, dotSegmentCase, missingOptionsCases, transportOptionCases, urlOptionCases, type BadInputCase, type FetchSpy } from "@apis/faults/bad-input";
import { checkImportCsv, createClient, createWootricTokenSource, importCsv, InputError, listAll, MAX_IMPORT_BYTES, type ClientOptions, type WootricCxiClient } from "../../src/index.js";

const BASE = "https://cxi.test";
const ACCESS_TOKEN = "wcxTok-7Qm4ZpL2sV9x";
const PASSWORD = "wcxPw-hunter2-Lq8";
const CLIENT_SECRET = "wcxSecret-9f8e7d6c";
const AUTH = { type: "token", accessToken: ACCESS_TOKEN } as const;
const CSV = "feedback_date,feedback,score\n2020-07-16,Great,9\n";

function client(fetch: FetchSpy, options: Partial<ClientOptions> = {}): WootricCxiClient {
  return createClient({ baseUrl: BASE, auth: AUTH, maxRetries: 0, fetch: fetch as unknown as typeof globalThis.fetch, ...options });
}

const cases: BadInputCase[] = [
  ...missingOptionsCases("createClient", (options) => createClient(bad<ClientOptions>(options)), /createClient needs options.*auth/),
  ...bearerPrefixCases((fetch, auth) => client(fetch, { auth }), ACCESS_TOKEN, { refreshable: true }),
  {
    helper: "createClient",
    input: "a plain-http tokenUrl off loopback",
    call: (fetch) => client(fetch, { tokenUrl: "http://api.wootric.com", auth: { type: "clientCredentials", clientId: "app", clientSecret: CLIENT_SECRET } }),
    field: "tokenUrl",
    message: /tokenUrl must use https \(http only on loopback\), got http:\/\/api\.wootric\.com/,
  },
  // The access token belongs in auth, not in tokenUrl; and rateLimit, the vendor's and the runtime's, is named once.
  {
    helper: "createClient",
    input: "token: an access token beside auth, where tokenUrl is the endpoint's URL",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ token: "cxi-bad-in-token" })),
    field: "token",
    message: /^token is not an option of createClient, which takes auth, baseUrl, tokenUrl, rateLimit, fetch, timeoutMs, maxResponseBytes, maxRetries, retryDelay, logger, headers, middleware$/,
  },
  {
    helper: "createClient",
    input: "tokenURL, spelled as axios spells baseURL, which would have left the credentials going to the default token endpoint",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ tokenURL: "https://mock.test/oauth/token", auth: { type: "clientCredentials", clientId: "app", clientSecret: CLIENT_SECRET } })),
    field: "tokenURL",
    message: /^tokenURL is not an option of createClient: did you mean tokenUrl\?$/,
  },
  {
    helper: "createClient",
    input: "rateLimit.maxWaitMs NaN",
    call: (fetch) => client(fetch, { rateLimit: { maxWaitMs: NaN } }),
    field: "rateLimit.maxWaitMs",
    message: /rateLimit\.maxWaitMs must be a number from 0 to 2147483647, got NaN/,
  },
  ...transportOptionCases("createClient", (fetch, options) => client(fetch, options)),
  ...signalAsOptionsCases({
    listAll: (fetch, signal) => listAll(client(fetch), "/v1/tags", signal),
    importCsv: (fetch, signal) => importCsv(client(fetch), CSV, signal),
  }),
  ...nonObjectOptionsCases({
    listAll: (fetch, options) => listAll(client(fetch), "/v1/tags", options),
    importCsv: (fetch, options) => importCsv(client(fetch), CSV, options),
  }),
  ...urlOptionCases("createClient", "baseUrl", "https://cxi-api.wootric.com", (fetch, url) => client(fetch, { baseUrl: url })),
  ...urlOptionCases("createClient", "tokenUrl", "https://api.wootric.com/oauth/token", (fetch, url) => client(fetch, { tokenUrl: url })),
  {
    helper: "createClient",
    input: "rateLimit.maxWait, for maxWaitMs",
    call: (fetch) => client(fetch, { rateLimit: bad<{ maxWaitMs: number }>({ maxWait: 5000 }) }),
    field: "maxWait",
    message: /^maxWait is not an option of rateLimit: did you mean maxWaitMs\?$/,
  },
  // Read as an object, an array, a Map or a Date has no maxWaitMs of its own: the default pacing (waits of up to a minute)
  // went on without a word, whatever the Map held.
  ...(
    [
      ["an array", [0]],
      ["a Map", new Map([["maxWaitMs", 0]])],
      ["a Date", new Date(0)],
    ] as const
  ).map(([what, rateLimit]) => ({
    helper: "createClient",
    input: `rateLimit as ${what}`,
    call: (fetch: FetchSpy) => client(fetch, { rateLimit: bad<false>(rateLimit) }),
    field: "rateLimit",
    message: new RegExp(`^rateLimit must be \\{ maxWaitMs\\? \\} or false, got ${what}$`),
  })),
  {
    helper: "createClient",
    input: 'rateLimit "yes"',
    call: (fetch) => client(fetch, { rateLimit: bad<false>("yes") }),
    field: "rateLimit",
    message: /rateLimit must be \{ maxWaitMs\? \} or false, got a string/,
  },
  dotSegmentCase("client.DELETE", 'a tag id of ".."', "id", (fetch) => client(fetch).DELETE("/v1/tags/{id}", { params: { path: { id: bad<number>("..") } } })),
  {
    helper: "createClient",
    input: "an empty password",
    call: (fetch) => client(fetch, { auth: { type: "password", username: "jane@example.com", password: "" } }),
    field: "auth.password",
    message: /auth\.password must be a non-empty string: the Wootric account password/,
  },
  {
    helper: "createClient",
    input: "a number as accountToken",
    call: (fetch) => client(fetch, { auth: { type: "password", username: "jane@example.com", password: PASSWORD, accountToken: bad<string>(1234) } }),
    field: "auth.accountToken",
    message: /auth\.accountToken must be a non-empty string: an account token such as NPS-XXXX/,
  },
  {
    // As on the wire: ignored, it would have given a token for the user's default account, without a word.
    helper: "createClient",
    input: "account_token for accountToken in a password auth",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "password", username: "jane@example.com", password: PASSWORD, account_token: "NPS-1234" }) }),
    field: "account_token",
    message: /account_token is not an option of auth: did you mean accountToken\?/,
  },
  {
    // Ignored, each refresh token Wootric rotates would have been lost without a word, and the one stored spent.
    helper: "createClient",
    input: "onRefreshTokens for onRefreshToken in a token auth",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "token", accessToken: ACCESS_TOKEN, refreshToken: "rt-stored", onRefreshTokens: () => {} }) }),
    field: "onRefreshTokens",
    message: /onRefreshTokens is not an option of auth: did you mean onRefreshToken\?/,
  },
  {
    // Read only at the first refresh token Wootric rotates: the refresh then failed with a bare TypeError, hours later.
    helper: "createClient",
    input: "an onRefreshToken that is no function",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "token", accessToken: ACCESS_TOKEN, refreshToken: "rt-stored", onRefreshToken: "rt-next-secret" }) }),
    field: "auth.onRefreshToken",
    // Described, not quoted: a refresh token passed here by mistake would be written out.
    message: /^auth\.onRefreshToken must be a function that stores the new refresh token, got a string$/,
  },
  {
    // A refresh token lost by the store it was read from: the client sent the access token until it expired, and
    // onRefreshToken, which says a refresh was meant, was never called.
    helper: "createClient",
    input: "an onRefreshToken without a refreshToken in a token auth",
    call: (fetch) => client(fetch, { auth: { type: "token", accessToken: ACCESS_TOKEN, refreshToken: undefined, onRefreshToken: () => {} } }),
    field: "auth.refreshToken",
    message: /^auth\.refreshToken is missing: onRefreshToken would never be called$/,
  },
  {
    // The refresh token put in onRefreshToken's place, or a false (0, ""), was refused as a missing refreshToken, or
    // taken for no onRefreshToken, without a word about what onRefreshToken must be.
    helper: "createClient",
    input: "an onRefreshToken that is no function, without a refreshToken",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "token", accessToken: ACCESS_TOKEN, onRefreshToken: "rt-stored-secret" }) }),
    field: "auth.onRefreshToken",
    message: /^auth\.onRefreshToken must be a function that stores the new refresh token, got a string$/,
  },
  {
    helper: "createClient",
    input: "an onRefreshToken of 0, without a refreshToken",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "token", accessToken: ACCESS_TOKEN, onRefreshToken: 0 }) }),
    field: "auth.onRefreshToken",
    message: /^auth\.onRefreshToken must be a function that stores the new refresh token, got a number$/,
  },
  {
    // A stored token's expiry in seconds was read as the token source's initial.expiresAt, and refused under that name.
    helper: "createClient",
    input: "an expiresAt in a token auth",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "token", accessToken: ACCESS_TOKEN, refreshToken: "rt-stored", expiresAt: 1_900_000_000 }) }),
    field: "expiresAt",
    message: /expiresAt is not an option of auth/,
  },
  {
    // Only the password grant takes an account token: the client's token was then for its default account.
    helper: "createClient",
    input: "an accountToken in a client credentials auth",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "clientCredentials", clientId: "app", clientSecret: CLIENT_SECRET, accountToken: "NPS-1234" }) }),
    field: "accountToken",
    message: /^accountToken is not an option of auth, which takes type, clientId, clientSecret$/,
  },
  {
    // Ignored: the shared source stores what its own auth says, and each refresh token Wootric rotated was lost without a
    // word (the one stored spent); a refreshToken or clientSecret there was never used either.
    helper: "createClient",
    input: "an onRefreshToken beside a token source",
    call: (fetch) =>
      client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "tokenSource", tokens: createWootricTokenSource({ auth: { type: "token", accessToken: ACCESS_TOKEN, refreshToken: "rt-stored" } }), onRefreshToken: () => {} }) }),
    field: "onRefreshToken",
    message: /^onRefreshToken is not an option of auth, which takes type, tokens$/,
  },
  {
    helper: "createClient",
    input: "an unknown auth type",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "apiKey", key: "k" }) }),
    field: "auth.type",
    message: /Unknown auth type "apiKey": use one of "password", "clientCredentials", "token", "tokenSource"/,
  },
  {
    helper: "importCsv",
    input: "sigal for signal, which would never have stopped the upload",
    call: (fetch) => importCsv(client(fetch), CSV, bad({ sigal: new AbortController().signal })),
    field: "sigal",
    message: /^sigal is not an option of importCsv, which takes filename, signal$/,
  },
  {
    helper: "importCsv",
    input: "a number instead of CSV",
    call: (fetch) => importCsv(client(fetch), bad<string>(42)),
    field: "csv",
    message: /csv must be CSV text, a Blob or a File/,
  },
  {
    helper: "importCsv",
    input: "an empty string",
    call: (fetch) => importCsv(client(fetch), ""),
    field: "csv",
    message: /csv is empty: it needs a header with feedback_date and a row per response/,
  },
  {
    helper: "importCsv",
    input: "a reserved column",
    call: (fetch) => importCsv(client(fetch), "feedback_date,tags\n2020-07-16,vip\n"),
    field: "csv: column tags",
    message: /column "tags", which Wootric reserves.*rename or remove it/,
  },
  {
    helper: "importCsv",
    input: "a feedback_date in the wrong format",
    call: (fetch) => importCsv(client(fetch), "feedback_date,feedback\n16/07/2020,Great\n"),
    field: "csv: row 2, column feedback_date",
    message: /row 2 has feedback_date "16\/07\/2020": use a Unix timestamp in seconds or a real date as yyyy-mm-dd/,
  },
  {
    helper: "importCsv",
    input: "a feedback_date that is not in the calendar",
    call: (fetch) => importCsv(client(fetch), "feedback_date,feedback\n2021-02-29,Great\n"),
    field: "csv: row 2, column feedback_date",
    message: /row 2 has feedback_date "2021-02-29": use a Unix timestamp in seconds or a real date as yyyy-mm-dd/,
  },
  {
    helper: "importCsv",
    input: "a CSV of 10 MB or more",
    call: (fetch) => importCsv(client(fetch), `feedback_date\n${"1".repeat(MAX_IMPORT_BYTES)}\n`),
    field: "csv",
    message: /csv is \d+ bytes; Wootric takes CSV files under 10 MB: split it/,
  },
  {
    helper: "importCsv",
    input: "an empty filename",
    call: (fetch) => importCsv(client(fetch), CSV, { filename: "" }),
    field: "filename",
    message: /filename \(the import's name\) must be a non-empty string or left out/,
  },
  {
    helper: "checkImportCsv",
    input: "null instead of CSV",
    call: () => checkImportCsv(bad<string>(null)),
    field: "csv",
    message: /csv must be CSV text \(a string\), not null/,
  },
  {
    helper: "checkImportCsv",
    input: "a score that is not an integer",
    call: () => checkImportCsv("feedback_date,score\n2020-07-16,9.5\n"),
    field: "csv: row 2, column score",
    message: /row 2 has score "9\.5": scores must be integers or blank/,
  },
  // Anything but a client failed deep inside with a TypeError ("client.POST is not a function"), listAll's only at its first page.
  ...notAClientCases<WootricCxiClient>(
    {
      importCsv: (cxi: WootricCxiClient) => importCsv(cxi, CSV),
      listAll: (cxi: WootricCxiClient) => listAll(cxi, "/v1/tags"),
    },
    { auth: AUTH, baseUrl: BASE },
  ),
  // Not quoted: JSON.stringify wrote an object out whole (a credential with it), and threw its own TypeError on a BigInt.
  ...(
    [
      ["a path that is not a paged list", "/v1/tag"],
      ["an object holding a credential as the path", { path: "/v1/tags", accessToken: ACCESS_TOKEN }],
      ["a BigInt as the path", 1n],
    ] as const
  ).map(([input, path]) => ({
    helper: "listAll",
    input,
    call: (fetch: FetchSpy) => listAll(client(fetch), bad<"/v1/tags">(path)),
    field: "path",
    message: /^path must be a paged list: \/v1\/tags, \/v1\/imports, \/v1\/responses$/,
  })),
  {
    helper: "listAll",
    input: "a query parameter beside query, which would be ignored",
    call: (fetch) => listAll(client(fetch), "/v1/tags", bad<{ query: {} }>({ exclude_disabled: true })),
    field: "exclude_disabled",
    message: /^exclude_disabled is not an option of listAll, which takes query, signal$/,
  },
  {
    helper: "listAll",
    input: "per_page 0",
    call: (fetch) => listAll(client(fetch), "/v1/tags", { query: { per_page: 0 } }),
    field: "query.per_page",
    message: /query\.per_page must be an integer from 1 to 50 \(the vendor.s maximum\), got 0/,
  },
  {
    helper: "listAll",
    input: "per_page above the vendor's maximum of 50",
    call: (fetch) => listAll(client(fetch), "/v1/responses", { query: { per_page: 51 } }),
    field: "query.per_page",
    message: /query\.per_page must be an integer from 1 to 50 \(the vendor.s maximum\), got 51/,
  },
  {
    helper: "listAll",
    input: "a query string instead of an object",
    call: (fetch) => listAll(client(fetch), "/v1/responses", { query: bad<{ sort_order?: "asc" }>("sort_order=asc") }),
    field: "query",
    message: /^query must be an object of parameters, got a string$/,
  },
  {
    helper: "listAll",
    input: "a string as per_page",
    call: (fetch) => listAll(client(fetch), "/v1/imports", { query: { per_page: bad<number>("10") } }),
    field: "query.per_page",
    message: /query\.per_page must be an integer from 1 to 50 \(the vendor.s maximum\), got a string/,
  },
  // A credential pasted where a name goes is written into the error by the check that refuses the name: every
  // InputError redacts the credentials the package knows (the client's, known from its creation on).
  {
    helper: "PUT /v1/segments/update_bulk",
    input: "the client's access token as a list's name",
    call: (fetch) => client(fetch).PUT("/v1/segments/update_bulk", bad<never>({ body: { [ACCESS_TOKEN]: [] } })),
    field: "body.[redacted]",
    message: /^body\.\[redacted\] is not read: send lists of responses or users$/,
  },
  {
    helper: "GET /v1/tags",
    input: "the client's access token as a query parameter's name",
    call: (fetch) => client(fetch).GET("/v1/tags", bad<never>({ params: { query: { [ACCESS_TOKEN]: 1 } } })),
    field: "params.query.[redacted]",
    message: /^params\.query\.\[redacted\] is not read: no operation of Wootric CXI takes it$/,
  },
  { helper: "listAll", input: "the client's access token as an option's name", call: (fetch) => listAll(client(fetch), "/v1/responses", bad({ [ACCESS_TOKEN]: 1 })), field: "[redacted]", message: /^\[redacted\] is not an option of listAll, which takes / },
];

describeBadInput({
  InputError,
  secrets: [ACCESS_TOKEN, PASSWORD, CLIENT_SECRET],
  spyBody: { id: 1, access_token: "access-123", token_type: "bearer", expires_in: 7200 },
  cases,
  control: {
    name: "a good call through the same spy does send, so the cases above are refused by their bad input",
    sends: 1,
    run: async (fetch) => {
      await importCsv(client(fetch), CSV, { filename: "import.csv" });
    },
  },
});
