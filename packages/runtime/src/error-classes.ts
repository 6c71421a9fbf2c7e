// Every error class a client of this package throws: errors.ts holds only them (and the types of what they carry),
// with InputError beside them. The runtime's entry point exports them, and each vendor package re-exports them (`export * from "@apis/runtime/errors"`) so that `instanceof` works without importing
// @apis/runtime.
//
// The classes are named here, where every entry point (the runtime's and this one) takes them from, rather than in
// errors.ts: a bundle places this module near its end, beside the export list that spells the names again, where
// gzip finds them (55 to 80 gzipped bytes in @apis/wootric, survey-dynamix and cmix). package.json lists this module among its side
// effects, so that no bundler drops the naming along with the re-exports.
import { nameErrorClasses } from "./error-names.js";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  AuthorizationDeniedError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PaginationLimitError,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  UnauthorizedError,
  UnprocessableEntityError,
} from "./errors.js";

export * from "./errors.js";
export { InputError } from "./input-error.js";

nameErrorClasses({
  ApiError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  InvalidResponseError,
  RedirectError,
  ResponseTooLargeError,
  AuthorizationDeniedError,
  PaginationLimitError,
});
