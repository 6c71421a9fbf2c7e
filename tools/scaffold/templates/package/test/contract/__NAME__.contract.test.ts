// Every operation of specs/__NAME__/openapi.yaml, called through the public client against a Prism mock of the spec
// (or, with `pnpm contract:live __NAME__`, through validating proxies to the live vendor).
import { describeCoverage, useContract } from "@apis/prism";
import { beforeAll, describe, expect, it } from "vitest";
import { createClient, type __PASCAL__Client } from "../../src/index.js";

const contract = useContract("__NAME__");

let __CAMEL__: __PASCAL__Client;

beforeAll(() => {
  __CAMEL__ = createClient({
    baseUrl: contract.target.baseUrl,
    fetch: contract.recorder.fetch,
    maxRetries: 0,
    auth: { type: "token", accessToken: contract.live ? (process.env.__ENV___ACCESS_TOKEN ?? "") : "mock-token" },
  });
});

describe("Status", () => {
  it("gets the API status", async () => {
    const { data, response } = await __CAMEL__.GET("/v1/status");
    expect(response.status).toBe(200);
    expect(data?.status).toEqual(expect.any(String));
  });
});

describeCoverage(contract, 1);
