import { checkOptionNames, describeValue, fieldError, InputError, isFieldObject, requireString, type RawResult } from "@apis/runtime";
import { dataOrEmbeddedError } from "./errors.js";
import { checkClient, requireId, requireRespondentType, signalOf } from "./checks.js";
import type { CmixClient } from "./client.js";
import type { operations } from "./generated/reporting/operations.js";
import type { BannerFilterRequest, QuestionRef } from "./types.js";

// The spec marks the counts' POST as a read (`x-idempotent`), which the transport retries like a GET: the `true` that
// countResponses passes for its advice is that mark, checked here at compile time, so the two cannot part.
const SAFE = true satisfies (typeof operations)["/surveys/{surveyId}/response-counts"]["post"]["idempotent"];

function post(cmix: CmixClient, surveyId: number, body: BannerFilterRequest | QuestionRef[], init: { signal?: AbortSignal | undefined }) {
  return cmix.reporting.POST("/surveys/{surveyId}/response-counts", { params: { path: { surveyId } }, body, ...init });
}

/** What {@link countResponses} resolves: the vendor's counts. */
export type ResponseCounts = Awaited<ReturnType<typeof post>> extends RawResult<infer T> ? T : never;

/**
 * What {@link countResponses} resolved before 0.2: openapi-fetch's `{ data, error, response }`.
 *
 * @deprecated `countResponses` now resolves the counts and throws on failure; use {@link ResponseCounts}.
 */
export type ResponseCountsResult = Awaited<ReturnType<typeof post>>;

/**
 * Frequency counts of each question, over all respondents (`POST /surveys/{surveyId}/response-counts` with a bare
 * array of questions, as Dynata's `fetch_raw_results` sends it). At least one question: an empty list throws an
 * `InputError` before any request (typed `QuestionRef[]`, not a non-empty tuple, so that a list built with `map` can be
 * passed). An error status throws the status-keyed `ApiError`, and a 200 whose body has an `error` key an `EmbeddedApiError`.
 *
 * @example
 * const counts = await countResponses(cmix, 138651, [{ questionId: 122931 }, { questionId: 123456 }]);
 */
export function countResponses(cmix: CmixClient, surveyId: number, questions: QuestionRef[], options?: { signal?: AbortSignal | undefined }): Promise<ResponseCounts>;
/**
 * Counts of questions among the respondents a banner (cross-tab) filter selects (`POST /surveys/{surveyId}/response-counts`
 * with a filter object, as Dynata's `fetch_banner_filter` sends it).
 *
 * @example
 * const counts = await countResponses(cmix, 138651, {
 *   testYN: "LIVE",
 *   status: "COMPLETE",
 *   counts: [{ questionId: 123, resolution: 1 }],
 *   filters: [{ questionId: 124, responseId: 125 }],
 * });
 */
export function countResponses(cmix: CmixClient, surveyId: number, filter: BannerFilterRequest, options?: { signal?: AbortSignal | undefined }): Promise<ResponseCounts>;
export async function countResponses(
  cmix: CmixClient,
  surveyId: number,
  query: BannerFilterRequest | QuestionRef[],
  options: { signal?: AbortSignal | undefined } = {},
): Promise<ResponseCounts> {
  checkClient(cmix, "reporting");
  requireId(surveyId, "surveyId");
  const init = signalOf(options, "countResponses");
  if (Array.isArray(query)) {
    if (query.length === 0) throw fieldError("questions", "is empty: list at least one { questionId }");
    // Spread: forEach skips a sparse list's holes, which would go out as null.
    [...query].forEach((question, index) => requireId(question?.questionId, `questions[${index}].questionId`));
  } else if (typeof query === "object" && query !== null) {
    // A key spelt otherwise (`filter`, `testYn`) would be sent and ignored: the counts would cover every respondent.
    checkOptionNames(query, ["testYN", "status", "counts", "filters"], "a banner filter");
    if (query.testYN !== undefined) requireRespondentType(query.testYN, "filter.testYN");
    // Any text, since only COMPLETE is evidenced; a list, a number or white space is no status.
    if (query.status !== undefined) requireString(query.status, "filter.status", 'a respondent status, e.g. "COMPLETE"');
    if (!Array.isArray(query.counts) || query.counts.length === 0) {
      throw fieldError("filter.counts", "must list at least one { questionId, resolution? } to count");
    }
    [...query.counts].forEach((count, index) => {
      requireId(count?.questionId, `filter.counts[${index}].questionId`);
      // A key spelt otherwise (`resoluton`) would be sent and ignored, the question counted at CMIX's default resolution.
      checkOptionNames(count, ["questionId", "resolution"], `filter.counts[${index}]`);
    });
    const filters = query.filters ?? [];
    if (!Array.isArray(filters)) throw fieldError("filter.filters", "must be a list of { questionId, responseId }, or left out");
    [...filters].forEach((filter, index) => {
      // An entry names its question by questionId (Dynata's code) or variableId (Dynata's docstring).
      const entry = (filter ?? {}) as { questionId?: unknown; variableId?: unknown };
      const key = entry.questionId === undefined && entry.variableId !== undefined ? "variableId" : "questionId";
      requireId(entry[key], `filter.filters[${index}].${key}`);
      requireId(filter?.responseId, `filter.filters[${index}].responseId`);
    });
  } else {
    throw new InputError(
      "query",
      `countResponses takes an array of { questionId } or a banner filter { testYN, status, counts, filters }, got ${describeValue(query)}`,
    );
  }
  // The counts are a list (the spec's 200), which never has an error key: such a 200 is CMIX reporting a failure, as
  // for archives; anything else that is no list of objects (no body, null, a list of numbers) would reach the caller
  // typed as counts. The url names the request when the response does not (a fetch that built its own Response). A read
  // sent as POST, retried like a GET (x-idempotent in the spec): its 5xx advises as a GET's does.
  const url = `${cmix.baseUrls.reporting}/surveys/${surveyId}/response-counts`;
  return dataOrEmbeddedError(await post(cmix, surveyId, query, init), "POST", "without a list of counts: `body` holds what it sent.", (data) => Array.isArray(data) && data.every(isFieldObject), url, SAFE);
}
