// Every exported helper that takes user input refuses bad input with an InputError that says what to fix, before
// anything is sent: each case runs against a fetch spy that would answer any request, and must find it uncalled
// (the harness, @apis/faults/bad-input, also checks that no secret below shows in the error).
import { bad, bearerPrefixCases, notAClientCases, nonObjectOptionsCases, signalAsOptionsCases, describeBadInput, dotSegmentCase, missingOptionsCases, transportOptionCases, type BadInputCase, type FetchSpy } from "@apis/faults/bad-input";
import type { TokenSource } from "@apis/runtime";
import { checkEmailSurveyCsv, createClient, createWootricTokenSource, getEndUserByEmail, getEndUserByExternalId, InputError, listAll, properties, sendEmailSurvey, sendEmailSurveyCsv, type ClientOptions, type PropertyInput, type WootricClient, type WootricTokenSourceOptions } from "../../src/index.js";

const BASE = "https://wootric.test";
const ACCESS_TOKEN = "wmTok-4Rq8ZpX2sV7y";
const PASSWORD = "wmPw-correct-horse-9";
const CLIENT_SECRET = "wmSecret-1a2b3c4d5e";
const REFRESH_TOKEN = "wmRefresh-6f7g8h9i";
const AUTH = { type: "token", accessToken: ACCESS_TOKEN } as const;

function client(fetch: FetchSpy, options: Partial<ClientOptions> = {}): WootricClient {
  return createClient({ baseUrl: BASE, auth: AUTH, maxRetries: 0, fetch: fetch as unknown as typeof globalThis.fetch, ...options });
}

const tokenSource = (options: unknown) => createWootricTokenSource(bad<WootricTokenSourceOptions>(options));

const clientCases: BadInputCase[] = [
  ...missingOptionsCases("createClient", (options) => createClient(bad<ClientOptions>(options)), /createClient needs options.*auth/),
  ...bearerPrefixCases((fetch, auth) => client(fetch, { auth }), ACCESS_TOKEN, { refreshable: true }),
  { helper: "createClient", input: "a number as baseUrl", call: (fetch) => client(fetch, { baseUrl: bad<string>(42) }), field: "baseUrl", message: /baseUrl must be a URL string such as https:\/\/api\.wootric\.com, got a number/ },
  {
    helper: "createClient",
    input: "a plain-http tokenUrl off loopback",
    call: (fetch) => client(fetch, { tokenUrl: "http://api.wootric.com/oauth/token", auth: { type: "clientCredentials", clientId: "app", clientSecret: CLIENT_SECRET } }),
    field: "tokenUrl",
    message: /tokenUrl must use https \(http only on loopback\), got http:\/\/api\.wootric\.com/,
  },
  { helper: "createClient", input: 'rateLimit "yes"', call: (fetch) => client(fetch, { rateLimit: bad<false>("yes") }), field: "rateLimit", message: /rateLimit must be \{ maxWaitMs\? \} or false, got a string/ },
  ...transportOptionCases("createClient", (fetch, options) => client(fetch, options)),
  ...signalAsOptionsCases({
    listAll: (fetch, signal) => listAll(client(fetch), "/v1/end_users", signal),
    getEndUserByEmail: (fetch, signal) => getEndUserByEmail(client(fetch), "a@example.com", signal),
    getEndUserByExternalId: (fetch, signal) => getEndUserByExternalId(client(fetch), "ext-1", signal),
    sendEmailSurvey: (fetch, signal) => sendEmailSurvey(client(fetch), { emails: ["a@example.com"] }, signal),
  }),
  // Ignored: getEndUserByEmail(client, email, 5) sent the lookup, listAll paged the whole list.
  ...nonObjectOptionsCases({
    listAll: (fetch, options) => listAll(client(fetch), "/v1/end_users", options),
    getEndUserByEmail: (fetch, options) => getEndUserByEmail(client(fetch), "a@example.com", options),
    getEndUserByExternalId: (fetch, options) => getEndUserByExternalId(client(fetch), "ext-1", options),
    sendEmailSurvey: (fetch, options) => sendEmailSurvey(client(fetch), { emails: ["a@example.com"] }, options),
    checkEmailSurveyCsv: (_fetch, options) => checkEmailSurveyCsv("email\na@example.com\n", options),
  }),
  // The grants' own checks (empty password, ...) are tested in @apis/wootric-cxi, where they are written; this one lists the main API's schemes.
  { helper: "createClient", input: "an unknown auth type", call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "apiKey" }) }), field: "auth.type", message: /Unknown auth type "apiKey": use one of "password", "clientCredentials", "tokenSource", "token"/ },
  {
    helper: "createClient",
    input: "a tokenSource that is a string",
    call: (fetch) => client(fetch, { auth: { type: "tokenSource", tokens: bad<TokenSource>(ACCESS_TOKEN) } }),
    field: "auth.tokens",
    message: /auth\.tokens must have getToken\(\) and invalidate\(\), e\.g\. createWootricTokenSource\(\{ auth \}\)/,
  },
  dotSegmentCase("client.GET", 'an end user id of ".."', "id", (fetch) => client(fetch).GET("/v1/end_users/{id}", { params: { path: { id: ".." } } })),
];

const tokenSourceCases: BadInputCase[] = [
  { helper: "createWootricTokenSource", input: "no options at all", call: () => tokenSource(undefined), field: "options", message: /createWootricTokenSource needs options, at least \{ auth: / },
  { helper: "createWootricTokenSource", input: "no auth", call: () => tokenSource({}), field: "auth", message: /^auth is required: an object whose type is "password", "clientCredentials" or "token" with its refreshToken$/ },
  // Not told it "is required: "password", ...", the very name it was given.
  { helper: "createWootricTokenSource", input: "an auth type name alone", call: () => tokenSource({ auth: "password" }), field: "auth", message: /^auth is required: an object whose type is "password", "clientCredentials" or "token" with its refreshToken$/ },
  {
    helper: "createWootricTokenSource",
    input: "tokenURL for tokenUrl, which would have sent the credentials to the default token endpoint",
    call: () => tokenSource({ tokenURL: "https://mock.test/oauth/token", auth: { type: "clientCredentials", clientId: "app", clientSecret: CLIENT_SECRET } }),
    field: "tokenURL",
    message: /^tokenURL is not an option of createWootricTokenSource: did you mean tokenUrl\?$/,
  },
  {
    helper: "createClient",
    input: "token_url for tokenUrl",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ token_url: "https://mock.test/oauth/token", auth: { type: "clientCredentials", clientId: "app", clientSecret: CLIENT_SECRET } })),
    field: "token_url",
    message: /^token_url is not an option of createClient: did you mean tokenUrl\?$/,
  },
  ...["toString", "constructor", "__proto__"].map((type) => ({
    helper: "createWootricTokenSource",
    input: `an auth type named like a built-in of every object (${type})`,
    call: () => tokenSource({ auth: bad({ type }) }),
    field: "auth.type",
    message: new RegExp(`^Unknown auth type "${type}" for a token source: use "password", "clientCredentials" or "token" with its refreshToken`),
  })),
  {
    helper: "createWootricTokenSource",
    input: "an auth type that is an object holding a credential",
    call: () => tokenSource({ auth: bad({ type: { clientSecret: CLIENT_SECRET } }) }),
    field: "auth.type",
    message: /^Unknown auth type an object for a token source: use "password", "clientCredentials" or "token" with its refreshToken/,
  },
  {
    helper: "createWootricTokenSource",
    input: "a token source made of another one",
    call: () => tokenSource({ auth: { type: "tokenSource", tokens: {} } }),
    field: "auth.type",
    message: /Unknown auth type "tokenSource" for a token source: use "password", "clientCredentials" or "token" with its refreshToken/,
  },
  {
    helper: "createWootricTokenSource",
    input: "a token without its refresh token",
    call: () => tokenSource({ auth: { type: "token", accessToken: ACCESS_TOKEN } }),
    field: "auth.refreshToken",
    message: /a token without refreshToken is never refreshed: pass it to each client/,
  },
  {
    helper: "createWootricTokenSource",
    input: "an empty client secret",
    call: () => tokenSource({ auth: { type: "clientCredentials", clientId: "app", clientSecret: " " } }),
    field: "auth.clientSecret",
    message: /auth\.clientSecret must be a non-empty string/,
  },
  {
    helper: "createWootricTokenSource",
    input: "a plain-http tokenUrl off loopback",
    call: () => tokenSource({ auth: { type: "token", accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN }, tokenUrl: "http://api.wootric.com/oauth/token" }),
    field: "tokenUrl",
    message: /tokenUrl must use https/,
  },
  {
    helper: "createWootricTokenSource",
    input: "timeout for timeoutMs, which would have bounded each token request at the default",
    call: () => tokenSource({ auth: { type: "clientCredentials", clientId: "app", clientSecret: CLIENT_SECRET }, timeout: 5 }),
    field: "timeout",
    message: /^timeout is not an option of createWootricTokenSource: did you mean timeoutMs\?$/,
  },
];

const helperCases: BadInputCase[] = [
  { helper: "getEndUserByEmail", input: "a number", call: (fetch) => getEndUserByEmail(client(fetch), bad<string>(42)), field: "email", message: /email must be a non-empty string/ },
  { helper: "getEndUserByEmail", input: "an external ID instead of an address", call: (fetch) => getEndUserByEmail(client(fetch), "my-external-id"), field: "email", message: /email must be an e-mail address, got "my-external-id"/ },
  { helper: "getEndUserByEmail", input: "two addresses in one", call: (fetch) => getEndUserByEmail(client(fetch), "a@example.com b@example.com"), field: "email", message: /^email must be an e-mail address, got "a@example.com b@example.com"$/ },
  { helper: "getEndUserByExternalId", input: "an empty string", call: (fetch) => getEndUserByExternalId(client(fetch), ""), field: "externalId", message: /externalId must be a non-empty string/ },
  // Not quoted: JSON.stringify wrote an object out whole (a credential with it), and threw its own TypeError on a BigInt.
  ...(
    [
      ["a list that does not page", "/v1/segments"],
      ["an object holding a credential as the path", { path: "/v1/end_users", accessToken: ACCESS_TOKEN }],
      ["a BigInt as the path", 1n],
    ] as const
  ).map(([input, path]) => ({
    helper: "listAll",
    input,
    call: (fetch: FetchSpy) => listAll(client(fetch), bad<"/v1/end_users">(path)),
    field: "path",
    message: /^path must be a paged list: \/v1\/end_users, \/v1\/responses, .*, \/v1\/end_users\/{end_user_id}\/page_views$/,
  })),
  // Anything but a client failed deep inside with a TypeError ("client.GET is not a function"), listAll's only at its first page.
  ...notAClientCases<WootricClient>(
    {
      sendEmailSurvey: (wootric: WootricClient) => sendEmailSurvey(wootric, { emails: ["nps@example.com"] }),
      sendEmailSurveyCsv: (wootric: WootricClient) => sendEmailSurveyCsv(wootric, "email\nnps@example.com\n"),
      getEndUserByEmail: (wootric: WootricClient) => getEndUserByEmail(wootric, "nps@example.com"),
      getEndUserByExternalId: (wootric: WootricClient) => getEndUserByExternalId(wootric, "ext-1"),
      listAll: (wootric: WootricClient) => listAll(wootric, "/v1/end_users"),
    },
    { auth: AUTH, baseUrl: BASE },
  ),
  { helper: "listAll", input: "a query parameter beside query, which would be ignored", call: (fetch) => listAll(client(fetch), "/v1/end_users", bad<{ query: {} }>({ sort_order: "asc" })), field: "sort_order", message: /^sort_order is not an option of listAll, which takes query, signal$/ },
  { helper: "listAll", input: "a query string instead of an object", call: (fetch) => listAll(client(fetch), "/v1/end_users", { query: bad<{ sort_order?: "asc" }>("sort_order=asc") }), field: "query", message: /^query must be an object of parameters, got a string$/ },
  { helper: "listAll", input: "a URLSearchParams as query, which would be sent as nothing", call: (fetch) => listAll(client(fetch), "/v1/responses", { query: bad(new URLSearchParams("sort_order=asc")) }), field: "query", message: /^query must be an object of parameters, got a URLSearchParams$/ },
  { helper: "listAll", input: "an array as query", call: (fetch) => listAll(client(fetch), "/v1/declines", { query: bad([["sort_order", "asc"]]) }), field: "query", message: /^query must be an object of parameters, got an array$/ },
  { helper: "listAll", input: "a Date as query", call: (fetch) => listAll(client(fetch), "/v1/end_users", { query: bad(new Date(0)) }), field: "query", message: /^query must be an object of parameters, got a Date$/ },
  { helper: "listAll", input: "per_page 51", call: (fetch) => listAll(client(fetch), "/v1/declines", { query: { per_page: 51 } }), field: "query.per_page", message: /query\.per_page must be an integer from 1 to 50/ },
  { helper: "sendEmailSurvey", input: "null instead of a request", call: (fetch) => sendEmailSurvey(client(fetch), bad(null)), field: "request", message: /sendEmailSurvey needs \{ emails: \[\.\.\.\] \}.*got null/ },
  {
    helper: "sendEmailSurvey",
    input: "101 addresses",
    call: (fetch) => sendEmailSurvey(client(fetch), { emails: Array.from({ length: 101 }, (_, i) => `u${i}@example.com`) }),
    field: "emails",
    message: /emails has 101 addresses, over Wootric's 100 per request: send batches/,
  },
  { helper: "sendEmailSurvey", input: "an object among the addresses", call: (fetch) => sendEmailSurvey(client(fetch), { emails: [bad<string>({ email: "a@example.com" })] }), field: "emails[0]", message: /emails\[0\] must be a string \(e-mail address\), got an object/ },
  { helper: "sendEmailSurvey", input: "a delay of 0 days", call: (fetch) => sendEmailSurvey(client(fetch), { emails: ["a@example.com"], delay: 0 }), field: "delay", message: /delay must be an integer from 1 to 31/ },
  // Sent as they are, misspelt names would be ignored by Wootric, and the surveys go out with its defaults.
  { helper: "sendEmailSurvey", input: "a misspelt field (survey_imediately)", call: (fetch) => sendEmailSurvey(client(fetch), bad({ emails: ["a@example.com"], survey_imediately: true })), field: "survey_imediately", message: /^survey_imediately is not an option of sendEmailSurvey: did you mean survey_immediately\?$/ },
  { helper: "sendEmailSurvey", input: "a signal inside the request", call: (fetch) => sendEmailSurvey(client(fetch), bad({ emails: ["a@example.com"], signal: new AbortController().signal })), field: "signal", message: /^signal is not an option of sendEmailSurvey/ },
  { helper: "sendEmailSurveyCsv", input: "a misspelt option (send_to_email_feild)", call: (fetch) => sendEmailSurveyCsv(client(fetch), "email\na@example.com\n", bad({ send_to_email_feild: "email" })), field: "send_to_email_feild", message: /^send_to_email_feild is not an option of sendEmailSurveyCsv: did you mean send_to_email_field\?$/ },
  { helper: "sendEmailSurveyCsv", input: "a number instead of CSV", call: (fetch) => sendEmailSurveyCsv(client(fetch), bad<string>(42)), field: "csv", message: /csv must be CSV text, a Blob or a File/ },
  { helper: "sendEmailSurveyCsv", input: "a CSV without an email column", call: (fetch) => sendEmailSurveyCsv(client(fetch), "name\nJane\n"), field: "csv: column email", message: /csv line 1: the first column must be email/ },
  { helper: "sendEmailSurveyCsv", input: "a repeated email column", call: (fetch) => sendEmailSurveyCsv(client(fetch), "email,email\na@example.com,b@example.com\n"), field: "csv: column email", message: /csv has the column "email" twice: column names must be unique/ },
  { helper: "sendEmailSurveyCsv", input: "options that are a string", call: (fetch) => sendEmailSurveyCsv(client(fetch), "email\na@example.com\n", bad("fast")), field: "options", message: /^options of sendEmailSurveyCsv must be an object, got a string$/ },
  { helper: "checkEmailSurveyCsv", input: "a misspelt option (send_to_email_feild)", call: () => checkEmailSurveyCsv("addr\na@example.com\n", bad({ send_to_email_feild: "addr" })), field: "send_to_email_feild", message: /^send_to_email_feild is not an option of checkEmailSurveyCsv: did you mean send_to_email_field\?$/ },
  // As sendEmailSurveyCsv refuses them: a check that passed was followed by a send that was refused.
  { helper: "checkEmailSurveyCsv", input: "a misspelt survey_settings name (custom_message)", call: () => checkEmailSurveyCsv("email\na@example.com\n", { survey_settings: bad({ custom_message: { followup_text: "Thanks!" } }) }), field: "custom_message", message: /^custom_message is not an option of survey_settings: did you mean custom_messages\?$/ },
  { helper: "checkEmailSurveyCsv", input: "a delay of 40 days", call: () => checkEmailSurveyCsv("email\na@example.com\n", { delay: 40 }), field: "delay", message: /^delay must be an integer from 1 to 31/ },
  { helper: "checkEmailSurveyCsv", input: "null instead of CSV", call: () => checkEmailSurveyCsv(bad<string>(null)), field: "csv", message: /csv must be CSV text \(a string\), not null/ },
  { helper: "checkEmailSurveyCsv", input: "an unclosed quote", call: () => checkEmailSurveyCsv('email,note\na@example.com,"open\n'), field: "csv", message: /^csv line 2: a quote is never closed; add the closing '"'$/ },
  // Options a helper does not take would be ignored without a word: a call that no signal stops.
  { helper: "getEndUserByEmail", input: "sigal for signal", call: (fetch) => getEndUserByEmail(client(fetch), "a@example.com", bad({ sigal: new AbortController().signal })), field: "sigal", message: /^sigal is not an option of getEndUserByEmail, which takes signal$/ },
  { helper: "getEndUserByExternalId", input: "sigal for signal", call: (fetch) => getEndUserByExternalId(client(fetch), "ext-1", bad({ sigal: new AbortController().signal })), field: "sigal", message: /^sigal is not an option of getEndUserByExternalId, which takes signal$/ },
  { helper: "sendEmailSurvey", input: "timeoutMs, an option of the client's", call: (fetch) => sendEmailSurvey(client(fetch), { emails: ["a@example.com"] }, bad({ timeoutMs: 5 })), field: "timeoutMs", message: /^timeoutMs is not an option of sendEmailSurvey, which takes signal$/ },
  { helper: "properties", input: "a Map, whose entries would be dropped", call: () => properties(bad<PropertyInput>(new Map([["plan", "Pro"]]))), field: "properties", message: /properties must be an object of names to values, got a Map/ },
  { helper: "properties", input: "a list instead of an object", call: () => properties(bad<PropertyInput>(["plan"])), field: "properties", message: /properties must be an object of names to values, got an array/ },
  { helper: "properties", input: "a nested object", call: () => properties(bad<PropertyInput>({ plan: { tier: "gold" } })), field: "properties.plan", message: /Wootric keeps one level of properties/ },
  // A name from a CRM export, with a terminal escape, a C1 CSI, a bidi override and 100 000 more characters: quoted cut
  // and escaped in the field and message (it was written whole: a message of 100 106 characters that cleared the screen).
  { helper: "properties", input: "a name with terminal controls, 100 000 characters long", call: () => properties({ [`\u001b[2J\u009b31m\u202eplan[${"x".repeat(1e5)}`]: "Pro" }), field: `properties."\\u001b[2J\\u009b31m\\u202eplan[${"x".repeat(83)}..."`, message: /^properties\."\\u001b\[2J\\u009b31m\\u202eplan\[x{83}\.\.\." is no property name: names must be non-empty, not __proto__ and without \[ or \]/ },
  // From JSON.parse of a CRM export: "__proto__" is an own key there, but written into the result it would set its
  // prototype (null) or be dropped (anything else), never sent.
  { helper: "properties", input: "a __proto__ property from parsed JSON", call: () => properties(JSON.parse('{"plan":"Pro","__proto__":"x"}')), field: "properties.__proto__", message: /^properties\.__proto__ is no property name: names must be non-empty, not __proto__/ },
  { helper: "properties", input: "a __proto__ property of null", call: () => properties(JSON.parse('{"__proto__":null}')), field: "properties.__proto__", message: /not __proto__/ },
  { helper: "properties", input: "a name with a space, quoted", call: () => properties({ "First name": { a: 1 } as never }), field: 'properties."First name"', message: /^properties\."First name" must be a string, number, boolean or Date/ },
  // A token pasted as a property's name is a plain name: it was written into the field and message as it is.
  {
    helper: "properties",
    input: "the client's access token as a property's name",
    call: (fetch) => (client(fetch), properties({ [ACCESS_TOKEN]: { a: 1 } as never })),
    field: 'properties."[redacted]"',
    message: /^properties\."\[redacted\]" must be a string, number, boolean or Date/,
  },
  // An argument slipped: the client's own token where the address goes is quoted redacted, not written into the error.
  { helper: "getEndUserByEmail", input: "the client's access token where the address goes", call: (fetch) => getEndUserByEmail(client(fetch), ACCESS_TOKEN), field: "email", message: /^email must be an e-mail address, got "\[redacted\]"$/ },
  // A credential pasted where a name goes is written into the error by the check that refuses the name: every
  // InputError redacts the credentials the package knows (the client's, known from its creation on).
  {
    helper: "GET /v1/end_users",
    input: "the client's access token as a query parameter's name",
    call: (fetch) => client(fetch).GET("/v1/end_users", bad<never>({ params: { query: { [ACCESS_TOKEN]: 1 } } })),
    field: "params.query.[redacted]",
    message: /^params\.query\.\[redacted\] is not read: no operation of Wootric takes it$/,
  },
  { helper: "listAll", input: "the client's access token as an option's name", call: (fetch) => listAll(client(fetch), "/v1/end_users", bad({ [ACCESS_TOKEN]: 1 })), field: "[redacted]", message: /^\[redacted\] is not an option of listAll, which takes / },
];

describeBadInput({
  InputError,
  secrets: [ACCESS_TOKEN, PASSWORD, CLIENT_SECRET, REFRESH_TOKEN],
  spyBody: {},
  cases: [...clientCases, ...tokenSourceCases, ...helperCases],
  control: {
    name: "a good call through the same spy does send, so the cases above are refused by their bad input",
    sends: 1,
    run: async (fetch) => {
      await sendEmailSurvey(client(fetch), { emails: ["a@example.com"] });
    },
  },
});
