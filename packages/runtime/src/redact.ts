import { redactSecrets } from "./known-secrets.js";
import { decodeQueryName, splitUrl } from "./url.js";

const REDACTED = "[redacted]";

// Substrings catch vendor spellings (accessToken, x-api-key, client_secret, AWS's access_key, client_assertion,
// code_verifier); the whole names are too short to match as substrings without redacting innocent fields such as
// "postcode", "keyword" or "passenger". Matched against a name normalized (see normalizeName).
const SECRET_NAME = /^(code|key|sig|pwd|pass|auth|jwt)$|token|secret|passw|(api|access)key|credential|signature|authorization|cookie|assertion|verifier/;
// Names a client was told carry a credential (e.g. the parameter of query auth); only ever added to, never read out.
const registeredNames = new Set<string>();

// An arrow, as call.ts's userAbort: so written, the two are shorter once bundled (1 to 4 gzipped bytes a package).
/**
 * A name as it reads whatever its case, `-`, `_`, `.` or spaces: `surveyId`, `survey-id` and `SURVEY_ID` are all
 * `surveyid`. Secret names are matched so, and an option or query name another way of writing a known one.
 *
 * @example
 * normalizeName("Client-Secret"); // "clientsecret"
 */
export const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, "");

/**
 * Removes credentials from free text that came from elsewhere (an error message, a response body): every credential
 * a client holds or built and every one of `secrets`, in any encoding it may be sent in (see `redactSecrets`),
 * `Bearer` and `Basic` credentials, `name=value` and `"name": "value"` pairs whose name is a credential, and URLs
 * with user info.
 *
 * @example
 * redactText('{"access_token":"abc","error":"x"}'); // '{"access_token":"[redacted]","error":"x"}'
 */
export function redactText(text: string, secrets?: readonly string[]): string {
  return redactSecrets(text, secrets)
    .replace(/(authorization["']?\s*[:=]\s*["']?)[^"'\r\n,;]+/gi, `$1${REDACTED}`)
    // Only runs with a digit or symbol count as credentials, so prose such as "Basic authentication" survives.
    .replace(/\b(Bearer|Basic)\s+(?=[A-Za-z]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`)
    .replace(/("([^"\\]{1,64})"\s*:\s*)"(?:[^"\\]|\\.)*"/g, (match, prefix: string, name: string) =>
      isSecretName(name) ? `${prefix}"${REDACTED}"` : match,
    )
    // A name is the last 64 characters of the run before `=`. Each run is taken whole, once, from its start (the
    // lookahead and back-reference cannot backtrack into it): tried from each of its characters, a hostile 10 MB error
    // body of letters took seconds.
    .replace(/(?<![\w.-])(?=([\w.-]+))\1=[^&\s"'<>]+/g, (match, run: string) => (isSecretName(run.slice(-64)) ? `${run}=${REDACTED}` : match))
    // A URL's user info, after a scheme: the run before `://`, with a letter (a scheme's first character) among its
    // last 31, taken whole once for the same reason.
    .replace(/(?<![a-z\d+.-])(?=([a-z\d+.-]*[a-z][a-z\d+.-]{0,30}))\1:\/\/[^/?#@\s]*@/gi, `$1://${REDACTED}@`);
}

/**
 * Whether a query parameter, header or field name is one that carries a credential.
 *
 * @example
 * isSecretName("access_token"); // true
 * isSecretName("per_page");     // false
 */
export function isSecretName(name: string): boolean {
  const normalized = normalizeName(name);
  return SECRET_NAME.test(normalized) || registeredNames.has(normalized);
}

/**
 * Treats `name` as a credential name from now on, in every URL, text and body this package redacts. For names
 * that the built-in rules would miss, such as a vendor's query auth parameter `k`.
 *
 * @example
 * registerSecretName("k");
 * redactUrl("https://api.example.com/v1?k=abc"); // "https://api.example.com/v1?k=[redacted]"
 */
export function registerSecretName(name: string): void {
  registeredNames.add(normalizeName(name));
}

/**
 * Returns the URL with credentials removed: user info, and the value of every query parameter named like a
 * credential (`access_token`, `token`, `client_secret`, `password`, `code`, `api_key`, ...). Everything else is
 * kept verbatim, so the result still says which endpoint and which page was asked for.
 *
 * @example
 * redactUrl("https://api.example.com/v1/items?page=2&access_token=abc");
 * // "https://api.example.com/v1/items?page=2&access_token=[redacted]"
 */
export function redactUrl(url: string): string {
  const [base, query, fragment] = splitUrl(url);
  // Working on the raw string, not a URL object, keeps relative URLs and the caller's encoding intact.
  // User info as the URL parser finds it in an http(s) URL: also after leading spaces, and with no, more or back slashes.
  const cleanBase = base.replace(/^([\x00-\x20]*[a-z][a-z0-9+.-]*:[\\/]*)[^/\\?#@]*@/i, `$1${REDACTED}@`);
  // A fragment is never sent, but OAuth implicit flows put tokens there, so it is dropped rather than inspected.
  const cleanFragment = fragment && "#" + REDACTED;
  if (query === undefined) return cleanBase + cleanFragment;
  const cleanQuery = query
    .split("&")
    .map((pair) => {
      const rawName = pair.split("=", 1)[0]!;
      return pair.includes("=") && isSecretName(decodeQueryName(rawName)) ? `${rawName}=${REDACTED}` : pair;
    })
    .join("&");
  return `${cleanBase}?${cleanQuery}${cleanFragment}`;
}

/**
 * Returns a copy of a decoded response body with the value of every field named like a credential replaced, and
 * the given secret values removed from every string, so an error can carry the vendor's body safely.
 *
 * @example
 * redactBody({ error: "invalid_grant", refresh_token: "abc" }); // { error: "invalid_grant", refresh_token: "[redacted]" }
 */
export function redactBody(body: unknown, secrets?: readonly string[]): unknown {
  const seen = new WeakSet<object>();
  const visit = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return redactText(value, secrets);
    // A function is no JSON: one a caller's error holds (a toJSON) would render whatever it closes over. A symbol's
    // description is shown as it is.
    if (typeof value !== "object" || value === null) return typeof value === "function" || typeof value === "symbol" ? REDACTED : value;
    // Bodies are parsed JSON, so a cycle or extreme depth means something odd was passed: stop rather than loop.
    if (seen.has(value) || depth > 20) return REDACTED;
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => visit(item, depth + 1));
    // Defined, not assigned: a "__proto__" key (JSON.parse makes it an own field) stays a field, where assigning it would
    // make the server's object the copy's prototype, its fields read through it yet in no JSON or log line.
    return Object.fromEntries(
      Object.entries(value).map(([name, field]) => [
        // A key may echo a credential too: a 2xx body a helper keeps as an error's is not redacted as bytes, as error bodies are.
        redactSecrets(name, secrets),
        // A true or false is no credential: a vendor's tokenExpired or password_reset_required says why it refused.
        isSecretName(name) && field != null && typeof field != "boolean" ? REDACTED : visit(field, depth + 1),
      ]),
    );
  };
  return visit(body, 0);
}

/**
 * Returns a plain `Error` copy of what an error says of itself, each redacted: its name, message, stack, `code` and
 * causes, and none of its other fields, hidden or not, so an error kept as `cause` cannot leak what it quotes or holds,
 * such as a request URL with a token in its query or the Request a fetch wrapper attached, headers and all (an
 * `AggregateError`'s `errors`, a Symbol-keyed field, a `toJSON` or `util.inspect.custom` of its own). Anything thrown
 * that is no Error is redacted like a body; a cause past the fifth is cut.
 *
 * @example
 * redactError(new TypeError("Failed to fetch https://x.test/?access_token=abc")).message;
 * // "Failed to fetch https://x.test/?access_token=[redacted]"
 */
export function redactError(thrown: unknown, secrets?: readonly string[], depth = 0): unknown {
  try {
    // An Error or DOMException of another realm too (a vm context, as in Jest; an iframe), as its tag tells it: else
    // its message, a field of its own that is not enumerable, would be lost with it.
    if (!(thrown instanceof Error || /(Error|Exception)]$/.test(Object.prototype.toString.call(thrown)))) return redactBody(thrown, secrets);
    const error = thrown as Error;
    const text = (value: unknown) => redactText(String(value), secrets);
    const cause = depth < 5 ? redactError(error.cause, secrets, depth + 1) : undefined;
    // A copy of only what an error says of itself, redacted: its name, message, stack, code and causes.
    const copy = new Error(text(error.message), cause === undefined ? undefined : { cause });
    // Not enumerable, as an error's own name is not.
    Object.defineProperty(copy, "name", { value: text(error.name) });
    copy.stack = error.stack && text(error.stack);
    const { code } = error as { code?: unknown };
    if (code !== undefined) (copy as { code?: unknown }).code = redactBody(code, secrets);
    return copy;
  } catch {
    // A getter or Proxy trap that throws: what it threw is never read, let alone handed on.
    return REDACTED;
  }
}
