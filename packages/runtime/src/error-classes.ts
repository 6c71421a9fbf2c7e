// Every error class a client of this package throws, in one list: the runtime's entry point exports it, and each
// vendor package re-exports it (`export * from "@apis/runtime/errors"`) so that `instanceof` works without importing
// @apis/runtime.
export {
  ApiError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  AuthorizationDeniedError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  InvalidResponseError,
  PaginationLimitError,
  RedirectError,
  ResponseTooLargeError,
} from "./errors.js";
export { InputError } from "./input-error.js";
