import { ApiError, InvalidResponseError } from "@apis/runtime";
import { requireId } from "./checks.js";
import type { CmixClient } from "./client.js";
import { EmbeddedApiError, hasErrorKey } from "./errors.js";
import type { Archive, ArchiveRequest } from "./types.js";

/** Where an archive is read: its survey, the data layout it is read through, and its own ID. */
export interface ArchiveRef {
  surveyId: number;
  dataLayoutId: number;
  archiveId: number;
}

/**
 * Starts building an export archive (`POST /surveys/{surveyId}/archives`) and returns it. Throws an
 * {@link EmbeddedApiError} when CMIX answers 200 with an `error` body, and an `ApiError` for an error status.
 *
 * @example
 * const archive = await createArchive(cmix, 138651, { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false });
 */
export async function createArchive(cmix: CmixClient, surveyId: number, body: ArchiveRequest, options: { signal?: AbortSignal } = {}): Promise<Archive> {
  requireId(surveyId, "surveyId");
  const result = await cmix.survey.POST("/surveys/{surveyId}/archives", {
    params: { path: { surveyId } },
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return archiveFrom(result, "POST", `${cmix.baseUrls.survey}/surveys/${surveyId}/archives`);
}

/**
 * Reads an export archive (`GET /surveys/{surveyId}/data-layouts/{dataLayoutId}/archives/{archiveId}`). Throws an
 * {@link EmbeddedApiError} when CMIX answers 200 with an `error` body, and an `ApiError` for an error status.
 *
 * @example
 * const archive = await getArchive(cmix, { surveyId: 138651, dataLayoutId: 1, archiveId: 9001 });
 * if (archive.status === "COMPLETE") console.log(archive.archiveUrl);
 */
export async function getArchive(cmix: CmixClient, ref: ArchiveRef, options: { signal?: AbortSignal } = {}): Promise<Archive> {
  const path = { surveyId: requireId(ref?.surveyId, "surveyId"), dataLayoutId: requireId(ref.dataLayoutId, "dataLayoutId"), archiveId: requireId(ref.archiveId, "archiveId") };
  const result = await cmix.survey.GET("/surveys/{surveyId}/data-layouts/{dataLayoutId}/archives/{archiveId}", {
    params: { path },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return archiveFrom(result, "GET", `${cmix.baseUrls.survey}/surveys/${path.surveyId}/data-layouts/${path.dataLayoutId}/archives/${path.archiveId}`);
}

type ArchiveCall = { data?: unknown; error?: unknown; response: Response };

/** `url` names the request when the response does not (a fetch that built its own Response). */
function archiveFrom({ data, error, response }: ArchiveCall, method: string, url: string): Archive {
  if (!response.ok) throw ApiError.fromResponse(response, error, method);
  if (hasErrorKey(data)) throw EmbeddedApiError.fromBody(response, data, method, url);
  if (typeof data !== "object" || data === null || !isArchiveId((data as { id?: unknown }).id)) {
    throw new InvalidResponseError(`${method} ${response.url || url} answered ${response.status} without an archive id: \`body\` holds what it sent.`, {
      status: response.status,
      method,
      url: response.url || url,
      body: data,
    });
  }
  return data as Archive;
}

/**
 * Whether `value` can be an archive (or data layout) ID: a positive integer. Used on what the vendor sends too: the
 * create call's `dataLayoutId` is undocumented (Dynata's own client ignores it and polls through the `Default` layout).
 *
 * @example
 * const layout = isArchiveId(archive.dataLayoutId) ? archive.dataLayoutId : undefined;
 */
export function isArchiveId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}
