// Every exported helper that takes user input refuses bad input with an InputError that says what to fix, before
// anything is sent: each case runs against a fetch spy that would answer any request, and must find it uncalled
// (the harness, @apis/faults/bad-input, also checks that no secret below shows in the error).
import { bad, bearerPrefixCases, notAClientCases, nonObjectOptionsCases, signalAsOptionsCases, codeExchangeCases, describeBadInput, dotSegmentCase, missingOptionsCases, transportOptionCases, urlOptionCases, type BadInputCase, type FetchSpy } from "@apis/faults/bad-input";
import {
  buildAuthorizeUrl,
  checkListQuery,
  createClient,
  createInteraction,
  exchangeAuthorizationCode,
  InputError,
  interactionDataFields,
  interactionWebLink,
  listAll,
  readAuthorizationCallback,
  updateInteraction,
  type ClientOptions,
  type CreateInteractionInput,
  type ExchangeCodeOptions,
  type SurveyDynamixClient,
  type UpdateInteractionInput,
} from "../../src/index.js";
import { ACCESS_TOKEN, AUTH_CODE, AUTH_TOKEN, CLIENT_SECRET } from "../support/secrets.js";

const BASE = "https://sdx.test/api";
const REDIRECT = "https://app.example.com/sdx/callback";
const STATE = "b7f3c9a1-state";

function client(fetch: FetchSpy, options: Partial<ClientOptions> = {}): SurveyDynamixClient {
  return createClient({ baseUrl: BASE, auth: { type: "token", accessToken: ACCESS_TOKEN }, maxRetries: 0, fetch: fetch as unknown as typeof globalThis.fetch, ...options });
}

function exchange(fetch: FetchSpy, options: Partial<ExchangeCodeOptions>) {
  return exchangeAuthorizationCode({ clientId: "3", clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, maxRetries: 0, fetch: fetch as unknown as typeof globalThis.fetch, ...options });
}

const SMS: CreateInteractionInput = { survey_id: 52, survey_type: "sms", phone_number: "+61409999999" };

const cases: BadInputCase[] = [
  ...transportOptionCases("createClient", (fetch, options) => client(fetch, options)),
  ...signalAsOptionsCases({
    listAll: (fetch, signal) => listAll(client(fetch), "/surveys", signal),
    createInteraction: (fetch, signal) => createInteraction(client(fetch), SMS, signal),
    updateInteraction: (fetch, signal) => updateInteraction(client(fetch), 891234, { survey_id: 52 } as UpdateInteractionInput, signal),
  }),
  ...nonObjectOptionsCases({
    listAll: (fetch, options) => listAll(client(fetch), "/surveys", options),
    createInteraction: (fetch, options) => createInteraction(client(fetch), SMS, options),
    updateInteraction: (fetch, options) => updateInteraction(client(fetch), 891234, { survey_id: 52 } as UpdateInteractionInput, options),
  }),
  ...codeExchangeCases((fetch, options) => exchange(fetch, options)),
  ...urlOptionCases("createClient", "baseUrl", "https://surveydynamix.com/api", (fetch, url) => client(fetch, { baseUrl: url })),
  ...urlOptionCases("createClient", "oauthBaseUrl", "https://surveydynamix.com", (fetch, url) => client(fetch, { oauthBaseUrl: url })),
  ...bearerPrefixCases((fetch, auth) => client(fetch, { auth }), ACCESS_TOKEN),
  {
    helper: "createClient",
    input: "a protocol-relative oauthUrl (the deprecated name)",
    call: (fetch) => client(fetch, { oauthUrl: "//evil.example.com" }),
    field: "oauthUrl",
    message: /oauthUrl must be an absolute URL .*never \/\/host/,
  },
  {
    helper: "createClient",
    input: "Region for region, which would have sent an eu1 account's credentials to the us1 host",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ baseUrl: undefined, Region: "eu1" })),
    field: "Region",
    message: /^Region is not an option of createClient: did you mean region\?$/,
  },
  // A host option spelt otherwise beside region: withRegion fills the hosts in before the names are checked.
  {
    helper: "createClient",
    input: "oauthBaseURL beside region, which would have sent token requests to the region's host",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ region: "eu1", oauthBaseURL: "https://mock.test" })),
    field: "oauthBaseURL",
    message: /^oauthBaseURL is not an option of createClient: did you mean oauthBaseUrl\?$/,
  },
  {
    helper: "buildAuthorizeUrl",
    input: "oauthBaseURL beside region, which would have sent the user to the region's host",
    call: () => buildAuthorizeUrl(bad({ clientId: "3", redirectUri: REDIRECT, state: STATE, region: "eu1", oauthBaseURL: "https://mock.test" })),
    field: "oauthBaseURL",
    message: /^oauthBaseURL is not an option of buildAuthorizeUrl: did you mean oauthBaseUrl\?$/,
  },
  {
    helper: "exchangeAuthorizationCode",
    input: "oauthBaseURL beside region, which would have sent the code and client secret to the region's host",
    call: (fetch) => exchange(fetch, bad<Partial<ExchangeCodeOptions>>({ region: "eu1", oauthBaseURL: "https://mock.test" })),
    field: "oauthBaseURL",
    message: /^oauthBaseURL is not an option of exchangeAuthorizationCode: did you mean oauthBaseUrl\?$/,
  },
  {
    helper: "exchangeAuthorizationCode",
    input: "oauthURL for oauthUrl, which would have sent the code and client secret to surveydynamix.com",
    call: (fetch) => exchange(fetch, bad<Partial<ExchangeCodeOptions>>({ oauthURL: "https://mock.test" })),
    field: "oauthURL",
    message: /^oauthURL is not an option of exchangeAuthorizationCode: did you mean oauthUrl\?$/,
  },
  dotSegmentCase("client.GET", 'an email_address of "..", which would reach /interactions without its survey_id check', "email_address", (fetch) =>
    client(fetch).GET("/users/{email_address}/interactions", { params: { path: { email_address: ".." } } }),
  ),
  ...missingOptionsCases("createClient", (options) => createClient(bad<ClientOptions>(options)), /createClient needs options, at least \{ auth: \{ type: "token", accessToken \} \}/),
  {
    helper: "createClient",
    input: "a customer UUID with a colon",
    call: (fetch) => client(fetch, { auth: { type: "basic", customerUuid: "cust:omer", authToken: AUTH_TOKEN } }),
    field: "auth.customerUuid",
    message: /auth\.customerUuid must not contain ':'/,
  },
  {
    helper: "createClient",
    input: "a customer UUID with a line break after it, which would go out base64-encoded and be answered 401",
    call: (fetch) => client(fetch, { auth: { type: "basic", customerUuid: "0f8fad5b-d9cb-469f-a165-70867728950e\r\n", authToken: AUTH_TOKEN } }),
    field: "auth.customerUuid",
    message: /^auth\.customerUuid must not contain ':' or white space: copy it exactly as the customer settings page shows it$/,
  },
  {
    helper: "createClient",
    input: "a region inside Basic auth, which would have sent an eu1 account's credentials to the us1 host",
    call: (fetch) => client(fetch, { auth: bad({ type: "basic", customerUuid: "customer", authToken: AUTH_TOKEN, region: "eu1" }) }),
    field: "region",
    message: /^region is not an option of auth, which takes type, customerUuid, authToken$/,
  },
  {
    helper: "createClient",
    input: "a refreshToken beside an access token, which the client would never use to refresh",
    call: (fetch) => client(fetch, { auth: bad({ type: "token", accessToken: "access-token-1", refreshToken: "refresh-token-1" }) }),
    field: "refreshToken",
    message: /^refreshToken is not an option of auth, which takes type, accessToken$/,
  },
  {
    helper: "createClient",
    input: "auth_token for authToken",
    call: (fetch) => client(fetch, { auth: bad({ type: "basic", customerUuid: "customer", authToken: AUTH_TOKEN, auth_token: AUTH_TOKEN }) }),
    field: "auth_token",
    message: /^auth_token is not an option of auth: did you mean authToken\?$/,
  },
  {
    helper: "createInteraction",
    input: "null as input",
    call: (fetch) => createInteraction(client(fetch), bad<CreateInteractionInput>(null)),
    field: "input",
    message: /createInteraction needs the interaction's fields, e\.g\. \{ survey_id: 52 \}/,
  },
  {
    helper: "createInteraction",
    input: "survey_id 0",
    call: (fetch) => createInteraction(client(fetch), { ...SMS, survey_id: 0 }),
    field: "survey_id",
    message: /survey_id must be the survey's ID .*, a positive integer/,
  },
  {
    helper: "createInteraction",
    input: "survey_id 1e21 (past 2^53, sent as 1000000000000000000000)",
    call: (fetch) => createInteraction(client(fetch), { ...SMS, survey_id: 1e21 }),
    field: "survey_id",
    message: /survey_id must be the survey's ID .*, a positive integer/,
  },
  {
    helper: "createInteraction",
    input: "an SMS interaction without phone_number",
    // The type refuses it too (test/types/create-interaction.test-d.ts): a JavaScript caller may send it.
    call: (fetch) => createInteraction(client(fetch), bad<CreateInteractionInput>({ survey_id: 52, survey_type: "sms" })),
    field: "phone_number",
    message: /A sms interaction needs phone_number in international format, digits only, e.g\. "\+61409999999"$/,
  },
  {
    helper: "createInteraction",
    input: "a number as phone_number",
    call: (fetch) => createInteraction(client(fetch), { ...SMS, phone_number: bad<string>(61409999999) }),
    field: "phone_number",
    message: /phone_number must be a string in international format, e.g\. "\+61409999999", got a number/,
  },
  {
    helper: "createInteraction",
    input: "an interaction data key starting with a digit",
    call: (fetch) => createInteraction(client(fetch), { ...SMS, data: { "1bad": "x" } }),
    field: "data.1bad",
    message: /Interaction-data key "1bad" is not valid: .*starting with a letter/,
  },
  {
    helper: "createInteraction",
    input: "an unknown field",
    call: (fetch) => createInteraction(client(fetch), bad<CreateInteractionInput>({ ...SMS, plan: "GOLD" })),
    field: "plan",
    message: /Unknown interaction field "plan": .*put interaction data in data, e.g\. \{ data: \{ plan: \.\.\. \} \}/,
  },
  {
    helper: "createInteraction",
    // Written another way (camelCase, dashes, capitals), a field is named, not offered as interaction data: { data: {
    // surveyId } } would have created the interaction without its survey.
    input: "a field written another way",
    call: (fetch) => createInteraction(client(fetch), bad<CreateInteractionInput>({ ...SMS, "Phone-Number": "+61409999999", surveyId: 52 })),
    field: "Phone-Number",
    message: /^Unknown interaction field "Phone-Number": did you mean phone_number\?$/,
  },
  {
    helper: "createInteraction",
    input: "a flag written another way",
    call: (fetch) => createInteraction(client(fetch), bad<CreateInteractionInput>({ ...SMS, forceNew: true })),
    field: "forceNew",
    message: /^Unknown interaction field "forceNew": did you mean _force_new\?$/,
  },
  {
    helper: "createInteraction",
    // Quoted cut and escaped, and not written out again in an example: no data key could take it.
    input: "an unknown field named with a terminal escape, a bidi override and 5000 more characters",
    call: (fetch) => createInteraction(client(fetch), bad<CreateInteractionInput>({ ...SMS, [`x\u001b[2J\u202e${"y".repeat(5000)}`]: 1 })),
    field: `"x\\u001b[2J\\u202e${"y".repeat(91)}..."`,
    message: new RegExp(`^Unknown interaction field "x\\\\u001b\\[2J\\\\u202e${"y".repeat(91)}\\.\\.\\.": the fields are [^\\u001b\\u202e]*; put interaction data in data$`),
  },
  {
    helper: "createInteraction",
    input: "an interaction data key with a bidi override",
    call: (fetch) => createInteraction(client(fetch), { ...SMS, data: { "plan\u202e": "x" } }),
    field: 'data."plan\\u202e"',
    message: /^Interaction-data key "plan\\u202e" is not valid/,
  },
  {
    helper: "createInteraction",
    input: "an invalid Date as scheduled_at",
    call: (fetch) => createInteraction(client(fetch), { ...SMS, scheduled_at: new Date("not a date") }),
    field: "scheduled_at",
    message: /scheduled_at is an invalid Date/,
  },
  {
    helper: "createInteraction",
    // Date.now() where a Date was meant: the form would carry the digits, which the vendor does not read as a time.
    input: "a timestamp in milliseconds as scheduled_at",
    call: (fetch) => createInteraction(client(fetch), { ...SMS, scheduled_at: bad<Date>(1_493_866_729_000) }),
    field: "scheduled_at",
    message: /^scheduled_at must be a Date, a UTC time "YYYY-MM-DD HH:MM:SS" or "Now \+ X Days\|Hours\|Minutes", got .*number/,
  },
  {
    helper: "updateInteraction",
    input: "null as interaction",
    call: (fetch) => updateInteraction(client(fetch), 891234, bad<UpdateInteractionInput>(null)),
    field: "interaction",
    message: /^interaction must be the object GET \/interactions\/\{interaction_id\} returns, with the fields to change edited$/,
  },
  {
    helper: "updateInteraction",
    input: "a field in camelCase with a terminal escape and 5000 more characters",
    call: (fetch) => updateInteraction(client(fetch), 891234, bad<UpdateInteractionInput>({ survey_id: 52, [`agentId\u001b[2J${"y".repeat(5000)}`]: "x" })),
    field: `interaction."agentId\\u001b[2J${"y".repeat(86)}..."`,
    message: new RegExp(`^interaction\\."agentId\\\\u001b\\[2J${"y".repeat(86)}\\.\\.\\." is not a field of an interaction$`),
  },
  {
    helper: "createInteraction",
    // status is a field of the interaction resource, which interaction data refuses too: no example that would fail.
    input: "an unknown field interaction data would refuse as a key too",
    call: (fetch) => createInteraction(client(fetch), bad<CreateInteractionInput>({ ...SMS, status: "done" })),
    field: "status",
    message: /^Unknown interaction field "status": the fields are [^;]*; put interaction data in data$/,
  },
  {
    helper: "updateInteraction",
    input: "interactionId -1",
    call: (fetch) => updateInteraction(client(fetch), -1, { survey_id: 52 } as UpdateInteractionInput),
    field: "interactionId",
    message: /interactionId must be the interaction's ID, a positive integer/,
  },
  {
    helper: "updateInteraction",
    input: "interactionId 2^53 + 2 (an ID no double holds exactly)",
    call: (fetch) => updateInteraction(client(fetch), 2 ** 53 + 2, { survey_id: 52 } as UpdateInteractionInput),
    field: "interactionId",
    message: /interactionId must be the interaction's ID, a positive integer/,
  },
  {
    helper: "updateInteraction",
    input: "a survey_id of 1e21 in the interaction (JSON writes it as 1e+21)",
    call: (fetch) => updateInteraction(client(fetch), 891234, { survey_id: 1e21 } as UpdateInteractionInput),
    field: "interaction.survey_id",
    message: /^interaction\.survey_id must be the survey's ID, a positive integer$/,
  },
  {
    helper: "updateInteraction",
    input: "an interaction whose id differs from interactionId",
    call: (fetch) => updateInteraction(client(fetch), 891234, { id: 1, survey_id: 52 } as UpdateInteractionInput),
    field: "interaction.id",
    message: /^interaction\.id must be the number 891234, as interactionId, or left out$/,
  },
  // The id as text, from a caller's own data: "must match interactionId 891234" named no difference the caller could see.
  {
    helper: "updateInteraction",
    input: "the interaction's id as text",
    call: (fetch) => updateInteraction(client(fetch), 891234, bad<UpdateInteractionInput>({ id: "891234", survey_id: 52 })),
    field: "interaction.id",
    message: /^interaction\.id must be the number 891234, as interactionId, or left out$/,
  },
  // JSON writes NaN and Infinity as null, which cleared the field at the vendor. A BigInt (an int8 column, as a database
  // driver reads it) it cannot write: JSON.stringify's bare TypeError ("Do not know how to serialize a BigInt") named no field.
  ...(
    [
      ["NaN", { phone_connection_id: NaN }, "phone_connection_id"],
      ["-Infinity", { survey_id: 52, phone_connection_id: -Infinity }, "phone_connection_id"],
      ["Infinity", { agent_rank: Infinity }, "agent_rank"],
      ["a bigint", { survey_id: 52, phone_connection_id: 4n }, "phone_connection_id"],
    ] as const
  ).map(([got, interaction, key]) => ({
    helper: "updateInteraction",
    input: `${got} in the interaction's ${key}`,
    call: (fetch: FetchSpy) => updateInteraction(client(fetch), 891234, bad<UpdateInteractionInput>(interaction)),
    field: `interaction.${key}`,
    message: new RegExp(`^interaction\\.${key} must be a finite number, got ${got}$`),
  })),
  {
    helper: "createInteraction",
    input: "a null survey_type (it went out as survey_type=, read as web by the check)",
    call: (fetch) => createInteraction(client(fetch), bad<CreateInteractionInput>({ survey_id: 52, survey_type: null })),
    field: "survey_type",
    message: /^survey_type must be one of inbound, outbound, sms, websms, web, email$/,
  },
  // Anything but a client failed deep inside with a TypeError ("client.POST is not a function"), listAll's only at its first page.
  ...notAClientCases<SurveyDynamixClient>(
    {
      createInteraction: (sdx: SurveyDynamixClient) => createInteraction(sdx, SMS),
      updateInteraction: (sdx: SurveyDynamixClient) => updateInteraction(sdx, 891234, { agent_id: "nevilr" }),
      listAll: (sdx: SurveyDynamixClient) => listAll(sdx, "/surveys"),
    },
    { auth: { type: "token", accessToken: ACCESS_TOKEN }, region: "eu1" },
  ),
  // JSON.stringify wrote an object out whole (a credential with it), and threw its own TypeError on a BigInt.
  ...(
    [
      ["an object holding a credential", { authToken: AUTH_TOKEN }],
      ["a BigInt", 891234n],
    ] as const
  ).map(([input, id]) => ({
    helper: "updateInteraction",
    input: `${input} as the interaction's id`,
    call: (fetch: FetchSpy) => updateInteraction(client(fetch), 891234, bad<UpdateInteractionInput>({ id, survey_id: 52 })),
    field: "interaction.id",
    message: /^interaction\.id must be the number 891234, as interactionId, or left out$/,
  })),
  ...(
    [
      ["an object holding a credential", { path: "/surveys", accessToken: ACCESS_TOKEN }, "an object"],
      ["a BigInt", 52n, "a bigint"],
    ] as const
  ).map(([input, path, got]) => ({
    helper: "listAll",
    input: `${input} as the path`,
    call: (fetch: FetchSpy) => listAll(client(fetch), bad<"/surveys">(path)),
    field: "path",
    message: new RegExp(`^path must be a list listAll can page \\(/interaction_data, .*\\), got ${got}$`),
  })),
  {
    helper: "interactionWebLink",
    input: "null",
    call: () => interactionWebLink(bad<{ web_link?: string }>(null)),
    field: "interaction",
    message: /^interaction must be the object createInteraction or GET \/interactions\/\{interaction_id\} returns$/,
  },
  {
    helper: "interactionDataFields",
    input: "a Map, whose entries are no own fields and would be sent as no data at all",
    call: () => interactionDataFields(new Map([["plan", "GOLD"]])),
    field: "data",
    message: /^data must be an object of interaction-data keys and values/,
  },
  {
    helper: "updateInteraction",
    input: "a Map, whose entries would be sent as an interaction of its id alone",
    call: (fetch) => updateInteraction(client(fetch), 891234, bad<UpdateInteractionInput>(new Map([["agent_id", "nevilr"]]))),
    field: "interaction",
    message: /^interaction must be the object GET/,
  },
  {
    helper: "interactionDataFields",
    input: "a NaN value",
    call: () => interactionDataFields({ seats: NaN }),
    field: "data.seats",
    message: /^data\.seats must be a string, number or boolean, got NaN: interaction data is stored as text$/,
  },
  // The value given is named: "must be a string, a finite number or a boolean" alone left a caller who passed a Date
  // guessing which of the three it was not.
  {
    helper: "createInteraction",
    input: "a Date as an interaction-data value",
    call: (fetch) => createInteraction(client(fetch), { ...SMS, data: bad({ renewal: new Date("2026-01-01T00:00:00Z") }) }),
    field: "data.renewal",
    message: /^data\.renewal must be a string, number or boolean, got a Date: interaction data is stored as text$/,
  },
  {
    helper: "listAll",
    input: "a Date as the start_date filter",
    call: (fetch) => listAll(client(fetch), "/responses", { query: bad<never>({ start_date: new Date("2026-01-01T00:00:00Z") }) }).next(),
    field: "params.query.start_date",
    message: /^params\.query\.start_date must be a string, number or boolean, got a Date: write dates as the API takes them$/,
  },
  {
    helper: "GET /interactions",
    input: "a Date as the scheduled_at filter",
    call: (fetch) => client(fetch).GET("/interactions", { params: { query: bad<never>({ scheduled_at: new Date("2026-01-01T00:00:00Z") }) } }),
    field: "params.query.scheduled_at",
    message: /^params\.query\.scheduled_at must be a string, number or boolean, got a Date: write dates as the API takes them$/,
  },
  // An ID or offset that is no whole number went out as it was (survey_id=52.5, _offset=1e%2B21): most likely an empty list.
  {
    helper: "GET /interactions",
    input: "a survey_id of 52.5",
    call: (fetch) => client(fetch).GET("/interactions", { params: { query: { survey_id: 52.5 } } }),
    field: "params.query.survey_id",
    message: /^params\.query\.survey_id must be an integer, got 52\.5$/,
  },
  {
    helper: "listAll",
    input: "an _offset of 1e21",
    call: (fetch) => listAll(client(fetch), "/responses", { query: { survey_id: 52, _offset: 1e21 } }).next(),
    field: "params.query._offset",
    // Its bounds named: "must be an integer, got 1e+21" did not say why 1e21 is none.
    message: /^params\.query\._offset must be an integer from 0 to 9007199254740991, got 1e\+21$/,
  },
  {
    helper: "GET /surveys",
    input: "a _limit of 1000.5",
    call: (fetch) => client(fetch).GET("/surveys", { params: { query: { _limit: 1000.5 } } }),
    field: "params.query._limit",
    // The vendor's bounds named at once, not found at the next try.
    message: /^params\.query\._limit must be an integer from 1 to 1000, got 1000\.5$/,
  },
  {
    helper: "interactionDataFields",
    input: "a reserved key",
    call: () => interactionDataFields({ survey_id: 52 }),
    field: "data.survey_id",
    message: /"survey_id" is a field of the interaction itself: pass it as survey_id, not in data/,
  },
  {
    helper: "listAll",
    input: "/responses without a required filter",
    // @ts-expect-error the types require one of the filters too; a JavaScript caller meets the check
    call: (fetch) => listAll(client(fetch), "/responses"),
    field: "params.query",
    // The lists under a parent, which need no filter, as the spec has them.
    message:
      /GET \/responses needs one of survey_id, question_id, interaction_id, start_date in params\.query: Survey Dynamix refuses the list without it \(or use GET \/interactions\/\{interaction_id\}\/responses, \/questions\/\{question_id\}\/responses, \/surveys\/\{survey_id\}\/responses\)$/,
  },
  {
    helper: "listAll",
    input: "_limit 0",
    call: (fetch) => listAll(client(fetch), "/surveys", { query: { _limit: 0 } }),
    field: "params.query._limit",
    message: /_limit must be an integer from 1 to 1000, got 0/,
  },
  {
    helper: "listAll",
    input: "_limit 1001",
    call: (fetch) => listAll(client(fetch), "/users", { query: { _limit: 1001 } }),
    field: "params.query._limit",
    message: /_limit must be an integer from 1 to 1000, got 1001/,
  },
  {
    helper: "listAll",
    input: "a list under a parent without its path parameter",
    call: (fetch) => listAll(client(fetch), "/surveys/{survey_id}/responses", bad<{ path: { survey_id: number } }>({})),
    field: "path.survey_id",
    message: /^GET \/surveys\/\{survey_id\}\/responses needs listAll \{ path: \{ survey_id: \.\.\. \} \}$/,
  },
  {
    helper: "listAll",
    input: "a path that is not a paged list",
    call: (fetch) => listAll(client(fetch), bad<"/surveys">("/survey")),
    field: "path",
    message: /^path must be a list listAll can page \(\/interaction_data, .*\), got "\/survey"$/,
  },
  {
    helper: "checkListQuery",
    input: "/responses without any of its filters",
    call: () => checkListQuery("/responses", { _limit: 10 }),
    field: "params.query",
    message: /GET \/responses needs one of survey_id, question_id, interaction_id, start_date in params\.query: Survey Dynamix refuses the list without it/,
  },
  {
    helper: "checkListQuery",
    input: "/interaction_data without any of its filters",
    call: () => checkListQuery("/interaction_data", {}),
    field: "params.query",
    message:
      /^GET \/interaction_data needs one of survey_id, interaction_id in params\.query: Survey Dynamix refuses the list without it \(or use GET \/interactions\/\{interaction_id\}\/interaction_data, \/surveys\/\{survey_id\}\/interaction_data\)$/,
  },
  {
    helper: "checkListQuery",
    input: "_offset -1",
    call: () => checkListQuery("/surveys", { _offset: -1 }),
    field: "params.query._offset",
    message: /params\.query\._offset must be an integer from 0 to 9007199254740991, got -1/,
  },
  {
    helper: "buildAuthorizeUrl",
    input: "a short state",
    call: () => buildAuthorizeUrl({ clientId: "3", redirectUri: REDIRECT, state: "abc" }),
    field: "state",
    message: /state must be an unguessable string of 8 or more characters/,
  },
  {
    helper: "buildAuthorizeUrl",
    input: "a plain-http oauthBaseUrl",
    call: () => buildAuthorizeUrl({ clientId: "3", redirectUri: REDIRECT, state: STATE, oauthBaseUrl: "http://surveydynamix.com" }),
    field: "oauthBaseUrl",
    message: /oauthBaseUrl must use https/,
  },
  {
    helper: "buildAuthorizeUrl",
    input: "a number as clientId",
    call: () => buildAuthorizeUrl({ clientId: bad<string>(3), redirectUri: REDIRECT, state: STATE }),
    field: "clientId",
    message: /clientId must be a non-empty string/,
  },
  // Options a helper does not take would be ignored without a word.
  {
    helper: "buildAuthorizeUrl",
    input: "scopes for scope, which would have asked for no scope",
    call: () => buildAuthorizeUrl(bad({ clientId: "3", redirectUri: REDIRECT, state: STATE, scopes: "read" })),
    field: "scopes",
    message: /^scopes is not an option of buildAuthorizeUrl: did you mean scope\?$/,
  },
  {
    helper: "buildAuthorizeUrl",
    input: "State for state, named as misspelt rather than as a missing state",
    call: () => buildAuthorizeUrl(bad({ clientId: "3", redirectUri: REDIRECT, State: STATE })),
    field: "State",
    message: /^State is not an option of buildAuthorizeUrl: did you mean state\?$/,
  },
  {
    // openapi-fetch drops path parameters of a path that has none: every interaction, unfiltered.
    helper: "listAll",
    input: "path given to a list without path parameters (an email address meant as a filter)",
    call: (fetch) => listAll(client(fetch), "/interactions", bad({ path: { email_address: "jane@example.com" } })),
    field: "path",
    message: /^path is not an option of listAll, which takes query, signal$/,
  },
  {
    helper: "listAll",
    input: "pagesize beside query, which would have fetched pages of 1000",
    call: (fetch) => listAll(client(fetch), "/surveys", bad({ pagesize: 5 })),
    field: "pagesize",
    message: /^pagesize is not an option of listAll, which takes query, signal$/,
  },
  {
    helper: "createInteraction",
    input: "sigal for signal, which would never have stopped the call",
    call: (fetch) => createInteraction(client(fetch), SMS, bad({ sigal: new AbortController().signal })),
    field: "sigal",
    message: /^sigal is not an option of createInteraction, which takes signal$/,
  },
  {
    helper: "updateInteraction",
    input: "timeoutMs, an option of the client's, not of the helper",
    call: (fetch) => updateInteraction(client(fetch), 891234, { survey_id: 52 } as UpdateInteractionInput, bad({ timeoutMs: 5 })),
    field: "timeoutMs",
    message: /^timeoutMs is not an option of updateInteraction, which takes signal$/,
  },
  {
    helper: "readAuthorizationCallback",
    input: "state for expectedState, which would have checked no state",
    call: () => readAuthorizationCallback(`${REDIRECT}?code=${AUTH_CODE}&state=forged`, bad({ state: STATE })),
    field: "state",
    message: /^state is not an option of readAuthorizationCallback: did you mean expectedState\?$/,
  },
  // A credential pasted where a name goes is written into the error by the check that refuses the name: every
  // InputError redacts the credentials the package knows (the client's, known from its creation on).
  {
    helper: "GET /surveys",
    input: "the client's access token as a query parameter's name",
    call: (fetch) => client(fetch).GET("/surveys", bad<never>({ params: { query: { [ACCESS_TOKEN]: 1 } } })),
    field: "params.query.[redacted]",
    message: /^params\.query\.\[redacted\] is not read: /,
  },
  {
    helper: "GET /surveys",
    input: "the client's access token as a query parameter's name, holding a list",
    call: (fetch) => client(fetch).GET("/surveys", bad<never>({ params: { query: { [ACCESS_TOKEN]: [1, 2] } } })),
    field: "params.query.[redacted]",
    message: /^params\.query\.\[redacted\] /,
  },
];

describeBadInput({
  InputError,
  secrets: [AUTH_TOKEN, ACCESS_TOKEN, CLIENT_SECRET, AUTH_CODE],
  spyBody: { id: 891234, survey_id: 52, access_token: "at-issued", token_type: "Bearer" },
  cases,
  control: {
    name: "good calls through the same spy do send, so the cases above are refused by their bad input",
    sends: 2,
    run: async (fetch) => {
      await createInteraction(client(fetch), SMS);
      await exchange(fetch, {});
    },
  },
});
