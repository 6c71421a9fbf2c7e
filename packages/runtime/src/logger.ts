/**
 * Where a client reports what it sends: one `debug` line per attempt, per token request and per rate-limit wait.
 * `console` fits, and so do pino, winston and bunyan loggers. Messages and fields never carry a credential: URLs
 * are redacted and no header or body is logged. A `debug` that throws, or returns a promise that rejects, is ignored.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
}

/** What one attempt's log line carries in its fields. */
export interface AttemptLogFields {
  method: string;
  /** The URL sent, with credential query values redacted. */
  url: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
  /** The response's status, when one arrived. */
  status?: number | undefined;
  /** What went wrong when no response arrived, redacted. */
  error?: string | undefined;
  /** Time from sending to the response headers (or the failure), in milliseconds. */
  durationMs: number;
  /** `token` for a request to a token endpoint, `api` otherwise. */
  purpose: "api" | "token";
}
