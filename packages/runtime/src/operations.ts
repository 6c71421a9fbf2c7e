/** The HTTP methods an OpenAPI path item can hold operations for (lowercase, as in the spec). */
export type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head" | "options";

/** What the client needs to know about one operation, generated from the spec. */
export interface OperationMeta {
  operationId: string;
  /** How the request body is encoded: the first content type the spec lists. */
  requestBody?: "json" | "form" | "multipart";
  /** False when the operation has `security: []`: it is sent without credentials. */
  auth: boolean;
  /** The operation's own server URL from the spec, if any; mapped through `ClientOptions.servers`. */
  server?: string;
}

/** Operation metadata keyed by spec path template (e.g. `/v1/tags/{id}`), then by method. */
export type OperationTable = Record<string, Partial<Record<HttpMethod, OperationMeta>>>;
