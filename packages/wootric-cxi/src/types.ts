import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A project (vendor doc, "Project Object"). */
export type Project = Schemas["Project"];
/** A tag, with its usage statistics when listed (vendor doc, "Tag Object"). */
export type Tag = Schemas["Tag"];
/** A tag as embedded in a response, with the response's sentiment for it. */
export type ResponseTag = Schemas["ResponseTag"];
/** An import's metadata (vendor doc, "Import Object"). */
export type Import = Schemas["Import"];
/** An import with its analysis state and responses, as `GET /v1/imports/{id}` returns it. */
export type ImportDetail = Schemas["ImportDetail"];
/** A survey response (vendor doc, "Response Object"). */
export type SurveyResponse = Schemas["Response"];
/**
 * A survey response.
 *
 * @deprecated Renamed {@link SurveyResponse}: `Response` shadowed the global `Response` of fetch.
 */
export type Response = SurveyResponse;
/** A custom property of a response: one CSV column of its import. */
export type CustomProperty = Schemas["CustomProperty"];
/** The envelope `GET /v1/responses` returns. */
export type ResponseList = Schemas["ResponseList"];
/** The account's onboarding state. */
export type Onboarding = Schemas["Onboarding"];
/** A product category to choose during onboarding. */
export type ProductCategory = Schemas["ProductCategory"];
/** What the token endpoint returns. */
export type AccessToken = Schemas["AccessToken"];
/** The vendor's error body, e.g. `{ "message": "Please complete the onboarding flow first." }`. */
export type ErrorBody = Schemas["Error"];
/** The token endpoint's error body (RFC 6749). */
export type OAuthError = Schemas["OAuthError"];
