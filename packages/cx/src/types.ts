import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** What `GET /users/self` returns: `{ profile }`. */
export type CurrentUser = Schemas["CurrentUser"];
/** A user's profile: UUID, user name, avatar, contact, quota and plan. */
export type Profile = Schemas["Profile"];
/** Storage capacity and use of a user, in bytes. */
export type Quota = Schemas["Quota"];
/** Storage capacity and use of one group, in bytes. */
export type GroupQuota = Schemas["GroupQuota"];
/** Contact details of a user. */
export type Contact = Schemas["Contact"];
/** A user's subscription. */
export type Account = Schemas["Account"];
/** A storage plan. */
export type Plan = Schemas["Plan"];
/** A stored file's metadata, as an upload returns it. */
export type FileMetadata = Schemas["FileMetadata"];
/** What creating a folder returns (undocumented: any JSON object). */
export type FolderResult = Schemas["FolderResult"];
/** What deleting a file returns: `{ status: "ok" }` on success. */
export type DeleteResult = Schemas["DeleteResult"];
/** What the token endpoint returns. */
export type AccessToken = Schemas["AccessToken"];

/** The `errorType` values the vendor documents ("some typical global errors"); others occur too. */
export const KNOWN_ERROR_TYPES = ["AccessDenied", "SuspendedAccount", "BadAuthToken"] as const;

/**
 * An error's `errorType`: one of {@link KNOWN_ERROR_TYPES}, or any other string the vendor sends. (The
 * `string & {}` keeps editors suggesting the known values, which a plain `| string` would swallow.)
 */
export type CxErrorType = (typeof KNOWN_ERROR_TYPES)[number] | (string & {});

/** The body of every CX error: `{ "errorType": "AccessDenied", "message": "User does not have access to resource" }`. */
export interface CxErrorBody {
  errorType: CxErrorType;
  message: string;
}
