import { ApiError, ApiUserAbortError, AttemptSignal, checkNumber, fieldError, InvalidResponseError, MAX_TIMER_MS, sleep, summarizeBody, urlOption } from "@apis/runtime";
import { checkArchiveRef, checkArchiveRequest, createArchive, getArchive, POLL_OPTIONS, type ArchiveRef } from "./archives.js";
import { checkClient, isId, requireId, signalOf } from "./checks.js";
import type { CmixClient } from "./client.js";
import { ArchiveAbortError, ArchiveFailedError, ArchiveTimeoutError, dataOrEmbeddedError, type ArchiveErrorRef } from "./errors.js";
import type { Archive, RespondentType } from "./types.js";

/** How long {@link pollArchive} and {@link exportArchive} wait, and how often they look. */
export interface PollOptions {
  /** Pause between polls, in milliseconds. Default 5 000. */
  pollIntervalMs?: number | undefined;
  /**
   * Give up after this long, in milliseconds, counted from the call. Default 600 000 (10 minutes). A poll, or the lookup
   * of the `Default` layout, still waiting at that point is cancelled. `exportArchive`'s create is bounded by the
   * client's `timeoutMs` instead: cut short, it could leave an archive built whose id nobody knows.
   */
  maxWaitMs?: number | undefined;
  /** Give up after this many polls (a `Default` layout lookup answered with a wait counts as one). Default 120. */
  maxAttempts?: number | undefined;
  /**
   * Stops the wait (and any request in flight) with an `ApiUserAbortError`. During `exportArchive`'s create, before its
   * answer is read, the error can name no archive: one may have been built all the same, whose id is not known.
   */
  signal?: AbortSignal | undefined;
}

/** What {@link exportArchive} exports, and how long it waits for it. */
export interface ExportArchiveOptions extends PollOptions {
  /** The file type, one word. Only `XLSX_READABLE` is evidenced; other words are passed through as they are. */
  type: "XLSX_READABLE" | (string & {});
  /** Live or test respondents. Default `LIVE`. */
  respondentType?: RespondentType | undefined;
  /** Include respondents who completed. Default true. */
  completes?: boolean | undefined;
  /** Include respondents still taking the survey. Default false. */
  inProcess?: boolean | undefined;
  /** Include respondents the survey terminated. Default false. */
  terminates?: boolean | undefined;
  /** The data layout to read the archive through. Default: the archive's own, else the survey's layout named `Default`. */
  dataLayoutId?: number | undefined;
}

const COMPLETE = "COMPLETE";
// The option names each helper reads: one spelt otherwise (`max_attempts`, `datalayoutId`) is refused, not ignored.
const EXPORT_OPTIONS = [...POLL_OPTIONS, "type", "respondentType", "completes", "inProcess", "terminates", "dataLayoutId"];

/**
 * Polls an export archive until it is `COMPLETE` with an `archiveUrl`, and returns it. Gives up with an
 * {@link ArchiveTimeoutError} after `maxWaitMs` (a poll still in flight is cancelled) or `maxAttempts` polls, whichever
 * comes first; the archive may still finish, and the error carries what is needed to call this again. An archive whose
 * status says it failed throws an {@link ArchiveFailedError} at once: it will not finish. Without `dataLayoutId` (an error of
 * {@link exportArchive} thrown before the layout was known, or null as a fresh archive has it), the survey's layout
 * named `Default` is looked up first.
 *
 * @example
 * const archive = await pollArchive(cmix, { surveyId: 138651, dataLayoutId: 1, archiveId: 9001 }, { maxWaitMs: 120_000 });
 * console.log(archive.archiveUrl);
 */
export async function pollArchive(
  cmix: CmixClient,
  ref: Omit<ArchiveRef, "dataLayoutId"> & { dataLayoutId?: number | null | undefined },
  options?: PollOptions,
): Promise<Archive & { archiveUrl: string }> {
  // maxWaitMs counts from here, the Default layout's lookup included (see exportArchive).
  const startedAt = performance.now();
  checkClient(cmix);
  const checked = checkArchiveRef(ref, "pollArchive", "the archive to wait for", true);
  // A JavaScript caller's null means the same as leaving the options out.
  const bounds = checkPollOptions(options ?? {}, "pollArchive", POLL_OPTIONS);
  return waitUntilComplete(cmix, checked, bounds, startedAt);
}

/**
 * Exports a survey's respondent data and returns the download URL: creates an export archive, then polls it until it
 * is complete. The archive is read through `dataLayoutId`, else the layout the archive names, else the survey's data
 * layout named `Default` (as Dynata's own client does). Bad options throw an `InputError` before any request; a 200
 * whose body carries an `error` throws an {@link EmbeddedApiError}; running out of time or attempts throws an
 * {@link ArchiveTimeoutError} naming the archive; a status that says the archive failed throws an
 * {@link ArchiveFailedError}; `signal` aborts with an `ApiUserAbortError`. A poll, or the lookup of the `Default` layout,
 * answered with a wait (a 429's `Retry-After` the transport did not wait out) is waited out while `maxWaitMs` leaves
 * room. Once the archive exists, every other error names it, since it may still finish: `surveyId`, `archiveId` and,
 * once known, `dataLayoutId`, so that {@link pollArchive} resumes the wait (pass it the error) instead of a second
 * archive being built.
 *
 * @example
 * const url = await exportArchive(cmix, 138651, { type: "XLSX_READABLE", maxWaitMs: 5 * 60_000 });
 */
export async function exportArchive(cmix: CmixClient, surveyId: number, options: ExportArchiveOptions): Promise<string> {
  // The monotonic clock: a wall clock set forward (NTP, a laptop waking) would end the wait early, or set back, never.
  const startedAt = performance.now();
  checkClient(cmix);
  requireId(surveyId, "surveyId");
  if (typeof options !== "object" || options === null) throw fieldError("options", 'are required: { type: "XLSX_READABLE", ... }');
  // Options after them, as createArchive and getArchive take { signal }, would be ignored: the signal never heard. (None,
  // undefined or null, as a wrapper passes an optional one on, is none given.)
  if (arguments[3] != null) throw fieldError("options", "go with type, in the third argument");
  const bounds = checkPollOptions(options, "exportArchive", EXPORT_OPTIONS);
  const request = {
    respondentType: options.respondentType ?? "LIVE",
    type: options.type,
    // Left out, the default; null is refused below as no boolean, not read as the default (completes: null is no true).
    completes: options.completes === undefined || options.completes,
    inProcess: options.inProcess === undefined ? false : options.inProcess,
    terminates: options.terminates === undefined ? false : options.terminates,
  };
  // Checked as createArchive checks its body, the fields named as the options are.
  checkArchiveRequest(request, "");
  if (options.dataLayoutId !== undefined) requireId(options.dataLayoutId, "dataLayoutId");

  // The create is bounded by timeoutMs, as every call is, not by maxWaitMs: cut short, it could leave an archive built
  // whose id nobody knows, and the next export would build another. The caller's signal still cuts it short, and its
  // error names no archive: the transport drops an answer whose body it had not read in full when the abort came
  // (readBody), so the id is lost even when CMIX's answer had arrived.
  const archive = await createArchive(cmix, surveyId, request, { signal: bounds.signal });
  const ref: ArchiveErrorRef = { surveyId, archiveId: archive.id };
  const layoutId = options.dataLayoutId ?? archive.dataLayoutId;
  if (isId(layoutId)) ref.dataLayoutId = layoutId;
  try {
    // A complete archive whose archiveUrl is refused is named too.
    if (isReady(archive, ref)) return archive.archiveUrl;
    // Without a layout, waitUntilComplete looks up the Default one, within maxWaitMs, unless the archive failed.
    return (await waitUntilComplete(cmix, ref as ArchiveRef, bounds, startedAt, archive)).archiveUrl;
  } catch (error) {
    // The archive exists and may still finish: whatever failed (a poll's 503, the layouts list, the caller's signal),
    // the error names it, so that pollArchive resumes the wait instead of a second archive being built. On a copy: one
    // error may reach several calls (a token request they shared failed), each of which names its own archive.
    throw error instanceof ApiError
      ? Object.defineProperties(Reflect.construct(Error, [], error.constructor), { ...Object.getOwnPropertyDescriptors(error), ...Object.getOwnPropertyDescriptors(ref), stack: { value: error.stack, writable: true, configurable: true } })
      : error;
  }
}

interface Bounds {
  pollIntervalMs: number;
  maxWaitMs: number;
  maxAttempts: number;
  signal: AbortSignal | undefined;
}

function checkPollOptions(options: PollOptions, of: string, names: string[]): Bounds {
  if (typeof options !== "object" || options === null) {
    throw fieldError("options", "must be an object such as { maxWaitMs: 120_000, pollIntervalMs: 5_000 }, or left out");
  }
  const { signal } = signalOf(options, of, names);
  return {
    pollIntervalMs: checkNumber(options.pollIntervalMs, "pollIntervalMs", 5_000, { min: 0, max: 2 ** 31 - 1, hint: "the pause between polls, in milliseconds" }),
    maxWaitMs: checkNumber(options.maxWaitMs, "maxWaitMs", 600_000, { min: 1, hint: "how long to wait for the archive in total, in milliseconds" }),
    maxAttempts: checkNumber(options.maxAttempts, "maxAttempts", 120, { min: 1, integer: true, hint: "how many times to poll the archive" }),
    signal,
  };
}

/**
 * Polls until the archive is ready, within `bounds`. `left()` is what is left of maxWaitMs, read by the deadline check,
 * the pause and each request's bound. Each request of the wait (the layout lookup, a poll) ends at the deadline, or one
 * pollIntervalMs after it for the look that follows the last pause (`bounded`): a stalled one, bounded only by
 * timeoutMs (60 s) and its retries, overran maxWaitMs by minutes. At most what a timer keeps: setTimeout fires at once
 * beyond it, so a maxWaitMs of Number.MAX_SAFE_INTEGER (bound by maxAttempts alone) gave up before the first poll.
 * A poll, or the layout lookup, answered with a wait the transport did not wait out (a 429 or 503 asking for more than
 * a minute, or one still there after the retries) says nothing of the archive: the next pause is that wait (`pauseMs`),
 * then the lookup (if it was the one answered so) and the poll are sent again; never less than pollIntervalMs (a storm
 * of 429s asking for none polled back to back up to maxAttempts), as long as maxWaitMs leaves room for it. Such an
 * answer counts as a poll towards maxAttempts. Another status's Retry-After (a 401's, a 404's) is no reason to poll
 * again: waited out, the error ended as a timeout that said the archive may still finish. Thrown, it left the caller
 * to export again and build a second archive. The first look at a fresh archive (the layout's lookup, or its poll)
 * waits too: it was just found incomplete. The last pause ends at the deadline. The caller's signal ends the pause at
 * once (sleep rejects with its reason), the archive named as for a poll's abort.
 */
async function waitUntilComplete(
  cmix: CmixClient,
  ref: ArchiveRef,
  bounds: Bounds,
  startedAt: number,
  seen?: Archive,
): Promise<Archive & { archiveUrl: string }> {
  let last = seen;
  let attempts = 0;
  let pauseMs = bounds.pollIntervalMs;
  const left = () => bounds.maxWaitMs - (performance.now() - startedAt);
  // The call that resumes the wait: with the layout once it is known, else one that looks it up again.
  const resume = () => `pollArchive(cmix, { surveyId: ${ref.surveyId}, ${ref.dataLayoutId ? `dataLayoutId: ${ref.dataLayoutId}, ` : ""}archiveId: ${ref.archiveId} })`;
  const giveUp = (limit: "maxWaitMs" | "maxAttempts") => {
    const waitedMs = Math.round(performance.now() - startedAt);
    // Complete here means no archiveUrl came with it (see isReady): said, or "not complete" reads as a contradiction.
    const state = last ? `; last status ${quoted(last.status)}${isComplete(last) ? " but no archiveUrl" : ""}${typeof last.progress === "number" ? `, progress ${last.progress}` : ""}` : "";
    return new ArchiveTimeoutError(
      `Archive ${ref.archiveId} of survey ${ref.surveyId} was not complete after ${attempts} poll${attempts === 1 ? "" : "s"} over ${waitedMs} ms (${limit} ${bounds[limit]} reached${state}). ` +
        `It may still finish: poll it again with ${resume()}, or raise ${limit}.`,
      { ...ref, attempts, waitedMs, limit, body: last },
    );
  };
  // An abort, between polls or during one, names the archive as a timeout does: it exists and may still finish.
  const aborted = () => abortError(ref, resume(), bounds);
  const bounded = async <T>(send: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const attempt = new AttemptSignal(bounds.signal, Math.min(Math.max(left(), bounds.pollIntervalMs), MAX_TIMER_MS));
    try {
      return await send(attempt.signal).catch((error: unknown) => {
        throw error instanceof ApiUserAbortError ? (attempt.timeout ? giveUp("maxWaitMs") : aborted()) : error;
      });
    } finally {
      attempt.clear();
    }
  };
  for (;;) {
    if (last && reportsFailure(last)) throw failedError(ref, last);
    if (attempts >= bounds.maxAttempts) throw giveUp("maxAttempts");
    if (left() <= 0) throw giveUp("maxWaitMs");
    if (attempts > 0 || seen !== undefined) {
      await sleep(Math.min(pauseMs, left()), bounds.signal).catch(() => {
        throw aborted();
      });
    }
    pauseMs = bounds.pollIntervalMs;
    try {
      // The layout is looked up until found, its 429 waited out as a poll's is: an archive that failed never gets here.
      ref.dataLayoutId ||= await bounded((signal) => defaultLayoutId(cmix, ref, signal));
      last = await bounded((signal) => getArchive(cmix, ref, { signal }));
    } catch (error) {
      const { status, retryAfterMs: asked } = error as ApiError;
      if ((status != 429 && status != 503) || !(asked! < left())) throw error;
      pauseMs = Math.max(asked!, pauseMs);
      attempts++;
      continue;
    }
    attempts++;
    if (isReady(last, ref)) return last;
  }
}

// failedError, reportsFailure and quoted are arrows, as isComplete: one-expression helpers so written are shorter once
// bundled (8 gzipped bytes together). None is called while the module loads.
/**
 * The error of an archive whose status says it failed: it will not complete, and waiting on for maxWaitMs (10 minutes
 * by default) would only delay the error.
 */
const failedError = (ref: ArchiveRef, archive: Archive): ArchiveFailedError =>
  new ArchiveFailedError(
    `Archive ${ref.archiveId} of survey ${ref.surveyId} reports status ${quoted(archive.status)}, so it will not complete: start a new export, or ask CMIX why it failed. \`body\` holds the archive.`,
    { ...ref, body: archive },
  );

/**
 * Whether an archive's status reads as a failure. Only `COMPLETE` is evidenced (spec: `Archive.status`); this is a
 * guess from the words a failed job's status ends with (`FAILED`, `EXPORT_FAILED`, `CANCELLED`), each a whole word at
 * the end, or `ERROR` alone, so that `NO_ERRORS`, `ERROR_CHECKING`, `RETRYING_AFTER_ERROR` or `CANCEL_REQUESTED` keep
 * the wait.
 */
const reportsFailure = (archive: Archive): boolean =>
  typeof archive.status === "string" && /^error$|(^|[\W_])(failed|failure|errored|cancell?ed|aborted)$/i.test(archive.status);

const isComplete = (archive: Archive) => typeof archive.status == "string" && archive.status.toUpperCase() == COMPLETE;

/**
 * Whether an archive is complete with a URL, its status read as reportsFailure reads a failure: in any case (only COMPLETE is
 * evidenced; "Complete" would be waited on for 10 minutes). Its `archiveUrl` is what the caller downloads, or shows as a
 * link: one that is no absolute http(s) URL (`javascript:`, `file:`, a path) throws an `InvalidResponseError` whose
 * `body` holds the archive, rather than being handed on (PYCMIX fetches it as it comes; that CMIX always sends an
 * absolute URL is a guess).
 */
function isReady(archive: Archive, { surveyId, archiveId }: ArchiveErrorRef): archive is Archive & { archiveUrl: string } {
  const url = archive.archiveUrl;
  if (!isComplete(archive) || typeof url !== "string" || url === "") return false;
  // Held to the client's own hosts' rules (urlOption's: https, http only on loopback, no user info; the file holds
  // respondent data, and a link carries no credential), absolute, without white space or a control character (a
  // terminal escape in a logged link).
  let safe = /^https?:\/\/[^\s/?#][^\s\p{C}]*$/iu.test(url);
  try {
    if (safe) urlOption(url, "archiveUrl", "");
  } catch {
    safe = false;
  }
  if (!safe) {
    throw new InvalidResponseError(`Archive ${archiveId} of survey ${surveyId} reports an archiveUrl that is no https URL. \`body\` holds the archive.`, { body: archive });
  }
  return true;
}

async function defaultLayoutId(cmix: CmixClient, { surveyId, archiveId }: Pick<ArchiveRef, "surveyId" | "archiveId">, signal: AbortSignal): Promise<number> {
  // What both refusals below advise: the archive exists, so it is waited for, not built again.
  const resume = `: resume with pollArchive(cmix, { surveyId: ${surveyId}, dataLayoutId: <a layout's id>, archiveId: ${archiveId} }).`;
  const result = await cmix.survey.GET("/surveys/{surveyId}/data-layouts", { params: { path: { surveyId } }, signal });
  const { response } = result;
  // Named by the request when the response is not (a fetch that built its own Response).
  const url = response.url || `${cmix.baseUrls.survey}/surveys/${surveyId}/data-layouts`;
  // An error status, or a 200 whose body has an error key (CMIX reporting a failure, as for archives), throws as for
  // archives. A layout without an id (a null entry, an id that is no id) would fail below with a TypeError, or reach
  // the poll and be refused as a bad dataLayoutId the caller never passed.
  const data = dataOrEmbeddedError(
    result,
    "GET",
    `with something other than a list of data layouts, so archive ${archiveId} cannot be polled${resume}`,
    (data) => Array.isArray(data) && data.every((candidate) => isId(candidate?.id)),
    url,
  );
  // The last one named Default, as Dynata's own client takes it; one flagged deleted (deletedYn true or "Y", a guess at
  // the flag's meaning) only when no other is.
  const named = data.filter((candidate) => candidate.name === "Default").reverse();
  const layout = named.find((candidate) => candidate.deletedYn !== true && candidate.deletedYn !== "Y") ?? named[0];
  if (!layout) {
    // Bounded and on one line, as every vendor text an error quotes.
    // The first names alone: a message keeps 200 characters of them, and each is redacted twice.
    const names = summarizeBody(data.slice(0, 40).map((candidate) => quoted(candidate.name)).join(", ")) || "none";
    throw new ApiError(
      `Survey ${surveyId} has no data layout named "Default" (found: ${names}), so archive ${archiveId} cannot be polled${resume}`,
      { status: response.status, method: "GET", url, body: data },
    );
  }
  return layout.id;
}

// An abort of the wait names the archive, as a timeout does: it exists and may still finish.
function abortError(ref: ArchiveErrorRef, resume: string, bounds: Bounds): ArchiveAbortError {
  return new ArchiveAbortError(`Waiting for archive ${ref.archiveId} of survey ${ref.surveyId} was aborted by the caller; resume with ${resume}.`, {
    ...ref,
    cause: bounds.signal?.reason,
  });
}

// Server text quoted, redacted and bounded before JSON quotes it (a value nested too deep to quote; a credential echoed
// JSON-escaped, which quoting would escape past recognition) and again after (an escape quoting wrote into a credential's
// form). Anything else as JSON, summarized inside a list so that an object's message is not shown bare, as a string
// would be ([{"message":"FAILED"}]); null (or none) as null, a number as written.
const quoted = (value: unknown): string =>
  typeof value == "string" ? summarizeBody(JSON.stringify(summarizeBody(value))) : typeof value == "object" && value ? summarizeBody([value]) : `${value ?? null}`;
