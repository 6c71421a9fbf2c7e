/** The HTTP methods an OpenAPI path item can hold operations for (lowercase, as in the spec). */
export type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head" | "options";

/** What the client needs to know about one operation, generated from the spec. */
export interface OperationMeta {
  /**
   * The spec's operationId. Not read at run time, so generated tables leave it out (it only took bundle bytes); a
   * hand-written table may keep it.
   */
  operationId?: string | undefined;
  /** How the request body is encoded: the first content type the spec lists. */
  requestBody?: "json" | "form" | "multipart" | undefined;
  /**
   * The spec's security scheme names that may authenticate the operation, as codegen emits them: `[]` for
   * `security: []`, which is sent without credentials. The client sends its credentials only when they are for one of
   * these schemes (`ClientOptions.schemes`). Left out (as codegen leaves it where the operation takes every scheme
   * the spec declares), any scheme will do.
   */
  security?: readonly string[] | undefined;
  /**
   * False: sent without credentials, whatever `security` says.
   *
   * @deprecated Generated tables carry `security`; a hand-written table may still say `auth: false`.
   */
  auth?: boolean | undefined;
  /**
   * What the first 2xx response carries: `json` bodies are checked (a 2xx that is not JSON is treated as a server
   * error), `binary` ones are parsed as a Blob and `text` ones as a string unless the call sets `parseAs`, and neither
   * is ever buffered by the transport. Absent when that response has no content.
   */
  response?: "json" | "binary" | "text" | undefined;
  /** The operation's own server URL from the spec, if any; mapped through `ClientOptions.servers`. */
  server?: string | undefined;
  /**
   * True for an operation that may be sent again whatever its method (the spec's `x-idempotent: true`: a read sent as
   * POST): it is retried on timeouts, network errors, 408 and 5xx like a GET (see `SendOptions.safe`).
   */
  idempotent?: boolean | undefined;
}

/** Operation metadata keyed by spec path template (e.g. `/v1/tags/{id}`), then by method. */
export type OperationTable = Record<string, Partial<Record<HttpMethod, OperationMeta>>>;
