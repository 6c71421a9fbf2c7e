// The vendor's own cases against a hostile server; the transport faults (retries, timeouts, resets) are the
// runtime's and run once in packages/runtime/test/transport-faults.test.ts.
import { itLeaksNothing, itLogsEachAttempt, useFaultSuite } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { createClient, type ClientOptions, type __PASCAL__Client } from "../../src/index.js";
import { ACCESS_TOKEN } from "../support/secrets.js";

const GET_STATUS = "GET /v1/status";

let __CAMEL__: __PASCAL__Client;
const suite = useFaultSuite([ACCESS_TOKEN], (url, defaults, options: Partial<ClientOptions> = {}) =>
  (__CAMEL__ = createClient({ baseUrl: url, auth: { type: "token", accessToken: ACCESS_TOKEN }, ...defaults, ...options })));
const { server, collected, connect } = suite;

describe("__TITLE__ under faults", () => {
  it("returns a 401 on a revoked token once, without resending: a bearer token cannot be refreshed", async () => {
    connect();
    server().script(GET_STATUS, [{ status: 401, body: { message: "Token revoked" } }, { status: 200, body: { status: "ok" } }]);
    const { error, response } = await __CAMEL__.GET("/v1/status");
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: "Token revoked" });
    expect(server().count(GET_STATUS)).toBe(1);
  });

  itLogsEachAttempt(suite, { route: GET_STATUS, ok: { status: "ok" }, call: () => connect().GET("/v1/status"), shown: "/v1/status" });
});

describe("__TITLE__ fault suite leaks", () => itLeaksNothing(collected, { logs: 2, errors: 0 }));
