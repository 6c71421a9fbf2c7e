import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** An interaction: one respondent asked to complete one survey (vendor doc, "Interactions"). */
export type Interaction = Schemas["Interaction"];
/** The form fields of `POST /interactions` (interaction data aside: see `createInteraction`). */
export type NewInteraction = Schemas["NewInteraction"];
/** The JSON object `PUT /interactions/{interaction_id}` takes in its `interaction` field. */
export type InteractionUpdate = Schemas["InteractionUpdate"];
/** An interaction-data key/value pair (vendor doc, "Interaction Data"). */
export type InteractionData = Schemas["InteractionData"];
/** The form fields of `POST /interaction_data`. */
export type NewInteractionData = Schemas["NewInteractionData"];
/** A respondent's answer to one question (vendor doc, "Responses"); named so it does not shadow fetch's `Response`. */
export type SurveyResponse = Schemas["Response"];
/** Where a survey driven through the API stands: prompts, sound files and the current question. */
export type SurveyProgress = Schemas["SurveyProgress"];
/** A survey (vendor doc, "Surveys"). */
export type Survey = Schemas["Survey"];
/** A question of a survey (vendor doc, "Questions"). */
export type Question = Schemas["Question"];
/** A Survey Dynamix user, keyed by e-mail address (vendor doc, "Users"). */
export type User = Schemas["User"];
/** A phone number looked up (vendor doc, "Phone Numbers"). */
export type PhoneNumberDetails = Schemas["PhoneNumberDetails"];
/** `inbound`, `outbound`, `sms`, `web`, `email` or `websms`. */
export type SurveyType = Schemas["SurveyType"];
/** `number`, `yesno`, `text` or `nps`. */
export type QuestionType = Schemas["QuestionType"];
/** `ASC` (earliest first) or `DESC` (most recent first). */
export type SortOrder = Schemas["SortOrder"];
/** The vendor's error body (undocumented; Laravel's `{ message }` is expected). */
export type ErrorBody = Schemas["Error"];
/** What `POST /oauth/token` returns. */
export type AccessToken = Schemas["AccessToken"];
/** The token endpoint's error body (RFC 6749). */
export type OAuthError = Schemas["OAuthError"];
