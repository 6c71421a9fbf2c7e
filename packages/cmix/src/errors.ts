import { ApiError, ApiUserAbortError, dataOrThrow, endSentence, InvalidResponseError, isFieldObject, nameErrorClasses, summarizeBody, type ApiErrorInit, type RawResult } from "@apis/runtime";
import type { ArchiveRef } from "./archives.js";
import type { components } from "./generated/survey/schema.js";

/** A 2xx body that reports a failure: it has a non-null `error` key. */
export type EmbeddedError = components["schemas"]["EmbeddedError"];

/**
 * The vendor answered with a success status but its body carries an `error` key: the request failed. `status` is
 * the 2xx that arrived and `body` the vendor's body (credentials redacted).
 *
 * @example
 * catch (e) { if (e instanceof EmbeddedApiError) console.error(e.status, e.body) }
 */
export class EmbeddedApiError extends ApiError {
  /**
   * Builds the error for a 2xx `response` whose `body` has an `error` key; `url` names the request when the response
   * does not.
   *
   * @example
   * if (hasErrorKey(data)) throw EmbeddedApiError.fromBody(response, data, "POST");
   */
  static fromBody(response: Response, body: EmbeddedError, method: string, url?: string): EmbeddedApiError {
    // The error as the vendor gave it: a string, `{ message }`, or anything else a broken server sends (shown as JSON),
    // redacted before it is cut (a credential the cut fell inside could no longer be recognised), on one line.
    url = response.url || url;
    return new EmbeddedApiError(
      `${method}${url ? ` ${url}` : ""} answered ${response.status} but its body reports an error: ${endSentence(summarizeBody(body.error))} CMIX reports some failures this way; \`body\` holds what it sent.`,
      { status: response.status, method, url, body },
    );
  }
}

/**
 * A raw call's data, or the failure it reports: the status-keyed `ApiError` for an error status, an
 * {@link EmbeddedApiError} for a 2xx whose body has an `error` key, an `InvalidResponseError` for a 2xx whose body
 * `isData` refuses (no body, null, the wrong shape), whose message is the request and its status, then `refused`. `url`
 * names the request when the response does not; `safe` says the request was retried like a GET though sent as POST
 * (see `dataOrThrow`).
 *
 * @example
 * const counts = dataOrEmbeddedError(await cmix.reporting.POST("/surveys/{surveyId}/response-counts", init), "POST", "without a list of counts: `body` holds what it sent.", Array.isArray, url, true);
 */
export function dataOrEmbeddedError<T>(result: RawResult<T>, method: string, refused: string, isData: (data: unknown) => boolean, url?: string, safe?: boolean): T {
  const data = dataOrThrow(result, method, safe);
  const { response } = result;
  url = response.url || url;
  if (hasErrorKey(data)) throw EmbeddedApiError.fromBody(response, data, method, url);
  if (!isData(data)) {
    throw new InvalidResponseError(`${method} ${url} answered ${response.status} ${refused}`, { status: response.status, method, url, body: data });
  }
  return data;
}

/**
 * Whether a 2xx body is really an error: it is an object with a non-null `error` key. CMIX answers some archive
 * failures with status 200 and such a body, and Dynata's own client checks exactly this.
 *
 * @example
 * const { data } = await cmix.survey.POST("/surveys/{surveyId}/archives", { params, body });
 * if (hasErrorKey(data)) console.error(data.error);
 * else console.log(data?.id);
 */
export function hasErrorKey(body: unknown): body is EmbeddedError {
  return isFieldObject(body) && body.error != null;
}

/**
 * The archive an {@link ArchiveAbortError} or {@link ArchiveFailedError} names. `dataLayoutId` is undefined when the
 * error came before the layout was known: an abort while the survey's `Default` layout was looked up (`pollArchive`
 * looks it up again), or an archive created failed.
 */
export type ArchiveErrorRef = Omit<ArchiveRef, "dataLayoutId"> & { dataLayoutId?: number | undefined };

/** Sets an archive error's `surveyId`, `dataLayoutId` and `archiveId`, which `pollArchive` takes to resume, from its init. */
function keepRef(error: ArchiveErrorRef, { surveyId, dataLayoutId, archiveId }: ArchiveErrorRef): void {
  Object.assign(error, { surveyId, dataLayoutId, archiveId });
}

/** What an {@link ArchiveTimeoutError} adds to an {@link ApiError}. */
export interface ArchiveTimeoutInit extends ApiErrorInit, ArchiveErrorRef {
  /** How many times the archive was polled. */
  attempts: number;
  /** How long the wait lasted, in milliseconds. */
  waitedMs: number;
  /** Which bound was hit. */
  limit: "maxWaitMs" | "maxAttempts";
}

/**
 * An export archive was not complete within the bound the caller set (`maxWaitMs` or `maxAttempts`). The archive may
 * still finish: `surveyId`, `dataLayoutId` and `archiveId` are what {@link pollArchive} needs to resume waiting, and
 * `body` is the archive as last seen. `dataLayoutId` is undefined when `maxWaitMs` ran out before the layout was known
 * (while the survey's `Default` layout was looked up, or before: an `exportArchive` whose create took all of it), as
 * for an {@link ArchiveAbortError}; `pollArchive` then looks it up again.
 *
 * @example
 * catch (e) { if (e instanceof ArchiveTimeoutError) await pollArchive(cmix, e, { maxWaitMs: 30 * 60_000 }) }
 */
export class ArchiveTimeoutError extends ApiError {
  // Declared, not class fields: the constructor sets each (see ApiError).
  declare readonly surveyId: number;
  declare readonly dataLayoutId: number | undefined;
  declare readonly archiveId: number;
  declare readonly attempts: number;
  declare readonly waitedMs: number;
  declare readonly limit: "maxWaitMs" | "maxAttempts";

  constructor(message: string, init: ArchiveTimeoutInit) {
    super(message, init);
    keepRef(this, init);
    this.attempts = init.attempts;
    this.waitedMs = init.waitedMs;
    this.limit = init.limit;
  }
}

/**
 * The caller's signal stopped the wait for an export archive that exists, and may still finish. Still an
 * `ApiUserAbortError`; like an {@link ArchiveTimeoutError}, it carries the `surveyId`, `dataLayoutId` and `archiveId`
 * that {@link pollArchive} needs to resume waiting (`dataLayoutId` undefined when the abort came while the survey's
 * `Default` layout was looked up, which `pollArchive` then does again), and its message shows that call.
 *
 * @example
 * catch (e) { if (e instanceof ArchiveAbortError) await saveForLater({ surveyId: e.surveyId, dataLayoutId: e.dataLayoutId, archiveId: e.archiveId }) }
 */
// The ref's fields, declared by merging (the constructor sets them; see keepRef).
export interface ArchiveAbortError extends Readonly<ArchiveErrorRef> {}
export class ArchiveAbortError extends ApiUserAbortError {
  constructor(message: string, init: ApiErrorInit & ArchiveErrorRef) {
    super(message, init);
    keepRef(this, init);
  }
}

/**
 * An export archive reports a status that reads as a failure (`ERROR`, or ending in the word `FAILED`, `CANCELLED`,
 * ...: a guess, since CMIX documents only `COMPLETE`), so it will not complete and is not waited for. It carries the
 * `surveyId`, `dataLayoutId` (undefined when the archive was created failed and its layout was not looked up) and
 * `archiveId`, and `body` is the archive as last seen.
 *
 * @example
 * catch (e) { if (e instanceof ArchiveFailedError) console.error(e.archiveId, e.body) }
 */
// The ref's fields, declared by merging (the constructor sets them; see keepRef).
export interface ArchiveFailedError extends Readonly<ArchiveErrorRef> {}
export class ArchiveFailedError extends ApiError {
  constructor(message: string, init: ApiErrorInit & ArchiveErrorRef) {
    super(message, init);
    keepRef(this, init);
  }
}

nameErrorClasses({ EmbeddedApiError, ArchiveTimeoutError, ArchiveAbortError, ArchiveFailedError });
