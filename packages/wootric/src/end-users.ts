import { checkOptionNames, fieldError, objectOrThrow, requireString } from "@apis/runtime";
import type { WootricClient } from "./client.js";
import type { components } from "./generated/schema.js";

type EndUser = components["schemas"]["EndUser"];

function lookup(client: WootricClient, segment: string, flag: "lookup_by_email" | "lookup_by_external_id", signal: AbortSignal | undefined) {
  return client.GET("/v1/end_users/{id}", {
    params: { path: { id: segment }, query: { [flag]: true } },
    signal: signal || null,
  });
}

/**
 * Gets one end user by e-mail: `GET /v1/end_users/{email}?lookup_by_email=true`, so that the address is never read as
 * an ID. Returns the end user; throws a `NotFoundError` when there is none, the status-keyed `ApiError` otherwise,
 * and an `InvalidResponseError` for a 2xx without an end user.
 *
 * @example
 * const user = await getEndUserByEmail(wootric, "nps2@example.com");
 */
export async function getEndUserByEmail(client: WootricClient, email: string, options?: { signal?: AbortSignal }): Promise<EndUser> {
  checkOptionNames(options ?? {}, ["signal"], "getEndUserByEmail");
  const value = requireString(email, "email", "the end user's e-mail address");
  if (!value.includes("@")) throw fieldError("email", `must be an e-mail address, got ${JSON.stringify(value)}`);
  return objectOrThrow(await lookup(client, value, "lookup_by_email", options?.signal), "GET", "end user");
}

/**
 * Gets one end user by your own external ID: `GET /v1/end_users/{external_id}?lookup_by_external_id=true`, so that
 * an external ID that looks like a number is never read as Wootric's ID. Returns the end user; throws a
 * `NotFoundError` when there is none, the status-keyed `ApiError` otherwise, and an `InvalidResponseError` for a 2xx
 * without an end user.
 *
 * @example
 * const user = await getEndUserByExternalId(wootric, "my-external-id-1234");
 */
export async function getEndUserByExternalId(client: WootricClient, externalId: string, options?: { signal?: AbortSignal }): Promise<EndUser> {
  checkOptionNames(options ?? {}, ["signal"], "getEndUserByExternalId");
  const value = requireString(externalId, "externalId", "the end user's external ID");
  return objectOrThrow(await lookup(client, value, "lookup_by_external_id", options?.signal), "GET", "end user");
}
