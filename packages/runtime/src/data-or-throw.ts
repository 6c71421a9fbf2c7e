import { ApiError, InvalidResponseError } from "./errors.js";
import { isFieldObject } from "./input-error.js";

/** What an openapi-fetch call resolves: data on success, the vendor's error body on failure, and the response. */
export interface RawResult<T> {
  data?: T | undefined;
  error?: unknown;
  response: Response;
}

/**
 * The helper convention in one place: a raw call's `data`, or the status-keyed {@link ApiError} for its failure
 * (`NotFoundError` for a 404, ...), carrying the vendor's error body. openapi-fetch reports an error status with an
 * empty body as `error: undefined`, so the status decides too. `safe`: the call was one the client sends again whatever
 * its method (see `ApiError.fromResponse`).
 *
 * @example
 * const tag = dataOrThrow(await client.POST("/v1/tags", { body }), "POST");
 */
export function dataOrThrow<T>(result: RawResult<T>, method: string, safe?: boolean): T {
  if (result.error !== undefined || !result.response.ok) throw ApiError.fromResponse(result.response, result.error, method, safe);
  return result.data as T;
}

/**
 * {@link dataOrThrow} for a helper whose answer must carry the resource's integer `id`, as one that creates it does,
 * and be the resource `id` names where the helper gives one (an update): a 2xx without it (none, null, a list, an
 * envelope) or with another resource's id throws an {@link InvalidResponseError} whose message ends with `missing` and
 * whose `body` keeps what came, so that an id sent in another shape is not lost.
 *
 * @example
 * const created = idOrThrow(await client.POST("/v1/imports", init), "POST", "but no import id (see body): look for it with GET /v1/imports");
 * const updated = idOrThrow(await client.PUT("/v1/imports/{id}", init), "PUT", "without import 42 (see body)", 42);
 */
export function idOrThrow<T>(result: RawResult<T>, method: string, missing: string, id?: number): T {
  const data = dataOrThrow(result, method);
  const got = (data as { id?: unknown } | null | undefined)?.id;
  // An id asked for is a safe integer: the answer's is one too when it is the same.
  if (id ? got === id : Number.isSafeInteger(got)) return data;
  const { status, url } = result.response;
  throw new InvalidResponseError(`${method} ${url} returned ${status} ${missing}`, { status, method, url, body: data });
}

/**
 * {@link dataOrThrow} for a helper that returns one resource: a 2xx without it (no body, null, a list) throws an
 * {@link InvalidResponseError} naming `what`, instead of handing the caller `undefined` typed as the resource.
 *
 * @example
 * const user = objectOrThrow(await client.GET("/v1/end_users/{id}", { params }), "GET", "end user");
 */
export function objectOrThrow<T>(result: RawResult<T>, method: string, what: string): T {
  const data: unknown = dataOrThrow(result, method);
  if (isFieldObject(data)) return data as T;
  const { status, url } = result.response;
  throw new InvalidResponseError(`${method} ${url} returned ${status} but no ${what}`, { status, url });
}
