import { checkClient, checkOptionNames, objectOrThrow, requireString } from "@apis/runtime";
import type { WootricClient } from "./client.js";
import { checkEmail } from "./email-survey.js";
import type { components } from "./generated/schema.js";

type EndUser = components["schemas"]["EndUser"];

// The two lookups: options, then the value, checked alike; the flag keeps Wootric from reading the value as its own ID.
// `key` is the end user's field that holds the value, and names Wootric's lookup flag.
async function lookup(client: WootricClient, input: string, options: { signal?: AbortSignal | undefined } | undefined, name: string, field: string, key: string, what: string): Promise<EndUser> {
  checkClient(client);
  checkOptionNames(options ?? {}, ["signal"], name);
  const value = requireString(input, field, `the end user's ${what}`);
  const email = key == "email";
  // As sendEmailSurvey checks each address: one with a space or no @ names no end user. Refused on the argument's field,
  // which for this lookup is email.
  if (email) checkEmail(value, field);
  const result = await client.GET("/v1/end_users/{id}", {
    params: { path: { id: value }, query: { [`lookup_by_${key}`]: true } },
    signal: options?.signal || null,
  });
  // A server that ignored the flag read the value as its own ID ("1234" as end user 1234) and answered with another end
  // user: refused, not returned. Without case, since whether Wootric keeps addresses as given is not documented.
  return objectOrThrow(`${(result.data as Record<string, unknown> | undefined)?.[key]}`.toLowerCase() == value.toLowerCase() ? result : { ...result, data: undefined }, "GET", `end user of that ${what}`);
}

/**
 * Gets one end user by e-mail: `GET /v1/end_users/{email}?lookup_by_email=true`, so that the address is never read as
 * an ID. Returns the end user; throws a `NotFoundError` when there is none, the status-keyed `ApiError` otherwise,
 * and an `InvalidResponseError` for a 2xx without the end user of that address.
 *
 * @example
 * const user = await getEndUserByEmail(wootric, "nps2@example.com");
 */
export function getEndUserByEmail(client: WootricClient, email: string, options?: { signal?: AbortSignal | undefined }): Promise<EndUser> {
  return lookup(client, email, options, "getEndUserByEmail", "email", "email", "e-mail address");
}

/**
 * Gets one end user by your own external ID: `GET /v1/end_users/{external_id}?lookup_by_external_id=true`, so that
 * an external ID that looks like a number is never read as Wootric's ID. Returns the end user; throws a
 * `NotFoundError` when there is none, the status-keyed `ApiError` otherwise, and an `InvalidResponseError` for a 2xx
 * without the end user of that external ID.
 *
 * @example
 * const user = await getEndUserByExternalId(wootric, "my-external-id-1234");
 */
export function getEndUserByExternalId(client: WootricClient, externalId: string, options?: { signal?: AbortSignal | undefined }): Promise<EndUser> {
  return lookup(client, externalId, options, "getEndUserByExternalId", "externalId", "external_id", "external ID");
}
