// Every operation of specs/__NAME__/openapi.yaml, called through the public client against a Prism mock of the spec
// (or, with `pnpm contract:live __NAME__`, through validating proxies to the live vendor).
import { createContractRecorder, liveContract, registeredApi, reportDrift, startContractTarget, type ContractRecorder, type ContractTarget } from "@apis/prism";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient, type __PASCAL__Client } from "../../src/index.js";

const spec = registeredApi("__NAME__").root;
const live = liveContract();

let target: ContractTarget;
let recorder: ContractRecorder;
let __CAMEL__: __PASCAL__Client;

beforeAll(async () => {
  target = await startContractTarget("__NAME__");
  recorder = createContractRecorder(spec);
  __CAMEL__ = createClient({
    baseUrl: target.baseUrl,
    fetch: recorder.fetch,
    maxRetries: 0,
    auth: { type: "token", accessToken: live ? (process.env.__ENV___ACCESS_TOKEN ?? "") : "mock-token" },
  });
});

afterAll(async () => {
  if (recorder) reportDrift(recorder);
  await target?.stop();
});

afterEach(() => {
  expect(recorder.violations(), target.log()).toEqual([]);
  if (!live) expect(recorder.drift()).toEqual([]);
});

describe("Status", () => {
  it("gets the API status", async () => {
    const { data, response } = await __CAMEL__.GET("/v1/status");
    expect(response.status).toBe(200);
    expect(data?.status).toEqual(expect.any(String));
  });
});

describe("coverage", () => {
  it("has exercised every operation in the spec without a violation", () => {
    expect(recorder.uncovered().map((operation) => operation.key)).toEqual([]);
  });
});
