// First for bundle size only (gzip finds a few more bytes in that module order); no side effects.
import { dataOrEmbeddedError, type EmbeddedApiError } from "./errors.js";
import { describeValue, fieldError, InputError, isFieldObject, shown } from "@apis/runtime";
import type { CmixClient } from "./client.js";
import { checkClient, isId, requireId, requireRespondentType, signalOf } from "./checks.js";
import type { Archive, ArchiveRequest } from "./types.js";

/** Where an archive is read: its survey, the data layout it is read through, and its own ID. */
export interface ArchiveRef {
  surveyId: number;
  dataLayoutId: number;
  archiveId: number;
}

/**
 * Starts building an export archive (`POST /surveys/{surveyId}/archives`) and returns it. A bad `surveyId` or `body`
 * throws an `InputError` before any request. Throws an {@link EmbeddedApiError} when CMIX answers 200 with an
 * `error` body, and an `ApiError` for an error status.
 *
 * @example
 * const archive = await createArchive(cmix, 138651, { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false });
 */
export async function createArchive(cmix: CmixClient, surveyId: number, body: ArchiveRequest, options: { signal?: AbortSignal | undefined } = {}): Promise<Archive> {
  checkClient(cmix);
  requireId(surveyId, "surveyId");
  checkArchiveRequest(body);
  const result = await cmix.survey.POST("/surveys/{surveyId}/archives", { params: { path: { surveyId } }, body, ...signalOf(options, "createArchive") });
  return archiveFrom(result, "POST", `${cmix.baseUrls.survey}/surveys/${surveyId}/archives`);
}

/**
 * Reads an export archive (`GET /surveys/{surveyId}/data-layouts/{dataLayoutId}/archives/{archiveId}`). A missing
 * `ref` or a bad ID in it throws an `InputError` before any request. Throws an {@link EmbeddedApiError} when CMIX
 * answers 200 with an `error` body, and an `ApiError` for an error status.
 *
 * @example
 * const archive = await getArchive(cmix, { surveyId: 138651, dataLayoutId: 1, archiveId: 9001 });
 * if (archive.status === "COMPLETE") console.log(archive.archiveUrl);
 */
export async function getArchive(cmix: CmixClient, ref: ArchiveRef, options: { signal?: AbortSignal | undefined } = {}): Promise<Archive> {
  checkClient(cmix);
  const path = checkArchiveRef(ref, "getArchive", "the archive to read");
  const result = await cmix.survey.GET("/surveys/{surveyId}/data-layouts/{dataLayoutId}/archives/{archiveId}", { params: { path }, ...signalOf(options, "getArchive") });
  return archiveFrom(result, "GET", `${cmix.baseUrls.survey}/surveys/${path.surveyId}/data-layouts/${path.dataLayoutId}/archives/${path.archiveId}`, path.archiveId);
}

/**
 * `url` names the request when the response does not (a fetch that built its own Response). With `id`, the archive
 * must be that one: another (a broken server, a cache) would hand on its status and download as the one asked for.
 * An answer without an id but with a status is taken for it, its id filled in: PYCMIX's tests answer a poll with status
 * and archiveUrl only, and if CMIX does too, requiring the id would fail every poll. One with neither is no archive.
 */
function archiveFrom(result: ArchiveCall, method: string, url: string, id?: number): Archive {
  const archive = dataOrEmbeddedError(result, method, `without ${id ? `archive ${id}` : "an archive id"}: \`body\` holds what it sent.`, (data) => (id ? isFieldObject(data) && (data.id ?? ("status" in data && id)) === id : isId((data as Archive | null)?.id)), url) as Archive;
  return id ? { ...archive, id } : archive;
}

// What checkArchiveRef reads of a ref, before it is checked.
type RefIds = Partial<Record<keyof ArchiveRef, unknown>>;

/**
 * The three IDs of an archive ref a caller gave `helper`; a missing ref or a bad ID throws an InputError naming it.
 * With `anyLayout`, a ref without `dataLayoutId` (or with null, as a fresh archive has it) gives none (undefined, typed as
 * a number): the caller looks the layout up. Not 0, which an error of that caller's would carry, and which this refuses
 * when the error is passed back to resume.
 *
 * @example
 * const path = checkArchiveRef(ref, "getArchive", "the archive to read");
 */
export function checkArchiveRef(ref: unknown, helper: string, what: string, anyLayout?: boolean): ArchiveRef {
  if (typeof ref !== "object" || ref === null) {
    throw new InputError("ref", `${helper} needs ref, ${what}, e.g. { surveyId: 138651, dataLayoutId: 1, archiveId: 9001 }, got ${describeValue(ref)}`);
  }
  optionsIn(ref, "ref");
  // A key spelt otherwise (datalayoutId, survey_id) in place of a missing ID is a slip: pollArchive would poll the Default
  // layout. Beside the ID it names something else (another system's survey_id); other keys are allowed too: a ref may
  // be an error of exportArchive, or an archive, whose own ID (`id`, which is not read) is meant for archiveId. Only
  // beside a surveyId, as an archive has it: a survey passed as the ref has its own ID in `id`, and "did you mean
  // archiveId?" sent its caller to put the survey's ID where the archive's goes.
  // The ref read through casts, not a typed copy of it, which the bundle kept (1 to 2 gzipped bytes).
  for (const key in ref) {
    const meant = (["surveyId", "dataLayoutId", "archiveId"] as const).find((name) => name != key && name.toLowerCase() == key.toLowerCase().replace(/[-_]/g, "").replace(/^id$/, (ref as RefIds).surveyId ? "archiveid" : ""));
    if (meant && (ref as RefIds)[meant] == null) throw fieldError(`ref.${key}`, `is not read: did you mean ${meant}?`);
  }
  const { surveyId, dataLayoutId, archiveId } = ref as RefIds;
  return { surveyId: requireId(surveyId, "surveyId"), dataLayoutId: (anyLayout && dataLayoutId == null ? undefined : requireId(dataLayoutId, "dataLayoutId")) as number, archiveId: requireId(archiveId, "archiveId") };
}

/**
 * Refuses, with an InputError naming the field (after `at`: `body.type`, or `type` for exportArchive's options), a body
 * CMIX could not build an archive from.
 *
 * @example
 * checkArchiveRequest(request, "");
 */
export function checkArchiveRequest(body: unknown, at = "body."): void {
  // Any object that is no array: the body goes as JSON, which writes a class instance's own fields (a DTO) too.
  if (typeof body != "object" || !body || Array.isArray(body)) {
    throw fieldError("body", 'must be the archive request: { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false }');
  }
  optionsIn(body, "body");
  const { respondentType, type } = body as Record<string, unknown>;
  // One word: text read from a CSV or a config file keeps its spaces and line break, one copied from a web page may
  // hold a zero-width space (a default-ignorable character, which \s does not match), and CMIX has no such type.
  if (typeof type !== "string" || !/^[^\s\p{DI}]+$/u.test(type)) throw fieldError(`${at}type`, `must be the export file type, e.g. "XLSX_READABLE", got ${shown(type)}`);
  requireRespondentType(respondentType, `${at}respondentType`);
  for (const name of ["completes", "inProcess", "terminates"]) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value !== "boolean") throw fieldError(at + name, `must be true or false, got ${shown(value)}`);
  }
  if (!(body as ArchiveRequest).completes && !(body as ArchiveRequest).inProcess && !(body as ArchiveRequest).terminates) {
    throw new InputError(`${at}completes`, "completes, inProcess and terminates are all false, so the archive would hold nobody: set at least one to true");
  }
}

/** The options of pollArchive, the signal among them: what {@link optionsIn} refuses in a ref or an archive request. */
export const POLL_OPTIONS = ["pollIntervalMs", "maxWaitMs", "maxAttempts", "signal"];

// An option put in the ref or the body (`{ ...ref, maxAttempts: 500 }`) would be ignored without a word: the wait
// bounded by the defaults, the signal never heard (and sent to CMIX as `{}`).
function optionsIn(value: object, name: string): void {
  for (const option of POLL_OPTIONS) if ((value as Record<string, unknown>)[option] !== undefined) throw fieldError(`${name}.${option}`, "belongs in the options");
}

type ArchiveCall = { data?: unknown; error?: unknown; response: Response };
