import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** An end user: an e-mail address or external id surveyed, with its properties and last response. */
export type EndUser = Schemas["EndUser"];
/** The fields of a new end user (`POST /v1/end_users`); `email` is the one the docs do not mark optional. */
export type EndUserCreate = Schemas["EndUserCreate"];
/** An end user's survey settings (`GET /v1/end_users/{end_user_id}/settings`). */
export type EndUserSettings = Schemas["EndUserSettings"];
/** A survey response (`Response` in the spec, renamed so as not to shadow the global `Response` of fetch). */
export type SurveyResponse = Schemas["Response"];
/** The fields of a new response (`POST /v1/end_users/{end_user_id}/responses`). */
export type ResponseCreate = Schemas["ResponseCreate"];
/** The fields of a response that `PUT /v1/responses/{id}` changes. */
export type ResponseUpdate = Schemas["ResponseUpdate"];
/** A decline: an end user who dismissed the survey. */
export type Decline = Schemas["Decline"];
/** The fields of a new decline (`POST /v1/end_users/{end_user_id}/declines`). */
export type DeclineCreate = Schemas["DeclineCreate"];
/** The NPS summary of the account (`GET /v1/nps_summary`). */
export type NpsSummary = Schemas["NpsSummary"];
/** A segment: the name and data type of an end-user property (`GET /v1/segments`). */
export type Segment = Schemas["Segment"];
/** Per-send overrides of the account's survey settings, as e-mail surveys take them. */
export type SurveySettings = Schemas["SurveySettings"];
/** E-mail survey statistics. */
export type EmailStats = Schemas["EmailStats"];
/** A page view of an end user. */
export type PageView = Schemas["PageView"];
/** What the token endpoint returns. */
export type AccessToken = Schemas["AccessToken"];
/** The vendor's error body (its shape is not documented). */
export type ErrorBody = Schemas["Error"];
/** The token endpoint's error body (RFC 6749). */
export type OAuthError = Schemas["OAuthError"];
