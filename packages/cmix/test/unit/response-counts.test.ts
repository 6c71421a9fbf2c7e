import { bad } from "@apis/faults/bad-input";
import { describe, expect, it } from "vitest";
import { countResponses, createClient, InputError, InternalServerError, InvalidResponseError, type BannerFilterRequest } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";

// The spec's 200: a list of data points (specs/cmix/reporting.yaml, ResponseCounts).
const COUNTS = [{ questionId: 122931, CNT: 40, RPS_ID: 1, TOTAL: 100 }, { questionId: 122931, CNT: 60, RPS_ID: 2, TOTAL: 100 }];

function client() {
  const observed = observedFetch(() => json(COUNTS));
  return { observed, cmix: createClient({ environment: "sandbox", fetch: observed.fetch, auth: { type: "token", accessToken: "t" } }) };
}

describe("countResponses", () => {
  it("posts a bare array of questions to the reporting service", async () => {
    const { observed, cmix } = client();
    const data = await countResponses(cmix, 138651, [{ questionId: 122931 }, { questionId: 123456 }]);
    expect(data).toEqual(COUNTS);
    expect(observed.calls()).toEqual(["POST https://kaleidoscope-reporting-api.cmix.com/surveys/138651/response-counts"]);
    expect(observed.requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(observed.bodies[0]!)).toEqual([{ questionId: 122931 }, { questionId: 123456 }]);
  });

  it("posts a banner filter object as it is", async () => {
    const { observed, cmix } = client();
    const filter: BannerFilterRequest = { testYN: "LIVE", status: "COMPLETE", counts: [{ questionId: 123, resolution: 1 }], filters: [{ questionId: 124, responseId: 125 }] };
    await countResponses(cmix, 138651, filter);
    expect(JSON.parse(observed.bodies[0]!)).toEqual(filter);
  });

  // It calls the reporting service alone: a caller's stand-in with just that service worked before the client was checked.
  it("takes a client that has the reporting service, without the survey service", async () => {
    const { observed, cmix } = client();
    const data = await countResponses(bad<typeof cmix>({ reporting: cmix.reporting, baseUrls: cmix.baseUrls }), 138651, [{ questionId: 122931 }]);
    expect(data).toEqual(COUNTS);
    expect(observed.calls()).toEqual(["POST https://kaleidoscope-reporting-api.cmix.com/surveys/138651/response-counts"]);
  });

  // A read sent as POST (x-idempotent in specs/cmix/reporting.yaml): CMIX's 503 is met again like a GET's, the same body sent.
  it("sends the counts request again after a 503 or a 500, and resolves the counts of the answer that came", async () => {
    const observed = observedFetch((_request, index) => (index < 2 ? json({ message: "busy" }, [503, 500][index]) : json(COUNTS)));
    const cmix = createClient({ environment: "sandbox", fetch: observed.fetch, auth: { type: "token", accessToken: "t" }, retryDelay: { baseMs: 1, maxMs: 2 } });
    expect(await countResponses(cmix, 138651, [{ questionId: 122931 }])).toEqual(COUNTS);
    expect(observed.bodies).toEqual(Array(3).fill('[{"questionId":122931}]'));
  });

  it("throws the last 5xx after the retries, advising to retry later, not that the count may have been carried out", async () => {
    const observed = observedFetch(() => json({ message: "busy" }, 503));
    const cmix = createClient({ environment: "sandbox", fetch: observed.fetch, auth: { type: "token", accessToken: "t" }, maxRetries: 1, retryDelay: { baseMs: 1, maxMs: 2 } });
    const error = await countResponses(cmix, 138651, [{ questionId: 122931 }]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe(
      "POST https://kaleidoscope-reporting-api.cmix.com/surveys/138651/response-counts failed with 503: busy. The vendor failed: retry later.",
    );
    expect(observed.calls()).toHaveLength(2);
  });

  it("takes null options as left out", async () => {
    const { observed, cmix } = client();
    const data = await countResponses(cmix, 138651, [{ questionId: 122931 }], bad<{ signal?: AbortSignal }>(null));
    expect(data).toEqual(COUNTS);
    expect(observed.calls()).toEqual(["POST https://kaleidoscope-reporting-api.cmix.com/surveys/138651/response-counts"]);
  });

  it.each<[string, () => Response]>([
    ["an empty body", () => new Response(null, { status: 200 })],
    ["null", () => json(null)],
    ["an object, not a list", () => json({ "122931": { "1": 40 } })],
  ])("throws an InvalidResponseError naming the request for a 200 with %s instead of counts", async (_case, answer) => {
    const observed = observedFetch(answer);
    const cmix = createClient({ environment: "sandbox", fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    const error = await countResponses(cmix, 138651, [{ questionId: 122931 }]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect((error as Error).message).toMatch(/^POST https:\/\/kaleidoscope-reporting-api\.cmix\.com\/surveys\/138651\/response-counts answered 200 without a list of counts/);
  });

  it("names the request when a fetch of one's own answers a Response without a url", async () => {
    // A Response built by hand (a fetch wrapper, a test double) has url "": the helper knows which request it sent.
    const fetch = async () => new Response("null", { status: 200, headers: { "content-type": "application/json" } });
    const cmix = createClient({ environment: "sandbox", fetch, auth: { type: "token", accessToken: "t" } });
    const error = await countResponses(cmix, 138651, [{ questionId: 122931 }]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/^POST https:\/\/kaleidoscope-reporting-api\.cmix\.com\/surveys\/138651\/response-counts answered 200 without a list of counts/);
    expect((error as InvalidResponseError).url).toBe("https://kaleidoscope-reporting-api.cmix.com/surveys/138651/response-counts");
  });

  // Items that are no data points (a null, a number, a list) reached the caller typed as DataPoint objects.
  it.each([[[null]], [[{ questionId: 1, CNT: 2 }, 5]], [["x"]], [[[1]]]])("refuses a 200 of %j as no list of counts", async (body) => {
    const fetch = async () => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    const cmix = createClient({ environment: "sandbox", fetch, auth: { type: "token", accessToken: "t" } });
    const error = await countResponses(cmix, 138651, [{ questionId: 1 }]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/answered 200 without a list of counts/);
  });

  it.each<[string, unknown, string]>([
    ["an empty question list", [], "questions"],
    ["a question without an ID", [{ questionId: 1 }, {}], "questions[1].questionId"],
    ["a banner filter that counts nothing", { counts: [] }, "filter.counts"],
    ["a banner filter with a filter missing its response", { counts: [{ questionId: 1 }], filters: [{ questionId: 2 }] }, "filter.filters[0].responseId"],
    // forEach skips a sparse list's holes, which JSON.stringify sends as null.
    ["a sparse question list", new Array(2), "questions[0].questionId"],
    ["a question list with a hole", [{ questionId: 1 }, , { questionId: 3 }], "questions[1].questionId"],
    ["a banner filter whose counts have a hole", { counts: [, { questionId: 1 }] }, "filter.counts[0].questionId"],
    ["a banner filter whose filters have a hole", { counts: [{ questionId: 1 }], filters: new Array(1) }, "filter.filters[0].questionId"],
    ["neither shape", "122931", "query"],
    // Sent as written, CMIX would ignore them, and count every respondent.
    ["a banner filter with `filter` for filters", { counts: [{ questionId: 1 }], filter: [{ questionId: 2, responseId: 3 }] }, "filter"],
    ["a banner filter with `testYn` for testYN", { testYn: "TEST", counts: [{ questionId: 1 }] }, "testYn"],
    ["a banner filter with testYN in lower case", { testYN: "live", counts: [{ questionId: 1 }] }, "filter.testYN"],
    ["a banner filter whose status is a list", { status: ["COMPLETE"], counts: [{ questionId: 1 }] }, "filter.status"],
    ["a banner filter whose status is blank", { status: " ", counts: [{ questionId: 1 }] }, "filter.status"],
  ])("rejects %s before any request", async (_case, query, field) => {
    const { observed, cmix } = client();
    const error = await countResponses(cmix, 138651, query as never).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(observed.requests).toHaveLength(0);
  });

  it("names the key a misspelt banner filter key stands for", async () => {
    const { cmix } = client();
    const error = await countResponses(cmix, 138651, { counts: [{ questionId: 1 }], filter: [] } as never).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toBe("filter is not an option of a banner filter: did you mean filters?");
  });
});
