import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { runInNewContext } from "node:vm";
import { collectOperations, loadSpecDocument } from "@apis/codegen";
import { sendEveryQueryName } from "@apis/faults/query-names";
import { describe, expect, it } from "vitest";
import { bad } from "@apis/faults/bad-input";
import { buildAuthorizeUrl, createClient, DEFAULT_OAUTH_BASE_URL, DEFAULT_OAUTH_URL, exchangeAuthorizationCode, InputError, listAll, type SurveyDynamixAuth } from "../../src/index.js";
import { formFields, json, observedFetch, thrownBy } from "@apis/faults/observed-fetch";

const BASE = "https://sdx.test/api";
const CUSTOMER_UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const AUTH_TOKEN = "s3cr3t-auth-token-8c1d";

function clientWith(handler: Parameters<typeof observedFetch>[0], auth: SurveyDynamixAuth = { type: "token", accessToken: "pat-123" }) {
  const observed = observedFetch(handler);
  return { observed, sdx: createClient({ baseUrl: BASE, fetch: observed.fetch, maxRetries: 0, auth }) };
}

describe("createClient", () => {
  it("sends the customer UUID and auth token as HTTP Basic to the vendor's API base by default", async () => {
    const observed = observedFetch(() => json([]));
    const sdx = createClient({ fetch: observed.fetch, auth: { type: "basic", customerUuid: CUSTOMER_UUID, authToken: AUTH_TOKEN } });
    await sdx.GET("/surveys");
    const request = observed.requests[0]!;
    expect(request.url).toBe("https://surveydynamix.com/api/surveys");
    expect(request.headers.get("authorization")).toBe(`Basic ${Buffer.from(`${CUSTOMER_UUID}:${AUTH_TOKEN}`).toString("base64")}`);
  });

  // The README (OAuth 2) and the spec advise a personal access token for a new integration, Basic being perhaps withdrawn:
  // the example in the message was Basic's.
  it("names a personal access token, the method the README advises, as the example of a missing auth", () => {
    const error = thrownBy(() => createClient(bad<Parameters<typeof createClient>[0]>({ baseUrl: BASE })));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('auth is required: { type: "token", accessToken }');
  });

  it("sends a personal access token as a bearer token", async () => {
    const { observed, sdx } = clientWith(() => json({ id: 52, name: "Test survey" }), { type: "token", accessToken: "pat-123" });
    const { data } = await sdx.GET("/surveys/{survey_id}", { params: { path: { survey_id: 52 } } });
    expect(data?.name).toBe("Test survey");
    expect(observed.requests[0]?.url).toBe(`${BASE}/surveys/52`);
    expect(observed.requests[0]?.headers.get("authorization")).toBe("Bearer pat-123");
  });

  it.each<[string, unknown, string]>([
    ["an unknown auth type", { type: "apiKey", key: "k" }, "auth.type"],
    ["basic auth without the auth token", { type: "basic", customerUuid: CUSTOMER_UUID }, "auth.authToken"],
    ["basic auth with an empty customer UUID", { type: "basic", customerUuid: " ", authToken: AUTH_TOKEN }, "auth.customerUuid"],
    ["a customer UUID with a colon, which HTTP Basic cannot carry", { type: "basic", customerUuid: `${CUSTOMER_UUID}:x`, authToken: AUTH_TOKEN }, "auth.customerUuid"],
    // Sent base64-encoded in the header, it was answered 401 with nothing to say that the UUID was the cause.
    ["a customer UUID with the line break of the file it was read from", { type: "basic", customerUuid: `${CUSTOMER_UUID}\n`, authToken: AUTH_TOKEN }, "auth.customerUuid"],
    ["a customer UUID pasted with a space before it", { type: "basic", customerUuid: ` ${CUSTOMER_UUID}`, authToken: AUTH_TOKEN }, "auth.customerUuid"],
    ["a token auth without its token", { type: "token" }, "auth.accessToken"],
    ["no auth at all", undefined, "auth"],
  ])("rejects %s before any request, naming the option and quoting no credential", (_case, auth, field) => {
    const observed = observedFetch(() => json({}));
    const error = thrownBy(() => createClient({ fetch: observed.fetch, auth: auth as SurveyDynamixAuth }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    for (const rendering of [String(error), JSON.stringify(error), inspect(error)]) expect(rendering).not.toContain(AUTH_TOKEN);
    expect(observed.requests).toHaveLength(0);
  });

  it.each(["http://surveydynamix.com/api", "ftp://surveydynamix.com/api", "surveydynamix.com/api"])("refuses the base URL %s: the vendor is HTTPS only", (baseUrl) => {
    const error = thrownBy(() => createClient({ baseUrl, auth: { type: "token", accessToken: "t" } }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("baseUrl");
  });

  it("allows plain http on the loopback interface, for a local mock", async () => {
    const observed = observedFetch(() => json([]));
    const sdx = createClient({ baseUrl: "http://127.0.0.1:4010/", fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    await sdx.GET("/users");
    expect(observed.requests[0]?.url).toBe("http://127.0.0.1:4010/users");
  });

  it("sends booleans in the query as 1 and 0, and leaves out undefined filters", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    await sdx.GET("/interactions", {
      params: { query: { survey_id: 52, started: true, completed: false, _include_data: true, email: undefined, _order: "ASC" } },
    });
    expect(new URL(observed.requests[0]!.url).search).toBe("?survey_id=52&started=1&completed=0&_include_data=1&_order=ASC");
  });

  it("writes form bodies urlencoded, with booleans as 1", async () => {
    const { observed, sdx } = clientWith(() => json({ id: 1, uuid: "u", survey_id: 52, survey_type: "web", status: "Not Started" }, 201));
    await sdx.POST("/interactions", { body: { survey_id: 52, _force_new: true, scheduled_at: "Now + 5 minutes" } });
    expect(observed.requests[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(formFields(observed.bodies[0])).toEqual([
      ["survey_id", "52"],
      ["_force_new", "1"],
      ["scheduled_at", "Now + 5 minutes"],
    ]);
  });

  // A wrapper that passes its own options on (`querySerializer: options.querySerializer`) gives an undefined one: the
  // string "false" it would write instead is truthy in PHP, and started: false listed the started interactions.
  it("writes booleans as 1 and 0 in the query and in form bodies when the call gives querySerializer or bodySerializer as undefined", async () => {
    const { observed, sdx } = clientWith(() => json({ id: 1, uuid: "u", survey_id: 52, survey_type: "web", status: "Not Started" }));
    await sdx.GET("/interactions", { params: { query: { survey_id: 52, started: false } }, querySerializer: undefined });
    await sdx.POST("/interactions", { body: { survey_id: 52, _force_new: false }, bodySerializer: undefined });
    expect(new URL(observed.requests[0]!.url).search).toBe("?survey_id=52&started=0");
    expect(formFields(observed.bodies[1])).toEqual([["survey_id", "52"], ["_force_new", "0"]]);
  });

  // Found by a review: an object of openapi-fetch's options replaced the vendor's query serializer, so that started: false
  // went out as "false" (true in PHP: the started interactions listed) and a list as survey_id=52&survey_id=53 (survey
  // 53 alone). The options only style values: no value the vendor takes is styled another way.
  it("writes booleans as 1 and 0 and refuses a list in the query of a raw GET whose querySerializer is an object of options", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    await sdx.GET("/interactions", { params: { query: { survey_id: 52, started: false } }, querySerializer: { allowReserved: true } });
    expect(new URL(observed.requests[0]!.url).search).toBe("?survey_id=52&started=0");
    const list = sdx.GET("/interactions", { params: { query: { survey_id: bad<number>([52, 53]) } }, querySerializer: { array: { style: "form", explode: true } } });
    await expect(list).rejects.toMatchObject({ name: "InputError", field: "params.query.survey_id" });
    expect(observed.requests).toHaveLength(1);
  });

  it("puts a user's e-mail address in the path percent-encoded", async () => {
    const { observed, sdx } = clientWith(() => json({ name: "Joe Smith", email: "joe+sdx@example.com" }));
    await sdx.GET("/users/{email_address}", { params: { path: { email_address: "joe+sdx@example.com" } } });
    expect(new URL(observed.requests[0]!.url).pathname).toBe("/api/users/joe%2Bsdx%40example.com");
  });

  it.each(["constructor", "toString", "__proto__"])("refuses a raw GET of a path named like a built-in of every object (%s) for its missing slash, not with a TypeError of its list check", async (path) => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string) => Promise<{ data?: unknown }>;
    const error = await get(path).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("path");
    expect((await get(`/${path}`)).data).toEqual([]);
    expect(observed.requests).toHaveLength(1);
  });

  it.each<[string, "/responses" | "/interaction_data", RegExp]>([
    ["GET /responses", "/responses", /needs one of survey_id, question_id, interaction_id, start_date in params\.query/],
    ["GET /interaction_data", "/interaction_data", /needs one of survey_id, interaction_id in params\.query/],
  ])("refuses %s without the filters the vendor requires, before sending it", async (_name, path, message) => {
    const { observed, sdx } = clientWith(() => json([]));
    // An empty survey_id counts as left out; a JavaScript caller can send one whatever the types say.
    const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    const error = await get(path, { params: { query: { _limit: 5, survey_id: "" } } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("params.query");
    expect((error as InputError).message).toMatch(message);
    expect(observed.requests).toHaveLength(0);
  });

  it("reads a raw call's null init as none, as openapi-fetch does, instead of failing its list check with a TypeError", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string, init: null) => Promise<{ data?: unknown }>;
    expect((await get("/surveys", null)).data).toEqual([]);
    expect(observed.requests).toHaveLength(1);
  });

  it("refuses a raw GET whose query names a filter in camelCase (surveyId), before sending it unfiltered", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    const error = await get("/interactions", { params: { query: { surveyId: 52, _limit: 5 } } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.query.surveyId", message: "params.query.surveyId is not read: did you mean survey_id?" });
    expect(observed.requests).toHaveLength(0);
  });

  // PHP reads _order[]=DESC as a list, which Survey Dynamix ignores: listAll sent _order=ASC&_order[]=DESC, in ascending order.
  it("refuses a raw GET and a listAll whose query names a parameter with brackets (_limit[x], _order[]), before sending it", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    await expect(get("/surveys", { params: { query: { "_limit[x]": 5 } } })).rejects.toMatchObject({ field: "params.query._limit[x]", message: "params.query._limit[x] is not read: no operation of Survey Dynamix takes it" });
    expect(() => listAll(sdx, "/surveys", { query: { "_order[]": "DESC" } as never })).toThrow("params.query._order[] is not read");
    expect(observed.requests).toHaveLength(0);
  });

  it.each([
    ["a hyphen", { "survey-id": 52 }, "survey-id", "survey_id"],
    ["an id without its underscore", { interactionid: 7, survey_id: 52 }, "interactionid", "interaction_id"],
    ["paging without its underscore", { survey_id: 52, offset: 20 }, "offset", "_offset"],
  ])("refuses a raw GET whose query names a filter with %s, before sending it unfiltered", async (_, query, name, meant) => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    const error = await get("/interactions", { params: { query } }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} is not read: did you mean ${meant}?` });
    expect(observed.requests).toHaveLength(0);
  });

  // Upper case is no word boundary when every letter is upper case: LIMIT was read as l_imit, _Offset as __offset.
  it.each([
    ["LIMIT", "_limit"],
    ["_Offset", "_offset"],
    ["SURVEY_ID", "survey_id"],
    ["_include_Data", "_include_data"],
  ])("names the vendor's own name for a query name written %s, not a misspelling of its own", async (name, meant) => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
    const error = await get("/interactions", { params: { query: { survey_id: 52, [name]: 1 } } }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ field: `params.query.${name}`, message: `params.query.${name} is not read: did you mean ${meant}?` });
    expect(observed.requests).toHaveLength(0);
  });

  // The vendor ignores a name it does not know: the list went out without that filter, or at 10 items a page.
  it.each([["colour"], ["page"], ["uuid"], ["_surveyId_"], ["sort"], ["auth_token"]])(
    "refuses a raw GET whose query names %s, a parameter no operation of the vendor's takes, before sending it",
    async (name) => {
      const { observed, sdx } = clientWith(() => json([]));
      const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<unknown>;
      const error = await get("/interactions", { params: { query: { survey_id: 52, [name]: "x" } } }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ field: `params.query.${name}` });
      // _surveyId_ is survey_id written another way; the others are no name of the vendor's.
      expect((error as InputError).message).toBe(
        `params.query.${name} is not read: ${name == "_surveyId_" ? "did you mean survey_id?" : "no operation of Survey Dynamix takes it"}`,
      );
      expect(observed.requests).toHaveLength(0);
    },
  );

  // serializeQuery sends the own fields of any object whose constructor is Object: one made by Object.create({}), or
  // in another realm (node:vm, an iframe), whose prototype is no Object.prototype of this realm's.
  it.each([
    ["made with Object.create({})", () => Object.assign(Object.create({}) as object, { page: 2 })],
    ["of another realm", () => runInNewContext("({ page: 2 })") as object],
  ])("refuses a raw GET whose query, an object %s, names a parameter no operation takes, as it does an object literal", async (_, query) => {
    const { observed, sdx } = clientWith(() => json([]));
    const error = await sdx.GET("/surveys", { params: { query: query() as never } }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ field: "params.query.page" });
    expect(observed.requests).toHaveLength(0);
  });

  // The caller's own serializer may map names (surveyId to survey_id), or send one the spec does not list yet.
  it("leaves the query names of a raw GET that brings its own querySerializer unchecked, sending what it writes", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    const querySerializer = (query: Record<string, unknown>) => new URLSearchParams(Object.entries(query).map(([name, value]) => [name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), String(value)])).toString();
    const { error } = await get("/interactions", { params: { query: { surveyId: 52, page: 2 } }, querySerializer });
    expect(error).toBeUndefined();
    expect(new URL(observed.requests[0]!.url).search).toBe("?survey_id=52&page=2");
    // Its paging bounds are still the vendor's.
    await expect(get("/surveys", { params: { query: { _limit: 5000 } }, querySerializer })).rejects.toMatchObject({ field: "params.query._limit" });
  });

  // openapi-fetch's serializer options only style the values: surveyId would go out as it is, and the list unfiltered.
  it("refuses a raw GET whose querySerializer is an object of options and whose query names a parameter written another way", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    const error = await get("/interactions", { params: { query: { surveyId: 52 } }, querySerializer: { array: { style: "form", explode: false } } }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ field: "params.query.surveyId", message: "params.query.surveyId is not read: did you mean survey_id?" });
    expect(observed.requests).toHaveLength(0);
  });

  // The check reads names, not the spec: none of the vendor's own may be taken for a misspelling.
  it("sends every query parameter the spec names, on every GET, without refusing one as written another way", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    const get = sdx.GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
    const operations = collectOperations(loadSpecDocument(fileURLToPath(new URL("../../../../specs/survey-dynamix/openapi.yaml", import.meta.url))));
    expect(await sendEveryQueryName(operations, get, () => observed.requests.at(-1)?.url, (name) => ({ _limit: 1, _offset: 1, _order: "ASC" })[name] ?? (name.startsWith("_include") || ["started", "completed", "survey_ended"].includes(name) || "52"))).toBeGreaterThanOrEqual(14);
  });

  it.each([[[]], [[null]], [[""]]])("refuses GET /responses whose only filter is an array with nothing to send (%j), before sending it unfiltered", async (dates) => {
    const { observed, sdx } = clientWith(() => json([]));
    const error = await sdx.GET("/responses", { params: { query: { start_date: dates as never } } }).catch((thrown: unknown) => thrown);
    expect((error as InputError).field).toBe("params.query");
    expect(observed.requests).toHaveLength(0);
  });

  it.each([new URLSearchParams("_limit=5"), new Map([["_limit", 5]]), "_limit=5"])("refuses a query that is no object of parameters (%s) instead of sending none, or one parameter per character", async (query) => {
    const { observed, sdx } = clientWith(() => json([]));
    const error = await sdx.GET("/surveys", { params: { query: query as never } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("params.query");
    expect(observed.requests).toHaveLength(0);
  });

  it("refuses a raw GET whose _order is not ASC or DESC, before sending it", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    const error = await sdx.GET("/surveys", { params: { query: { _order: "newest" as never } } }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ field: "params.query._order", message: 'params.query._order must be one of ASC, DESC, got "newest"' });
    expect(observed.requests).toHaveLength(0);
  });

  // PHP keeps the last of a repeated name: survey_id=52&survey_id=53 would answer survey 53's responses alone, unseen.
  it("refuses a query parameter given as a list on a raw call, naming it, instead of sending it repeated", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    const error = await sdx.GET("/responses", { params: { query: { survey_id: [52, 53] as never } } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.query.survey_id", message: "params.query.survey_id takes one value, not a list: call once per value" });
    expect(observed.requests).toHaveLength(0);
  });

  it.each(["/interactions", "/responses"] as const)("sends a list of %s filtered by date alone, as viadot does", async (path) => {
    const { observed, sdx } = clientWith(() => json([]));
    await sdx.GET(path, { params: { query: { start_date: "2024-05-01", end_date: "2024-05-02", _limit: 1000 } } });
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?start_date=2024-05-01&end_date=2024-05-02&_limit=1000"]);
  });

  it("accepts a list with one of its alternative filters, or one scoped by its path", async () => {
    const { observed, sdx } = clientWith(() => json([]));
    await sdx.GET("/responses", { params: { query: { question_id: 509 } } });
    await sdx.GET("/interaction_data", { params: { query: { interaction_id: 891234 } } });
    await sdx.GET("/surveys/{survey_id}/responses", { params: { path: { survey_id: 52 } } });
    expect(observed.requests.map((request) => new URL(request.url).pathname + new URL(request.url).search)).toEqual([
      "/api/responses?question_id=509",
      "/api/interaction_data?interaction_id=891234",
      "/api/surveys/52/responses",
    ]);
  });

  it.each([0, 1001, 2.5])("refuses _limit %s, outside the vendor's 1 to 1000, before sending", async (limit) => {
    const { observed, sdx } = clientWith(() => json([]));
    const error = await sdx.GET("/surveys", { params: { query: { _limit: limit } } }).catch((thrown: unknown) => thrown);
    expect((error as InputError).field).toBe("params.query._limit");
    expect(observed.requests).toHaveLength(0);
  });

  it.each(["_limit", "_offset"])("refuses an empty %s before sending it as an empty parameter, as listAll does", async (name) => {
    const { observed, sdx } = clientWith(() => json([]));
    const error = await sdx.GET("/surveys", { params: { query: { [name]: "" } } }).catch((thrown: unknown) => thrown);
    expect((error as InputError).field).toBe(`params.query.${name}`);
    expect(observed.requests).toHaveLength(0);
  });

  it("sends the token exchange to the OAuth host without credentials", async () => {
    const observed = observedFetch(() => json({ token_type: "Bearer", access_token: "a" }));
    const sdx = createClient({ oauthBaseUrl: "https://auth.sdx.test", fetch: observed.fetch, auth: { type: "token", accessToken: "pat-123" } });
    await sdx.POST("/oauth/token", {
      body: { grant_type: "authorization_code", client_id: "3", client_secret: "shh-secret", redirect_uri: "https://app.example.com/cb", code: "c0de" },
    });
    expect(observed.requests[0]?.url).toBe("https://auth.sdx.test/oauth/token");
    expect(observed.requests[0]?.headers.get("authorization")).toBeNull();
  });

  it("still reads oauthUrl, the deprecated name of oauthBaseUrl, in createClient and in the OAuth helpers", async () => {
    const observed = observedFetch(() => json({ token_type: "Bearer", access_token: "a" }));
    const sdx = createClient({ oauthUrl: "https://old.sdx.test", fetch: observed.fetch, auth: { type: "token", accessToken: "pat-123" } });
    await sdx.POST("/oauth/token", {
      body: { grant_type: "authorization_code", client_id: "3", client_secret: "shh-secret", redirect_uri: "https://app.example.com/cb", code: "c0de" },
    });
    await exchangeAuthorizationCode({ oauthUrl: "https://old.sdx.test", clientId: "3", clientSecret: "shh-secret", code: "c0de", redirectUri: "https://app.example.com/cb", fetch: observed.fetch });
    expect(observed.requests.map((request) => request.url)).toEqual(["https://old.sdx.test/oauth/token", "https://old.sdx.test/oauth/token"]);
    expect(buildAuthorizeUrl({ oauthUrl: "https://old.sdx.test", clientId: "3", redirectUri: "https://app.example.com/cb", state: "state-123456" })).toMatch(/^https:\/\/old\.sdx\.test\/oauth\/authorize\?/);
    expect(DEFAULT_OAUTH_URL).toBe(DEFAULT_OAUTH_BASE_URL);
  });

  // With two URLs, the code and client secret went to the new name's host, the old one ignored without a word.
  it("refuses oauthUrl beside oauthBaseUrl with another URL, in createClient and in the OAuth helpers, before sending anything", async () => {
    const observed = observedFetch(() => json({ token_type: "Bearer", access_token: "a" }));
    const both = { oauthBaseUrl: "https://oauth.sdx.test", oauthUrl: "https://old.sdx.test" };
    const refused = expect.objectContaining({ name: "InputError", field: "oauthUrl", message: "oauthUrl is renamed oauthBaseUrl: pass only that" });
    expect(() => createClient({ ...both, fetch: observed.fetch, auth: { type: "token", accessToken: "pat-123" } })).toThrow(refused);
    expect(() => buildAuthorizeUrl({ ...both, clientId: "3", redirectUri: "https://app.example.com/cb", state: "state-123456" })).toThrow(refused);
    await expect(exchangeAuthorizationCode({ ...both, clientId: "3", clientSecret: "shh-secret", code: "c0de", redirectUri: "https://app.example.com/cb", fetch: observed.fetch })).rejects.toEqual(refused);
    expect(observed.requests).toHaveLength(0);
  });

  it("returns the vendor's error body for an error status, without throwing", async () => {
    const { sdx } = clientWith(() => json({ message: "Not Found" }, 404));
    const { data, error, response } = await sdx.GET("/questions/{question_id}", { params: { path: { question_id: 1 } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toEqual({ message: "Not Found" });
  });

  it("returns an error body that is not JSON as its text, as the type of error says", async () => {
    const { sdx } = clientWith(() => new Response("<h1>502 Bad Gateway</h1>", { status: 502, headers: { "Content-Type": "text/html" } }));
    const { error } = await sdx.GET("/questions/{question_id}", { params: { path: { question_id: 1 } } });
    expect(error).toBe("<h1>502 Bad Gateway</h1>");
    // What a caller reads from it, narrowed as the type demands (test/types/raw-results.test-d.ts).
    expect(typeof error === "string" ? error : error?.message).toBe("<h1>502 Bad Gateway</h1>");
  });

  it("retries a GET that meets the vendor's 503 maintenance answer", async () => {
    const observed = observedFetch((_request, index) => (index === 0 ? json({ message: "Service Unavailable" }, 503) : json([])));
    const sdx = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    const { data } = await sdx.GET("/surveys");
    expect(data).toEqual([]);
    expect(observed.requests).toHaveLength(2);
  });
});
