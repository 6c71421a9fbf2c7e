import { describeValue, fieldError, isFieldObject } from "./input-error.js";
import { redactSecrets } from "./known-secrets.js";
import { normalizeName } from "./redact.js";
import type { CallHooks, CallInit } from "./vendor-calls.js";

/**
 * Refuses an option that is not one of `names`, all the function `of` takes: it would be ignored without a word (a
 * `timeout` for `timeoutMs`: every attempt bounded at the default; a `baseURL`: the calls and credentials sent to the
 * default host), as stripe-node refuses unknown config keys. The message names the option that differs only in case,
 * `-`, `_`, `.` or spaces (read as secret names are: {@link normalizeName}), else the one with the longest start or end in common, at least 4 letters and half the option's
 * (`timeout` for `timeoutMs`, `retries` for `maxRetries`) and shared with no other, else all of them. Only own keys
 * with a value are read: one left `undefined` is left out. An AbortSignal passed as the options (`downloadFile(cx, path,
 * controller.signal)`) has none, so it is refused as such: the call would not stop when it aborts; so are options that
 * are no object (`getEndUserByEmail(client, email, 5)`), which have no names to check.
 *
 * @example
 * checkOptionNames({ baseURL: "https://mock.test" }, ["auth", "baseUrl"], "createClient"); // throws "baseURL is not an option of createClient: did you mean baseUrl?"
 * checkOptionNames({ timeout: 5000 }, ["auth", "timeoutMs"], "createClient"); // "timeout is not an option of createClient: did you mean timeoutMs?"
 */
export function checkOptionNames(options: object, names: readonly string[], of: string): void {
  // One name given twice (Wootric's rateLimit, the vendor's and the runtime's) is one option.
  const known = new Set(names);
  // Duck-typed: a signal from another realm is no instance of this one's AbortSignal. A number or a string in place of
  // the options has no names to check, and would be ignored.
  const signal = typeof (options as { aborted?: unknown }).aborted == "boolean";
  if (signal || typeof options != "object") throw fieldError("options", `of ${of} ${signal ? "is an AbortSignal: pass { signal }" : `must be an object, got ${describeValue(options)}`}`);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || known.has(key)) continue;
    const near = normalizeName(key);
    let meant;
    // Half the option's letters in common, so clientAuthentication is not taken for clientId.
    let most = Math.max(3, (near.length - 1) / 2);
    for (const name of known) {
      const other = normalizeName(name);
      let start = 0;
      let end = 0;
      while (near[start] && near[start] == other[start]) start++;
      while (near.at(~end) && near.at(~end) == other.at(~end)) end++;
      // Never a near name for a credential: a clientSecret is no clientId, a token no tokenUrl (both go in auth).
      const score = near == other ? 99 : /secret|token$/.test(near) ? 0 : Math.max(start, end);
      // Two as near (baseURL among CMIX's four ...BaseUrl) are no answer: all are listed.
      if (score >= most) {
        meant = score > most && name;
        most = score;
      }
    }
    // The name as given, but for a credential the package knows (a token pasted beside auth instead of in it).
    throw fieldError(redactSecrets(key), `is not an option of ${of}${meant ? `: did you mean ${meant}?` : `, which takes ${[...known].join(", ")}`}`);
  }
}

/**
 * Refuses a query parameter name that none of `names` (a vendor's, every operation's: codegen's `queryNames`) is,
 * before the call is sent: the vendor would ignore it, and list unfiltered or at its default page size. One written
 * another way than the vendor's (`surveyId`, `LIMIT`, `survey-id`, `survey.id`) is told the vendor's own. Names are read as they go
 * on the wire: an object value's keys as `name[key]` (`created: { gt }` is `created[gt]`). A deepObject parameter is
 * listed with each key its schema allows (codegen's `created created[gt] created[lt]`), or with a `[` after its name
 * when it allows any (`created created[`); no other name is taken with brackets (`per_page[x]`, `_order[]`). The names
 * before a `#` (codegen's: those the spec types integer) take no number that is no safe integer (`1.5`, `1e21`, 2^53).
 * Only a query that is an object of parameters is read: any other is refused as such where it is written.
 *
 * @example
 * checkQueryNames({ surveyId: 52 }, ["survey_id", "_limit"], "Survey Dynamix"); // throws "params.query.surveyId is not read: did you mean survey_id?"
 * checkQueryNames({ colour: "red" }, ["survey_id"], "Survey Dynamix"); // "params.query.colour is not read: no operation of Survey Dynamix takes it"
 */
export function checkQueryNames(query: unknown, names: readonly string[], vendor: string): void {
  for (const [key, value] of isFieldObject(query) ? Object.entries(query) : []) {
    // An object goes on the wire as deepObject keys, openapi-fetch's default: created: { gt } is created[gt].
    const subs = isFieldObject(value) ? Object.entries(value).map(([sub, item]) => [`${key}[${sub}]`, item] as const) : [];
    // An empty object sends nothing, but its name is still read: a misspelt filter is refused as such.
    for (const [name, item] of subs.length ? subs : [[key, value] as const]) {
      // Codegen lists the spec's integer names before a "#": 52.5 or 1e21 (sent as "1e+21") is no id or page the vendor
      // has, and past 2^53 a number goes out as a neighbouring one. The answer would most likely be an empty list. A name
      // not listed as it is (open[x], read by "open[", or one misspelt) has index -1, from which indexOf searches the last
      // entry alone, which codegen never makes the "#" (a list of integer names alone ends in an empty entry after it).
      if (typeof item == "number" && names.indexOf("#", names.indexOf(name)) > 0 && !Number.isSafeInteger(item)) throw fieldError(`params.query.${name}`, `must be an integer, got ${item}`);
      // A deepObject parameter is listed with its keys (Wootric's created[gt]), or with a "[" after its name when it
      // takes any. No other is read with brackets: per_page[x], _order[] and created[after] are ignored.
      if (names.includes(name) || names.includes(name.replace(/\[.*/, "["))) continue;
      const meant = names.find((known) => normalizeName(known) == normalizeName(name));
      // The name as given, but for a credential the package knows (a token pasted as a query key).
      throw fieldError(`params.query.${redactSecrets(name)}`, `is not read: ${meant ? `did you mean ${meant}?` : `no operation of ${vendor} takes it`}`);
    }
  }
}

/**
 * Checks a raw call's query names (openapi-fetch's init, as a vendor's `prepare` sees it) against `names` with
 * {@link checkQueryNames}, unless the call writes its own query (a `querySerializer` function), which is the way to
 * send a name the spec does not list.
 *
 * @example
 * prepare: (init) => (checkCallQuery(init, QUERY_NAMES, "Wootric CXI"), init)
 */
export function checkCallQuery(init: CallInit, names: readonly string[], vendor: string): void {
  // Only a function writes names of its own: openapi-fetch's options object ({ array: { explode: false } }) sends them as given.
  if (typeof init.querySerializer != "function") checkQueryNames(init.params?.query, names, vendor);
}

/**
 * A vendor's per-operation hooks (see `defineVendorClient`'s `calls`) that check each call's query names against
 * `queryNames` (codegen's: every operation's, space-separated) with {@link checkCallQuery}, for a vendor whose client
 * has no `prepare` hook of its own. One that has (both Wootric clients: their paging checks) calls `checkCallQuery` in it.
 *
 * @example
 * defineVendorClient({ ..., calls: () => hooks }); // const hooks = queryNameHooks(queryNames, "Example");
 */
export function queryNameHooks(queryNames: string, vendor: string): CallHooks {
  const names = queryNames.split(" ");
  return { prepare: (init) => (checkCallQuery(init, names, vendor), init) };
}
