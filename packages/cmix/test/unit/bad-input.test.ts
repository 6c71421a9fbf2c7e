// Every exported helper that takes user input refuses bad input with an InputError that says what to fix, before
// anything is sent: each case runs against a fetch spy that would answer any request, and must find it uncalled
// (the harness, @apis/faults/bad-input, also checks that no secret below shows in the error).
import { bad, bearerPrefixCases, nonObjectOptionsCases, signalAsOptionsCases, describeBadInput, dotSegmentCase, missingOptionsCases, transportOptionCases, type BadInputCase, type FetchSpy } from "@apis/faults/bad-input";
import createFetchClient from "openapi-fetch";
import {
  countResponses,
  createArchive,
  createClient,
  exportArchive,
  getArchive,
  InputError,
  pollArchive,
  type ArchiveRef,
  type ArchiveRequest,
  type ClientOptions,
  type CmixClient,
  type ExportArchiveOptions,
  type PollOptions,
  type QuestionRef,
} from "../../src/index.js";

const SURVEY = 138651;
const REF: ArchiveRef = { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 };
const REQUEST: ArchiveRequest = { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false };
const CLIENT_SECRET = "cmixBadInSecret-7Qm4ZpL2";
const PASSWORD = "cmixBadInPassword-hunter2";
const ACCESS_TOKEN = "cmixBadInToken-9sD6hF3g";

function client(fetch: FetchSpy, options: Partial<ClientOptions> = {}): CmixClient {
  return createClient({
    environment: "sandbox",
    auth: { type: "password", clientId: "client-9", clientSecret: CLIENT_SECRET, username: "jane@example.com", password: PASSWORD },
    maxRetries: 0,
    fetch: fetch as unknown as typeof globalThis.fetch,
    ...options,
  });
}

const EXPORT: ExportArchiveOptions = { type: "XLSX_READABLE", pollIntervalMs: 1 };

const cases: BadInputCase[] = [
  ...transportOptionCases("createClient", (fetch, options) => client(fetch, options)),
  ...bearerPrefixCases((fetch, auth) => client(fetch, { auth }), ACCESS_TOKEN),
  // Four hosts end in BaseUrl: naming the first (authBaseUrl) would move only the token request, with the password.
  {
    helper: "createClient",
    input: "baseURL, as axios spells it, which CMIX splits into one base URL per service",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ baseURL: "https://mock.test" })),
    field: "baseURL",
    message: /^baseURL is not an option of createClient, which takes auth, authBaseUrl, baseUrls, surveyBaseUrl, reportingBaseUrl, fileProcessingBaseUrl, environment, fetch, /,
  },
  {
    helper: "createClient",
    input: "a plain-http surveyBaseUrl off loopback",
    call: (fetch) => client(fetch, { surveyBaseUrl: "http://survey-api.cmix.com" }),
    field: "surveyBaseUrl",
    message: /surveyBaseUrl must use https \(http only on loopback\), got http:\/\/survey-api\.cmix\.com/,
  },
  // Every path is appended to the base URL: after a query or fragment it would be no path at all, and each call of the
  // service would go to the host's root (the password grant included), answered by whatever the root serves.
  {
    helper: "createClient",
    input: "an authBaseUrl with a query",
    call: (fetch) => client(fetch, { authBaseUrl: "https://kaleidoscope-auth.cmix.com/?tenant=7" }),
    field: "authBaseUrl",
    message: /authBaseUrl must not have a query or fragment/,
  },
  {
    helper: "createClient",
    input: "a surveyBaseUrl with a fragment",
    call: (fetch) => client(fetch, { surveyBaseUrl: "https://kaleidoscope-survey-api.cmix.com#v2" }),
    field: "surveyBaseUrl",
    message: /surveyBaseUrl must not have a query or fragment/,
  },
  {
    helper: "createClient",
    input: "a protocol-relative baseUrls.survey",
    call: (fetch) => client(fetch, { baseUrls: { survey: "//evil.example.com" } }),
    field: "baseUrls.survey",
    message: /baseUrls\.survey must be an absolute URL such as https:\/\/api\.example\.com, without a trailing space \(relative only in a browser, never \/\/host\)/,
  },
  // Spelt otherwise, a host option would be ignored, and the password grant sent to the environment's host.
  {
    helper: "createClient",
    input: "authBaseURL for authBaseUrl",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ authBaseURL: "https://auth.mock.test" })),
    field: "authBaseURL",
    message: /^authBaseURL is not an option of createClient: did you mean authBaseUrl\?$/,
  },
  {
    helper: "createClient",
    input: "baseURLs for baseUrls (the deprecated name)",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ baseURLs: { auth: "https://auth.mock.test" } })),
    field: "baseURLs",
    message: /^baseURLs is not an option of createClient: did you mean baseUrls\?$/,
  },
  dotSegmentCase("survey.DELETE", 'a groupId of "..", which would delete /projects/1/', "groupId", (fetch) =>
    client(fetch).survey.DELETE("/projects/{projectId}/groups/{groupId}", { params: { path: { projectId: 1, groupId: bad<number>("..") } } }),
  ),
  ...missingOptionsCases("createClient", (options) => createClient(bad<ClientOptions>(options)), /createClient needs options: \{ environment: "sandbox" \| "production", auth: /),
  {
    helper: "createClient",
    input: "an unknown environment",
    call: (fetch) => client(fetch, { environment: bad<"sandbox">("staging") }),
    field: "environment",
    message: /environment must be "production" or "sandbox", got "staging"/,
  },
  // "environment" invites process.env, whose every variable (a password among them) JSON.stringify wrote into the message.
  {
    helper: "createClient",
    input: "process.env as environment",
    call: (fetch) => client(fetch, { environment: bad<"sandbox">({ NODE_ENV: "production", CMIX_PASSWORD: PASSWORD }) }),
    field: "environment",
    message: /^environment must be "production" or "sandbox", got an object: CMIX issues separate credentials for each$/,
  },
  {
    // A Map has no fields to read: its URL was ignored without a word, and the environment's host called instead.
    helper: "createClient",
    input: "the deprecated baseUrls given as a Map",
    call: (fetch) => client(fetch, { baseUrls: bad<ClientOptions["baseUrls"]>(new Map([["survey", "https://survey.example.com"]])) }),
    field: "baseUrls",
    message: /^baseUrls must be an object such as \{ survey: "https:\/\/\.\.\." \}$/,
  },
  {
    helper: "createClient",
    input: "a base URL for a service that does not exist",
    call: (fetch) => client(fetch, { baseUrls: bad<ClientOptions["baseUrls"]>({ reportng: "https://reporting.example.com" }) }),
    field: "baseUrls.reportng",
    message: /baseUrls\.reportng is not a CMIX service: use auth, survey, reporting, fileProcessing/,
  },
  {
    helper: "createClient",
    input: "a base URL that is not http(s)",
    call: (fetch) => client(fetch, { baseUrls: { survey: "ftp://survey-api.cmix.com" } }),
    field: "baseUrls.survey",
    message: /baseUrls\.survey must use https \(http only on loopback\), got ftp$/,
  },
  {
    helper: "createClient",
    input: "a plain-http service URL off loopback",
    call: (fetch) => client(fetch, { baseUrls: { reporting: "http://reporting-api.cmix.com" } }),
    field: "baseUrls.reporting",
    message: /baseUrls\.reporting must use https \(http only on loopback\), got http:\/\/reporting-api\.cmix\.com/,
  },
  {
    helper: "createClient",
    input: "a password grant without a password",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "password", clientId: "client-9", clientSecret: CLIENT_SECRET, username: "jane@example.com" }) }),
    field: "auth.password",
    message: /auth\.password must be a non-empty string: the CMIX user's password/,
  },
  {
    // A name the grant does not take was dropped without a word.
    helper: "createClient",
    input: "a scope in a password grant",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "password", clientId: "client-9", clientSecret: CLIENT_SECRET, username: "jane@example.com", password: "pw-x-1", scope: "read" }) }),
    field: "scope",
    message: /^scope is not an option of auth, which takes type, clientId, clientSecret, username, password$/,
  },
  {
    helper: "createClient",
    input: "an access_token for accessToken in a token auth",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "token", accessToken: ACCESS_TOKEN, access_token: ACCESS_TOKEN }) }),
    field: "access_token",
    message: /^access_token is not an option of auth: did you mean accessToken\?$/,
  },
  {
    helper: "createClient",
    input: "timeoutMs 0",
    call: (fetch) => client(fetch, { auth: { type: "token", accessToken: ACCESS_TOKEN }, timeoutMs: 0 }),
    field: "timeoutMs",
    message: /timeoutMs must be an integer from 1 to 2147483647, got 0/,
  },
  {
    helper: "createArchive",
    input: "a string as surveyId",
    call: (fetch) => createArchive(client(fetch), bad<number>("138651"), REQUEST),
    field: "surveyId",
    message: /surveyId must be a positive integer ID, got "138651"/,
  },
  // An ID from a database driver (a BigInt column) or the record itself instead of its id (an ORM object, whose
  // references may loop): the message names what was passed, not a JSON error about serializing it.
  {
    helper: "createArchive",
    input: "a BigInt as surveyId",
    call: (fetch) => createArchive(client(fetch), bad<number>(BigInt(SURVEY)), REQUEST),
    field: "surveyId",
    message: /surveyId must be a positive integer ID, got a bigint/,
  },
  {
    helper: "countResponses",
    input: "a survey record whose references loop as surveyId",
    call: (fetch) => {
      const survey: Record<string, unknown> = { id: SURVEY };
      survey.project = { surveys: [survey] };
      return countResponses(client(fetch), bad<number>(survey), [{ questionId: 1 }]);
    },
    field: "surveyId",
    message: /surveyId must be a positive integer ID, got an object/,
  },
  {
    helper: "createArchive",
    input: "null as body",
    call: (fetch) => createArchive(client(fetch), SURVEY, bad<ArchiveRequest>(null)),
    field: "body",
    message: /body must be the archive request: \{ respondentType: "LIVE", type: "XLSX_READABLE"/,
  },
  {
    helper: "createArchive",
    // One request in a list (as a batch API would take them): told it is no request, not that the list has no type.
    input: "a list holding the archive request as body",
    call: (fetch) => createArchive(client(fetch), SURVEY, bad<ArchiveRequest>([REQUEST])),
    field: "body",
    message: /^body must be the archive request: \{ respondentType: "LIVE", type: "XLSX_READABLE"/,
  },
  {
    helper: "createArchive",
    input: "a lowercase respondentType",
    call: (fetch) => createArchive(client(fetch), SURVEY, { ...REQUEST, respondentType: bad<"LIVE">("live") }),
    field: "body.respondentType",
    message: /body\.respondentType must be "LIVE" or "TEST", got "live"/,
  },
  // JSON.stringify threw its own TypeError on a BigInt, and wrote out an object's fields (a credential among them).
  {
    helper: "createArchive",
    input: "a BigInt as completes",
    call: (fetch) => createArchive(client(fetch), SURVEY, { ...REQUEST, completes: bad<boolean>(1n) }),
    field: "body.completes",
    message: /^body\.completes must be true or false, got a bigint$/,
  },
  {
    helper: "exportArchive",
    input: "an object holding a password as respondentType",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, respondentType: bad<"LIVE">({ password: PASSWORD }) }),
    field: "respondentType",
    message: /^respondentType must be "LIVE" or "TEST", got an object$/,
  },
  {
    helper: "getArchive",
    input: "archiveId 0",
    call: (fetch) => getArchive(client(fetch), { ...REF, archiveId: 0 }),
    field: "archiveId",
    message: /archiveId must be a positive integer ID, got 0/,
  },
  {
    helper: "getArchive",
    input: "no ref at all",
    call: (fetch) => getArchive(client(fetch), bad<ArchiveRef>(null)),
    field: "ref",
    message: /getArchive needs ref, the archive to read, e\.g\. \{ surveyId: 138651, dataLayoutId: 1, archiveId: 9001 \}, got null/,
  },
  {
    helper: "pollArchive",
    input: "maxAttempts 0",
    call: (fetch) => pollArchive(client(fetch), REF, { maxAttempts: 0 }),
    field: "maxAttempts",
    message: /maxAttempts must be an integer >= 1 \(how many times to poll the archive\), got 0/,
  },
  {
    helper: "pollArchive",
    input: "pollIntervalMs -1",
    call: (fetch) => pollArchive(client(fetch), REF, { pollIntervalMs: -1 }),
    field: "pollIntervalMs",
    message: /pollIntervalMs must be a number from 0 to 2147483647 \(the pause between polls, in milliseconds\), got -1/,
  },
  {
    helper: "pollArchive",
    input: "pollIntervalMs above 2^31-1 ms (a timer would fire at once)",
    call: (fetch) => pollArchive(client(fetch), REF, { pollIntervalMs: 2 ** 31 }),
    field: "pollIntervalMs",
    message: /pollIntervalMs must be a number from 0 to 2147483647 \(the pause between polls, in milliseconds\), got 2147483648/,
  },
  {
    helper: "pollArchive",
    input: "maxWaitMs Infinity",
    call: (fetch) => pollArchive(client(fetch), REF, { maxWaitMs: Infinity }),
    field: "maxWaitMs",
    message: /maxWaitMs must be a number >= 1 \(how long to wait for the archive in total, in milliseconds\), got Infinity/,
  },
  {
    helper: "pollArchive",
    input: "null as the archive ref",
    call: (fetch) => pollArchive(client(fetch), bad<ArchiveRef>(null)),
    field: "ref",
    message: /pollArchive needs ref, the archive to wait for, e\.g\. \{ surveyId: 138651, dataLayoutId: 1, archiveId: 9001 \}, got null/,
  },
  {
    helper: "pollArchive",
    input: "a number as options",
    call: (fetch) => pollArchive(client(fetch), REF, bad<PollOptions>(5000)),
    field: "options",
    message: /options must be an object such as \{ maxWaitMs: 120_000, pollIntervalMs: 5_000 \}, or left out/,
  },
  {
    helper: "exportArchive",
    input: "an empty type",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, type: "" }),
    field: "type",
    message: /type must be the export file type, e.g\. "XLSX_READABLE"/,
  },
  // Text read from a CSV or a config file keeps its white space and line break: CMIX would be asked for an export type
  // it does not have.
  {
    helper: "exportArchive",
    input: "a type with a trailing line break",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, type: "XLSX_READABLE\n" }),
    field: "type",
    message: /^type must be the export file type, e\.g\. "XLSX_READABLE", got "XLSX_READABLE\\n"$/,
  },
  // A zero-width space is no white space to \s, but a type copied from a web page may carry one.
  {
    helper: "exportArchive",
    input: "a type with a zero-width space pasted from a web page",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, type: "XLSX_READABLE\u200B" }),
    field: "type",
    message: /^type must be the export file type, e\.g\. "XLSX_READABLE", got "XLSX_READABLE\\u200b"$/,
  },
  {
    helper: "createArchive",
    input: "a type with spaces around it",
    call: (fetch) => createArchive(client(fetch), SURVEY, { ...REQUEST, type: " XLSX_READABLE " }),
    field: "body.type",
    message: /^body\.type must be the export file type, e\.g\. "XLSX_READABLE", got " XLSX_READABLE "$/,
  },
  {
    helper: "exportArchive",
    input: "completes, inProcess and terminates all false",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, completes: false }),
    field: "completes",
    message: /completes, inProcess and terminates are all false.*set at least one to true/,
  },
  // Read as the default (true), null exported the completes the caller probably meant to leave out.
  {
    helper: "exportArchive",
    input: "completes null beside inProcess true",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, completes: bad(null), inProcess: true }),
    field: "completes",
    message: /^completes must be true or false, got null$/,
  },
  {
    helper: "exportArchive",
    input: "terminates null",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, terminates: bad(null) }),
    field: "terminates",
    message: /^terminates must be true or false, got null$/,
  },
  // As exportArchive refuses it: an archive of nobody.
  {
    helper: "createArchive",
    input: "completes, inProcess and terminates all false",
    call: (fetch) => createArchive(client(fetch), SURVEY, { ...REQUEST, completes: false }),
    field: "body.completes",
    message: /^completes, inProcess and terminates are all false, so the archive would hold nobody: set at least one to true$/,
  },
  {
    helper: "exportArchive",
    input: "maxWaitMs NaN",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, maxWaitMs: NaN }),
    field: "maxWaitMs",
    message: /maxWaitMs must be a number >= 1 .*got NaN/,
  },
  {
    helper: "exportArchive",
    input: "a signal that is not an AbortSignal",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, signal: bad<AbortSignal>("abort") }),
    field: "signal",
    message: /signal must be an AbortSignal, e\.g\. AbortController#signal/,
  },
  {
    helper: "exportArchive",
    // Its wait between polls would follow it and, once over, call the removeEventListener it lacks.
    input: "a signal-like object with aborted and addEventListener alone",
    call: (fetch) => exportArchive(client(fetch), SURVEY, { ...EXPORT, signal: bad<AbortSignal>({ aborted: false, addEventListener() {} }) }),
    field: "signal",
    message: /^signal must be an AbortSignal, e\.g\. AbortController#signal$/,
  },
  ...(["createArchive", "getArchive", "countResponses"] as const).map((helper) => ({
    helper,
    input: "a signal that is not an AbortSignal, which the platform would refuse with a TypeError",
    call: (fetch: FetchSpy) => {
      const options = { signal: bad<AbortSignal>("abort") };
      const cmix = client(fetch);
      if (helper === "createArchive") return createArchive(cmix, SURVEY, REQUEST, options);
      return helper === "getArchive" ? getArchive(cmix, REF, options) : countResponses(cmix, SURVEY, [{ questionId: 1 }], options);
    },
    field: "signal",
    message: /^signal must be an AbortSignal, e\.g\. AbortController#signal$/,
  })),
  // A misspelt option would be ignored without a word: the default used, e.g. 120 polls where the caller set 3.
  {
    helper: "pollArchive",
    input: "max_attempts for maxAttempts",
    call: (fetch) => pollArchive(client(fetch), REF, bad<PollOptions>({ max_attempts: 3 })),
    field: "max_attempts",
    message: /max_attempts is not an option of pollArchive: did you mean maxAttempts\?/,
  },
  {
    helper: "exportArchive",
    input: "datalayoutId for dataLayoutId",
    call: (fetch) => exportArchive(client(fetch), SURVEY, bad<ExportArchiveOptions>({ ...EXPORT, datalayoutId: 4 })),
    field: "datalayoutId",
    message: /datalayoutId is not an option of exportArchive: did you mean dataLayoutId\?/,
  },
  {
    helper: "exportArchive",
    input: "PollIntervalMs for pollIntervalMs",
    call: (fetch) => exportArchive(client(fetch), SURVEY, bad<ExportArchiveOptions>({ type: "XLSX_READABLE", PollIntervalMs: 1 })),
    field: "PollIntervalMs",
    message: /PollIntervalMs is not an option of exportArchive: did you mean pollIntervalMs\?/,
  },
  {
    helper: "pollArchive",
    input: "maxAttempt for maxAttempts, one letter short",
    call: (fetch) => pollArchive(client(fetch), REF, bad<PollOptions>({ maxAttempt: 3 })),
    field: "maxAttempt",
    message: /^maxAttempt is not an option of pollArchive: did you mean maxAttempts\?$/,
  },
  {
    helper: "pollArchive",
    input: "timeout, an option it does not take",
    call: (fetch) => pollArchive(client(fetch), REF, bad<PollOptions>({ timeout: 60_000 })),
    field: "timeout",
    message: /^timeout is not an option of pollArchive, which takes pollIntervalMs, maxWaitMs, maxAttempts, signal$/,
  },
  {
    helper: "countResponses",
    input: "timeoutMs, an option of the client's, not of the helper",
    call: (fetch) => countResponses(client(fetch), SURVEY, [{ questionId: 122931 }], bad<{ signal?: AbortSignal }>({ timeoutMs: 5 })),
    field: "timeoutMs",
    message: /^timeoutMs is not an option of countResponses, which takes signal$/,
  },
  {
    helper: "createArchive",
    input: "Signal for signal",
    call: (fetch) => createArchive(client(fetch), SURVEY, REQUEST, bad<{ signal?: AbortSignal }>({ Signal: new AbortController().signal })),
    field: "Signal",
    message: /Signal is not an option of createArchive: did you mean signal\?/,
  },
  {
    helper: "getArchive",
    input: "Signal for signal",
    call: (fetch) => getArchive(client(fetch), REF, bad<{ signal?: AbortSignal }>({ Signal: new AbortController().signal })),
    field: "Signal",
    message: /Signal is not an option of getArchive: did you mean signal\?/,
  },
  {
    helper: "countResponses",
    input: "Signal for signal",
    call: (fetch) => countResponses(client(fetch), SURVEY, [{ questionId: 122931 }], bad<{ signal?: AbortSignal }>({ Signal: new AbortController().signal })),
    field: "Signal",
    message: /Signal is not an option of countResponses: did you mean signal\?/,
  },
  // An option put in the ref or the archive request would be ignored: the wait bounded by the defaults (the message of
  // an ArchiveTimeoutError says "raise maxAttempts" right after the ref), the signal never heard, or sent to CMIX as {}.
  {
    helper: "pollArchive",
    input: "maxAttempts inside the ref",
    call: (fetch) => pollArchive(client(fetch), bad<ArchiveRef>({ ...REF, maxAttempts: 500 })),
    field: "ref.maxAttempts",
    message: /^ref\.maxAttempts belongs in the options$/,
  },
  {
    helper: "getArchive",
    input: "an aborted signal inside the ref",
    call: (fetch) => getArchive(client(fetch), bad<ArchiveRef>({ ...REF, signal: AbortSignal.abort() })),
    field: "ref.signal",
    message: /^ref\.signal belongs in the options$/,
  },
  {
    helper: "createArchive",
    input: "an aborted signal inside the archive request",
    call: (fetch) => createArchive(client(fetch), SURVEY, bad<ArchiveRequest>({ ...REQUEST, signal: AbortSignal.abort() })),
    field: "body.signal",
    message: /^body\.signal belongs in the options$/,
  },
  // A ref key spelt otherwise would be read as missing: pollArchive would poll through the survey's Default layout, the
  // wrong data without a word, and getArchive would say the right key is missing. Other keys stay allowed (an error, an archive).
  ...(
    [
      ["pollArchive", "datalayoutId", "dataLayoutId"],
      ["pollArchive", "data_layout_id", "dataLayoutId"],
      ["getArchive", "surveyID", "surveyId"],
      ["getArchive", "archive_id", "archiveId"],
      ["pollArchive", "Archive-Id", "archiveId"],
    ] as const
  ).map(([helper, key, meant]) => ({
    helper,
    input: `${key} in the ref for ${meant}`,
    call: (fetch: FetchSpy) => {
      const { [meant]: _, ...rest } = REF;
      const ref = bad<ArchiveRef>({ ...rest, [key]: REF[meant] });
      return helper === "getArchive" ? getArchive(client(fetch), ref) : pollArchive(client(fetch), ref);
    },
    field: `ref.${key}`,
    message: new RegExp(`^ref\\.${key} is not read: did you mean ${meant}\\?$`),
  })),
  // The archive createArchive or getArchive returned, passed on as the ref: its own ID is `id`, which was not read, and
  // the error said only that archiveId was missing, though the archive held it.
  ...(["pollArchive", "getArchive"] as const).map((helper) => ({
    helper,
    input: "the archive createArchive returned as the ref, its ID in id",
    call: (fetch: FetchSpy) => {
      const archive = bad<ArchiveRef>({ id: 9001, surveyId: SURVEY, dataLayoutId: 5, status: "IN_PROGRESS", progress: 0, archiveUrl: null });
      return helper === "getArchive" ? getArchive(client(fetch), archive) : pollArchive(client(fetch), archive);
    },
    field: "ref.id",
    message: /^ref\.id is not read: did you mean archiveId\?$/,
  })),
  // A survey (GET /surveys/{surveyId}) passed as the ref: its id is the survey's, yet the error said "ref.id is not read:
  // did you mean archiveId?", sending the caller to put the survey's ID where the archive's goes.
  ...(["pollArchive", "getArchive"] as const).map((helper) => ({
    helper,
    input: "a survey as the ref, its ID in id",
    call: (fetch: FetchSpy) => {
      const survey = bad<ArchiveRef>({ id: SURVEY, name: "Project Venato - US - Wave 1", projectId: 109820, status: "LIVE" });
      return helper === "getArchive" ? getArchive(client(fetch), survey) : pollArchive(client(fetch), survey);
    },
    field: "surveyId",
    message: /^surveyId must be a positive integer ID, got nothing$/,
  })),
  // Anything but a CMIX client failed deep inside with a TypeError ("Cannot read properties of undefined (reading 'POST')").
  ...(
    [
      ["an empty object", () => ({})],
      ["null", () => null],
      ["the openapi-fetch client of one of its services", (fetch: FetchSpy) => client(fetch).survey],
      ["an openapi-fetch client of another vendor", (fetch: FetchSpy) => createFetchClient({ baseUrl: "https://api.wootric.com", fetch })],
      ["createClient's options, the deprecated baseUrls among them", () => ({ environment: "sandbox", auth: { type: "token", accessToken: ACCESS_TOKEN }, baseUrls: {} })],
    ] as const
  ).flatMap(([input, make]) =>
    Object.entries({
      createArchive: (cmix: CmixClient) => createArchive(cmix, SURVEY, REQUEST),
      getArchive: (cmix: CmixClient) => getArchive(cmix, REF),
      pollArchive: (cmix: CmixClient) => pollArchive(cmix, REF),
      exportArchive: (cmix: CmixClient) => exportArchive(cmix, SURVEY, EXPORT),
      countResponses: (cmix: CmixClient) => countResponses(cmix, SURVEY, [{ questionId: 1 }]),
    }).map(([helper, call]) => ({
      helper,
      input: `${input} as the client`,
      call: (fetch: FetchSpy) => call(bad<CmixClient>(make(fetch))),
      field: "cmix",
      message: /^cmix must be the client createClient\(\) returns$/,
    })),
  ),
  // countResponses calls the reporting service: an object with the survey service alone failed in it with a TypeError.
  {
    helper: "countResponses",
    input: "an object with the survey service but not the reporting service as the client",
    call: (fetch) => {
      const { survey, baseUrls } = client(fetch);
      return countResponses(bad<CmixClient>({ survey, baseUrls }), SURVEY, [{ questionId: 1 }]);
    },
    field: "cmix",
    message: /^cmix must be the client createClient\(\) returns$/,
  },
  // The signal itself where { signal } belongs reads as no options at all: the call is never stopped (a wait, 10 minutes).
  ...signalAsOptionsCases({
    pollArchive: (fetch, signal) => pollArchive(client(fetch), REF, signal),
    exportArchive: (fetch, signal) => exportArchive(client(fetch), SURVEY, signal),
    createArchive: (fetch, signal) => createArchive(client(fetch), SURVEY, REQUEST, signal),
    getArchive: (fetch, signal) => getArchive(client(fetch), REF, signal),
    countResponses: (fetch, signal) => countResponses(client(fetch), SURVEY, [{ questionId: 122931 }], signal),
  }),
  // exportArchive's options carry the required type: left out they are asked for with it, not called optional as
  // pollArchive's are.
  ...[undefined, null].map((options) => ({
    helper: "exportArchive",
    input: `${options} as the options`,
    call: (fetch: FetchSpy) => exportArchive(client(fetch), SURVEY, bad<ExportArchiveOptions>(options)),
    field: "options",
    message: /^options are required: \{ type: "XLSX_READABLE", \.\.\. \}$/,
  })),
  ...nonObjectOptionsCases({
    createArchive: (fetch, options) => createArchive(client(fetch), SURVEY, REQUEST, options),
    getArchive: (fetch, options) => getArchive(client(fetch), REF, options),
    countResponses: (fetch, options) => countResponses(client(fetch), SURVEY, [{ questionId: 122931 }], options),
  }),
  {
    helper: "countResponses",
    input: "an empty list of questions",
    call: (fetch) => countResponses(client(fetch), SURVEY, []),
    field: "questions",
    message: /questions is empty: list at least one \{ questionId \}/,
  },
  {
    helper: "countResponses",
    input: "a question whose questionId is a string",
    call: (fetch) => countResponses(client(fetch), SURVEY, [{ questionId: 122931 }, { questionId: bad<number>("x") }] as QuestionRef[]),
    field: "questions[1].questionId",
    message: /questions\[1\]\.questionId must be a positive integer ID, got "x"/,
  },
  {
    helper: "countResponses",
    input: "null instead of questions or a banner filter",
    call: (fetch) => countResponses(client(fetch), SURVEY, bad<QuestionRef[]>(null)),
    field: "query",
    message: /^countResponses takes an array of \{ questionId \} or a banner filter \{ testYN, status, counts, filters \}, got null$/,
  },
  {
    helper: "countResponses",
    input: "a banner filter entry whose variableId is a string",
    call: (fetch) =>
      countResponses(client(fetch), SURVEY, { testYN: "LIVE", status: "COMPLETE", counts: [{ questionId: 123 }], filters: [{ variableId: bad<number>("v"), responseId: 1 }] }),
    field: "filter.filters[0].variableId",
    message: /filter\.filters\[0\]\.variableId must be a positive integer ID, got "v"/,
  },
  {
    helper: "countResponses",
    input: "a banner filter whose filters is one entry, not a list",
    call: (fetch) =>
      countResponses(client(fetch), SURVEY, { testYN: "LIVE", status: "COMPLETE", counts: [{ questionId: 123 }], filters: bad<[]>({ questionId: 124, responseId: 125 }) }),
    field: "filter.filters",
    message: /filter\.filters must be a list of \{ questionId, responseId \}, or left out/,
  },
  // An entry's key spelt otherwise is sent and ignored, as a filter's would be: the questions counted at CMIX's default
  // resolution.
  {
    helper: "countResponses",
    input: "a banner filter's count entry with resolution misspelt",
    call: (fetch) => countResponses(client(fetch), SURVEY, { testYN: "LIVE", counts: [bad<{ questionId: number }>({ questionId: 123, resoluton: 2 })] }),
    field: "resoluton",
    message: /^resoluton is not an option of filter\.counts\[0\]: did you mean resolution\?$/,
  },
  {
    helper: "countResponses",
    input: "a banner filter without counts",
    call: (fetch) => countResponses(client(fetch), SURVEY, { testYN: "LIVE", status: "COMPLETE", counts: [], filters: [] }),
    field: "filter.counts",
    message: /filter\.counts must list at least one \{ questionId, resolution\? \} to count/,
  },
  // A credential pasted where a name goes is written into the error by the check that refuses the name: every
  // InputError redacts the credentials the package knows (the client's, known from its creation on).
  {
    helper: "countResponses",
    input: "the client's password as an option's name",
    call: (fetch) => countResponses(client(fetch), SURVEY, [{ questionId: 1 }], bad({ [PASSWORD]: 1 })),
    field: "[redacted]",
    message: /^\[redacted\] is not an option of countResponses, which takes signal$/,
  },
  {
    helper: "createClient",
    input: "a known client secret as a base URL's service name",
    call: (fetch) => (client(fetch), client(fetch, { baseUrls: bad({ [CLIENT_SECRET]: "https://cmix.test" }) })),
    field: "baseUrls.[redacted]",
    message: /^baseUrls\.\[redacted\] is not a CMIX service: use auth, survey, reporting, fileProcessing$/,
  },
];

describeBadInput({
  InputError,
  secrets: [CLIENT_SECRET, PASSWORD, ACCESS_TOKEN],
  spyBody: { token_type: "Bearer", access_token: "at-issued", id: 9001, surveyId: SURVEY, status: "COMPLETE", archiveUrl: "https://files.cmix.test/9001.xlsx" },
  cases,
  control: {
    name: "good calls through the same spy do send, so the cases above are refused by their bad input",
    sends: 3,
    run: async (fetch) => {
      // One token request, shared by both calls, then one request each.
      const cmix = client(fetch);
      await createArchive(cmix, SURVEY, REQUEST);
      await pollArchive(cmix, REF, { pollIntervalMs: 1 });
    },
  },
});
