// The transport under faults, once for the runtime every vendor is built on: a scripted server on 127.0.0.1 answers
// the fixture spec's GET /items and POST /items with 5xx, 429, resets, hangs, truncated and non-JSON bodies
// (@apis/faults transportFaultCases), with each kind of credential a vendor sends. Vendors test only their own
// auth flows, token endpoints and error shapes on top of this.
import { collectLeaks, transportFaultCases, useFaultServer, type SeenRequest, type TransportFaultKit } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { ApiConnectionError, ApiTimeoutError, createApiClient, createOAuth2TokenSource, InvalidResponseError, type Auth, type FetchLike } from "../src/index.js";
import { CLIENT_FETCHES } from "./fetches.js";
import { operations, type paths } from "./fixtures.js";

const BEARER = "transport-bearer-secret-1";
const PASSWORD = "transport-basic-secret-1";
const QUERY_TOKEN = "transport-query-secret-1";
const CLIENT_SECRET = "transport-client-secret-1";
const ITEMS = [{ id: 1, name: "a" }];
const ITEM = { id: 2, name: "b" };

const server = useFaultServer({ hangMs: 3000 });

/** Each kind of credential a vendor's requests carry, and the secrets it may never show. */
const credentials: { kind: string; secrets: string[]; auth: () => Auth }[] = [
  { kind: "a bearer token", secrets: [BEARER], auth: () => ({ type: "bearer", token: BEARER }) },
  { kind: "Basic credentials", secrets: [PASSWORD], auth: () => ({ type: "basic", username: "ana", password: PASSWORD }) },
  { kind: "a token in the query", secrets: [QUERY_TOKEN], auth: () => ({ type: "query", name: "access_token", value: QUERY_TOKEN }) },
  {
    kind: "OAuth tokens from a client-credentials grant",
    secrets: [CLIENT_SECRET, "transport-at-secret-1"],
    auth: () => {
      server().script("POST /oauth/token", [(_: SeenRequest, index: number) => ({ status: 200, body: { access_token: `transport-at-secret-${index + 1}`, token_type: "bearer", expires_in: 7200 } })]);
      return { type: "oauth2", tokens: createOAuth2TokenSource({ tokenUrl: `${server().url}/oauth/token`, grant: { type: "client_credentials", clientId: "app", clientSecret: CLIENT_SECRET } }) };
    },
  },
];

describe.each(CLIENT_FETCHES.flatMap(({ via, fetch }) => credentials.map((credential) => ({ ...credential, via, fetch }))))("the transport over $via with $kind under faults", ({ secrets, auth, fetch }) => {
  const collected = collectLeaks(secrets);
  let client: ReturnType<typeof createApiClient<paths>>;
  const kit: TransportFaultKit = {
    get server() {
      return server();
    },
    collected,
    client: (options) => {
      client = createApiClient<paths>({ baseUrl: server().url, operations, auth: auth(), retryDelay: { baseMs: 5, maxMs: 20 }, logger: collected.logger, fetch, ...options });
    },
    get: { route: "GET /items", ok: ITEMS, call: () => client.GET("/items") },
    post: { route: "POST /items", ok: ITEM, call: () => client.POST("/items", { body: { name: "b" } }) },
    errors: { connection: ApiConnectionError, timeout: ApiTimeoutError, invalidResponse: InvalidResponseError },
  };
  for (const { name, run } of transportFaultCases(kit)) it(name, run);

  it("shows no credential in any error or log line of the cases above", () => {
    expect(collected.all().filter((item) => item.kind === "log").length).toBeGreaterThan(20);
    expect(collected.all().filter((item) => item.kind === "error").length).toBeGreaterThan(5);
    expect(collected.leaks()).toEqual([]);
  });
});
