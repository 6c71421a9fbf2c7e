// Every exported helper that takes user input refuses bad input with an InputError that says what to fix, before
// anything is sent: each case runs against a fetch spy that would answer any request, and must find it uncalled
// (the harness, @apis/faults/bad-input, also checks that no secret below shows in the error).
import { bad, notAClientCases, nonObjectOptionsCases, signalAsOptionsCases, codeExchangeCases, describeBadInput, missingOptionsCases, transportOptionCases, urlOptionCases, type BadInputCase, type FetchSpy } from "@apis/faults/bad-input";
import {
  buildAuthorizeUrl,
  createClient,
  downloadFile,
  exchangeAuthorizationCode,
  filePath,
  InputError,
  parseFilePath,
  readAuthorizationCallback,
  uploadFile,
  type ClientOptions,
  type CxClient,
  type ExchangeCodeOptions,
  type UploadContent,
} from "../../src/index.js";
import { ACCESS_TOKEN, AUTH_CODE, CLIENT_ID, CLIENT_SECRET } from "../support/secrets.js";

const REDIRECT = "https://app.example.com/cx/callback";
const PHOTO = "self:%2Fphotos%2F2353.jpg";
// A token as long as some issuers' (a JWT with claims), longer than a CX name may be.
const LONG_TOKEN = `cxLongTok-${"Zq8fP3sLm2".repeat(30)}`.slice(0, 300);

// A file of two chunks, 16 bytes in all.
function twoChunks(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(8));
      controller.enqueue(new Uint8Array(8));
      controller.close();
    },
  });
}

function client(fetch: FetchSpy, options: Partial<ClientOptions> = {}): CxClient {
  return createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, maxRetries: 0, fetch: fetch as unknown as typeof globalThis.fetch, ...options });
}

function exchange(fetch: FetchSpy, options: Partial<ExchangeCodeOptions>) {
  return exchangeAuthorizationCode({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, code: AUTH_CODE, redirectUri: REDIRECT, maxRetries: 0, fetch, ...options });
}

const cases: BadInputCase[] = [
  ...transportOptionCases("createClient", (fetch, options) => client(fetch, options)),
  ...signalAsOptionsCases({
    uploadFile: (fetch, signal) => uploadFile(client(fetch), PHOTO, "hello", signal),
    downloadFile: (fetch, signal) => downloadFile(client(fetch), PHOTO, signal),
  }),
  ...nonObjectOptionsCases({
    uploadFile: (fetch, options) => uploadFile(client(fetch), PHOTO, "hello", options),
    downloadFile: (fetch, options) => downloadFile(client(fetch), PHOTO, options),
  }),
  ...codeExchangeCases((fetch, options) => exchange(fetch, options)),
  ...urlOptionCases("createClient", "baseUrl", "https://api.cx.com/1", (fetch, url) => client(fetch, { baseUrl: url })),
  ...urlOptionCases("createClient", "dataBaseUrl", "https://data.cx.com/1", (fetch, url) => client(fetch, { dataBaseUrl: url })),
  ...missingOptionsCases("createClient", (options) => createClient(bad<ClientOptions>(options)), /createClient needs options.*accessToken/),
  {
    helper: "createClient",
    input: "dataBaseURL, spelled as axios spells baseURL, which would have left uploads going to CX's own data host",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ dataBaseURL: "https://data.mock.test/1" })),
    field: "dataBaseURL",
    message: /^dataBaseURL is not an option of createClient: did you mean dataBaseUrl\?$/,
  },
  // clientId goes out in every call's query string: a secret must never be pointed there.
  {
    helper: "createClient",
    input: "clientSecret, as CX's PHP SDK takes it, which CX's client does not",
    call: (fetch) => client(fetch, bad<Partial<ClientOptions>>({ clientSecret: "cx-bad-in-client-secret" })),
    field: "clientSecret",
    message: /^clientSecret is not an option of createClient, which takes auth, baseUrl, dataBaseUrl, dataUrl, clientId, fetch, /,
  },
  {
    helper: "createClient",
    input: "a blank access token",
    call: (fetch) => client(fetch, { auth: { type: "token", accessToken: "   " } }),
    field: "auth.accessToken",
    message: /auth\.accessToken must be a non-empty string: the access_token that exchangeAuthorizationCode\(\) returned/,
  },
  {
    // Read from a file or an environment variable: sent as %0A, CX answered BadAuthToken, as for a revoked token.
    helper: "createClient",
    input: "an access token with a stray newline",
    call: (fetch) => client(fetch, { auth: { type: "token", accessToken: `${ACCESS_TOKEN}\n` } }),
    field: "auth.accessToken",
    message: /^auth\.accessToken holds a control or format character, starts or ends with a space, or starts with "Bearer " \(a stray newline\? a pasted header\?\)$/,
  },
  {
    // Pasted as a header shows it: sent as access_token=Bearer%20..., which CX answers BadAuthToken.
    helper: "createClient",
    input: 'an access token given with its "Bearer " prefix',
    call: (fetch) => client(fetch, { auth: { type: "token", accessToken: `Bearer ${ACCESS_TOKEN}` } }),
    field: "auth.accessToken",
    message: /^auth\.accessToken holds a control or format character, starts or ends with a space, or starts with "Bearer " \(a stray newline\? a pasted header\?\)$/,
  },
  {
    helper: "createClient",
    input: "an access token with a tab inside",
    call: (fetch) => client(fetch, { auth: { type: "token", accessToken: `${ACCESS_TOKEN.slice(0, 4)}\t${ACCESS_TOKEN.slice(4)}` } }),
    field: "auth.accessToken",
    message: /^auth\.accessToken holds a control or format character/,
  },
  // Not only ASCII's controls: each went out as %C2%85 or %E2%80%8B, and CX answered BadAuthToken, read as a revoked token.
  ...[
    ["a C1 control character (U+0085, a next line) at its end", `${ACCESS_TOKEN}\u0085`],
    ["a zero-width space inside, copied from a page", `${ACCESS_TOKEN.slice(0, 4)}\u200b${ACCESS_TOKEN.slice(4)}`],
  ].map(([input, accessToken]): BadInputCase => ({
    helper: "createClient",
    input: `an access token with ${input}`,
    call: (fetch) => client(fetch, { auth: { type: "token", accessToken: accessToken! } }),
    field: "auth.accessToken",
    message: /^auth\.accessToken holds a control or format character/,
  })),
  {
    // The clientId CX's calls need was dropped without a word from there.
    helper: "createClient",
    input: "a clientId put in auth, not beside it",
    call: (fetch) => client(fetch, { auth: bad<ClientOptions["auth"]>({ type: "token", accessToken: ACCESS_TOKEN, clientId: "cx-app-1" }) }),
    field: "clientId",
    message: /^clientId is not an option of auth, which takes type, accessToken$/,
  },
  {
    helper: "createClient",
    input: "an empty clientId",
    call: (fetch) => client(fetch, { clientId: "" }),
    field: "clientId",
    message: /clientId must be the application's client id \(Mashery key\), with no space or control character, or left out/,
  },
  {
    helper: "createClient",
    // Read from a file or an environment variable: sent on every call as client_id=...%0A.
    input: "a clientId ending in a newline",
    call: (fetch) => client(fetch, { clientId: "cxApp-3f9d2b71\n" }),
    field: "clientId",
    message: /clientId must be the application's client id \(Mashery key\), with no space or control character, or left out/,
  },
  // Refused as buildAuthorizeUrl refuses them in the same client id: each went out on every call as %EF%BB%BF, %C2%A0...
  ...[
    ["starting with a byte order mark (a file saved as UTF-8 with BOM)", "\ufeffcxApp-3f9d2b71"],
    ["ending in a no-break space", "cxApp-3f9d2b71\u00a0"],
    ["ending in a C1 control character (U+0085, a next line)", "cxApp-3f9d2b71\u0085"],
    ["holding a zero-width space", "cxApp-\u200b3f9d2b71"],
  ].map(([input, clientId]): BadInputCase => ({
    helper: "createClient",
    input: `a clientId ${input}`,
    call: (fetch) => client(fetch, { clientId: clientId! }),
    field: "clientId",
    message: /clientId must be the application's client id \(Mashery key\), with no space or control character, or left out/,
  })),
  {
    helper: "createClient",
    input: "a clientId that is a number",
    call: (fetch) => client(fetch, { clientId: bad<string>(1234) }),
    field: "clientId",
    message: /clientId must be the application's client id/,
  },
  {
    helper: "authorizeUrl",
    input: "a plain-http redirectUri",
    // @ts-expect-error: the types refuse an http literal too (test/types/literal-arguments.test-d.ts); this is JavaScript's net
    call: () => buildAuthorizeUrl({ clientId: CLIENT_ID, redirectUri: "http://app.example.com/cx/callback", state: "st-0123456789" }),
    field: "redirectUri",
    message: /redirectUri must be https: CX refuses http, even on localhost/,
  },
  {
    helper: "authorizeUrl",
    input: "a number as clientId",
    call: () => buildAuthorizeUrl({ clientId: bad<string>(42), redirectUri: REDIRECT, state: "st-0123456789" }),
    field: "clientId",
    message: /clientId must be a non-empty string/,
  },
  {
    helper: "authorizeUrl",
    input: "a number as state",
    call: () => buildAuthorizeUrl({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: bad<string>(7) }),
    field: "state",
    message: /state must be an unguessable string of 8 or more characters kept in the user's session/,
  },
  {
    helper: "readAuthorizationCallback",
    input: "a callback without a code",
    call: () => readAuthorizationCallback("/cx/callback?state=s-1", { expectedState: "s-1" }),
    field: "url",
    message: /callback has no auth_code or code or authorization_code parameter/,
  },
  {
    helper: "readAuthorizationCallback",
    input: "null as url",
    call: () => readAuthorizationCallback(bad<string>(null), { expectedState: "s-1" }),
    field: "url",
    message: /url must be the callback URL the vendor redirected to, or its path and query, got null/,
  },
  {
    helper: "readAuthorizationCallback",
    input: "no expectedState (the check would be off)",
    call: () => readAuthorizationCallback(`/cx/callback?auth_code=${AUTH_CODE}&state=forged`, bad<{ expectedState: string }>({})),
    field: "expectedState",
    message: /^expectedState is required: the state sent to the vendor \(null skips the check\)$/,
  },
  {
    helper: "readAuthorizationCallback",
    input: "a callback whose state does not match",
    call: () => readAuthorizationCallback(`/cx/callback?auth_code=${AUTH_CODE}&state=other`, { expectedState: "s-1" }),
    field: "state",
    message: /state is not the one sent: it may be forged or stale; start the sign-in again/,
  },
  {
    helper: "exchangeAuthorizationCode",
    input: "no options at all",
    call: () => exchangeAuthorizationCode(bad<ExchangeCodeOptions>(undefined)),
    field: "options",
    message: /exchangeAuthorizationCode needs \{ clientId, clientSecret, code, redirectUri \}/,
  },
  {
    helper: "exchangeAuthorizationCode",
    input: "a plain-http tokenUrl off loopback",
    call: (fetch) => exchange(fetch, { tokenUrl: "http://api.cx.com/1/oauth/token" }),
    field: "tokenUrl",
    message: /tokenUrl must use https \(http only on loopback\), got http:\/\/api\.cx\.com/,
  },
  {
    helper: "exchangeAuthorizationCode",
    input: "an unknown bodyEncoding",
    call: (fetch) => exchange(fetch, { bodyEncoding: bad<"form">("json") }),
    field: "bodyEncoding",
    message: /bodyEncoding must be "form" or "multipart"/,
  },
  {
    helper: "filePath",
    input: "an owner that is neither self nor a UUID",
    call: () => filePath("me", "/photos"),
    field: "owner",
    message: /^The owner must be "self" or a 22-character CX UUID .*, got "me"$/,
  },
  {
    helper: "filePath",
    input: "a relative path",
    call: () => filePath("self", "photos/2353.jpg"),
    field: "path",
    message: /^The path must be absolute, starting with "\/" .*, got "photos\/2353\.jpg"$/,
  },
  // Anything but a client failed deep inside with a TypeError ("client.POST is not a function").
  ...notAClientCases<CxClient>(
    {
      uploadFile: (cx: CxClient) => uploadFile(cx, PHOTO, "hello"),
      downloadFile: (cx: CxClient) => downloadFile(cx, PHOTO),
    },
    { auth: { type: "token", accessToken: ACCESS_TOKEN } },
  ),
  // JSON.stringify wrote an object out whole (a credential with it), and threw its own TypeError on a BigInt.
  ...(
    [
      ["an object holding a credential", { accessToken: ACCESS_TOKEN }, "an object"],
      ["a BigInt", 1n, "a bigint"],
    ] as const
  ).flatMap(([input, value, got]) => [
    {
      helper: "filePath",
      input: `${input} as the owner`,
      call: () => filePath(bad<string>(value), "/photos"),
      field: "owner",
      message: new RegExp(`^The owner must be "self" or a 22-character CX UUID .*, got ${got}$`),
    },
    {
      helper: "filePath",
      input: `${input} as the path`,
      call: () => filePath("self", bad<string>(value)),
      field: "path",
      message: new RegExp(`^The path must be absolute, .*, got ${got}$`),
    },
    {
      helper: "uploadFile",
      input: `${input} as the contentType`,
      call: (fetch: FetchSpy) => uploadFile(client(fetch), PHOTO, "hello", { contentType: bad<string>(value) }),
      field: "contentType",
      message: new RegExp(`^contentType must be a MIME type such as "image/jpeg", got ${got}$`),
    },
  ]),
  {
    helper: "filePath",
    input: "a name longer than 255 characters",
    call: () => filePath("self", `/${"a".repeat(256)}`),
    field: "path",
    message: new RegExp(`^The name "${"a".repeat(97)}\\.\\.\\." in the path is 256 characters long; CX allows at most 255`),
  },
  // Quoted redacted, then cut: a cut piece of it would be no credential's whole form, and went through as it was.
  {
    helper: "filePath",
    input: "a known long credential as a name longer than 255 characters",
    call: (fetch) => (client(fetch, { auth: { type: "token", accessToken: LONG_TOKEN } }), filePath("self", `/${LONG_TOKEN}`)),
    field: "path",
    message: /^The name "\[redacted\]" in the path is 300 characters long; CX allows at most 255/,
  },
  {
    helper: "parseFilePath",
    input: "an unencoded path",
    call: () => parseFilePath("self:/photos/2353.jpg"),
    field: "filePath",
    message: /is not URL-encoded after the colon: build it with filePath\("self", "\/photos\/2353\.jpg"\)/,
  },
  {
    helper: "parseFilePath",
    input: "null",
    call: () => parseFilePath(bad<string>(null)),
    field: "filePath",
    message: /filePath must be a string such as "self:%2Fphotos%2F2353\.jpg"/,
  },
  {
    helper: "uploadFile",
    input: "a number as content",
    call: (fetch) => uploadFile(client(fetch), PHOTO, bad<UploadContent>(42)),
    field: "content",
    message: /content must be a Blob or File .*, a ReadableStream, an ArrayBuffer, a Uint8Array or a string, got a number/,
  },
  // Locked, its reader would fail with the platform's TypeError ("ReadableStream is locked"), naming no argument.
  // Unlocked, a stream the caller cancelled (a `for await` loop left early) reads as empty, and one partly read from
  // where it stopped: stored as an empty or truncated file, and resolved as if whole.
  ...Object.entries<(stream: ReadableStream<Uint8Array>) => Promise<unknown>>({
    "already being read": async (stream) => stream.getReader(),
    "the caller cancelled": (stream) => stream.cancel(),
    "partly read, its reader released": async (stream) => {
      const reader = stream.getReader();
      await reader.read();
      reader.releaseLock();
    },
  }).map(([how, spoil]): BadInputCase => ({
    helper: "uploadFile",
    input: `a ReadableStream ${how}`,
    call: async (fetch) => {
      const stream = twoChunks();
      await spoil(stream);
      return uploadFile(client(fetch), PHOTO, stream);
    },
    field: "content",
    message: /^content is a ReadableStream read, cancelled or locked already: pass an unread one$/,
  })),
  {
    helper: "uploadFile",
    input: "a contentType that is not a MIME type",
    call: (fetch) => uploadFile(client(fetch), PHOTO, "hello", { contentType: "jpeg" }),
    field: "contentType",
    message: /^contentType must be a MIME type such as "image\/jpeg", got "jpeg"$/,
  },
  // A line break around a parameter's `;` or `=` passed the check as white space, and ended the part's Content-Type
  // line: a blank line after it made the rest of the type the file's first bytes, another line a header of the part.
  ...["text/plain;\r\n\r\nx=injected", 'text/plain;\r\nX-Evil="a: b"', "text/plain;\nx=1", "text/plain;\u2028x=1", "text/plain;\u00a0x=1"].map((contentType) => ({
    helper: "uploadFile",
    input: `a contentType with ${JSON.stringify(contentType.replace(/^text\/plain;/, "").slice(0, 4))} after its ;`,
    call: (fetch: FetchSpy) => uploadFile(client(fetch), PHOTO, "hello", { contentType }),
    field: "contentType",
    message: /^contentType must be a MIME type such as "image\/jpeg", got /,
  })),
  {
    helper: "uploadFile",
    input: "a path with a .. segment",
    call: (fetch) => uploadFile(client(fetch), "self:%2Fphotos%2F..%2Fsecret", "hello"),
    field: "filePath",
    message: /has a "\.\." segment, or a look-alike: give the resolved path instead/,
  },
  {
    helper: "downloadFile",
    input: "a number as filePath",
    call: (fetch) => downloadFile(client(fetch), bad<string>(2353)),
    field: "filePath",
    message: /filePath must be a string such as "self:%2Fphotos%2F2353\.jpg"/,
  },
  {
    helper: "downloadFile",
    input: "a path with a doubled slash",
    call: (fetch) => downloadFile(client(fetch), "self:%2Fphotos%2F%2F2353.jpg"),
    field: "filePath",
    message: /has an empty name \(a doubled or trailing "\/"\): remove it/,
  },
  // Options a helper does not take would be ignored without a word.
  {
    helper: "buildAuthorizeUrl",
    input: "scopes, which CX's sign-in does not take",
    call: () => buildAuthorizeUrl(bad({ clientId: CLIENT_ID, redirectUri: REDIRECT, scopes: "x" })),
    field: "scopes",
    message: /^scopes is not an option of buildAuthorizeUrl, which takes clientId, redirectUri, state, authorizeUrl$/,
  },
  {
    helper: "readAuthorizationCallback",
    input: "state for expectedState, which would have checked no state",
    call: () => readAuthorizationCallback(`/cx/callback?auth_code=${AUTH_CODE}&state=forged`, bad({ state: "s-1" })),
    field: "state",
    message: /^state is not an option of readAuthorizationCallback: did you mean expectedState\?$/,
  },
  {
    helper: "exchangeAuthorizationCode",
    input: "clientAuthentication, which CX's exchange sets itself",
    call: (fetch) => exchange(fetch, bad({ clientAuthentication: "body" })),
    field: "clientAuthentication",
    message: /^clientAuthentication is not an option of exchangeAuthorizationCode, which takes clientId, clientSecret, code, redirectUri, /,
  },
  {
    helper: "uploadFile",
    input: "mimeType for contentType, which would have stored the file as application/octet-stream",
    call: (fetch) => uploadFile(client(fetch), PHOTO, "hello", bad({ mimeType: "image/jpeg" })),
    field: "mimeType",
    message: /^mimeType is not an option of uploadFile: did you mean contentType\?$/,
  },
  {
    helper: "downloadFile",
    input: "sigal for signal, which would never have stopped the transfer",
    call: (fetch) => downloadFile(client(fetch), PHOTO, bad({ sigal: new AbortController().signal })),
    field: "sigal",
    message: /^sigal is not an option of downloadFile, which takes signal$/,
  },
  // An argument slipped: the client's own token where the file path goes is quoted redacted, not written into the error.
  {
    helper: "uploadFile",
    input: "the client's access token where the file path goes",
    call: (fetch) => uploadFile(client(fetch), ACCESS_TOKEN, "hello"),
    field: "filePath",
    message: /^filePath "\[redacted\]" has no owner/,
  },
  {
    helper: "downloadFile",
    input: "the client's access token as the path after self:",
    call: (fetch) => downloadFile(client(fetch), `self:${ACCESS_TOKEN}`),
    field: "filePath",
    message: /^filePath "self:\[redacted\]" is not URL-encoded|got "\[redacted\]"$/,
  },
  // A credential pasted where a name goes is written into the error by the check that refuses the name: every
  // InputError redacts the credentials the package knows (the client's, known from its creation on).
  { helper: "downloadFile", input: "the client's access token as an option's name", call: (fetch) => downloadFile(client(fetch), PHOTO, bad({ [ACCESS_TOKEN]: 1 })), field: "[redacted]", message: /^\[redacted\] is not an option of downloadFile, which takes signal$/ },
];

describeBadInput({
  InputError,
  secrets: [ACCESS_TOKEN, CLIENT_SECRET, AUTH_CODE, LONG_TOKEN],
  spyBody: { id: "ZdvTGn0mEeG34xIFOBql1A", name: "2353.jpg", access_token: "at-issued" },
  cases,
  control: {
    name: "good calls through the same spy do send, so the cases above are refused by their bad input",
    sends: 2,
    run: async (fetch) => {
      await uploadFile(client(fetch), PHOTO, "hello", { contentType: "image/jpeg" });
      await exchange(fetch, {});
    },
  },
});
