export { createApiClient, type ClientOptions, type MultipartEncoder } from "./client.js";
export { ownStream } from "./read-body.js";
export { defineVendorClient, type AuthContext, type AuthSchemes, type VendorAuth, type VendorDescription } from "./vendor-client.js";
export { defineVendorServices, type ServiceDescription, type VendorServicesDescription } from "./vendor-services.js";
export * from "./vendor-options.js";
export { checkCallQuery, checkOptionNames, checkQueryNames, queryNameHooks } from "./option-names.js";
export { withCallHooks, type CallContext, type CallHooks, type CallInit, type CallResult } from "./vendor-calls.js";
export { sendsCredentials } from "./operation-auth.js";
export { basicAuthorization, basicAuthorizer, bearerAuthorizer, checkedBasicAuthorizer, checkedBearerAuthorizer, noneAuthorizer, queryAuthorizer, TOKEN_AUTHORIZERS, type Auth, type Authorizers, type TokenSource } from "./auth.js";
export type { HttpMethod, OperationMeta, OperationTable } from "./operations.js";
// Shared with vendor packages that read form bodies (webhooks) or send base64 (Wootric's e-mail survey CSV).
export { toBase64 } from "./secret-forms.js";
export { decodeQueryName } from "./url.js";
export { createTokenSource, type FetchedToken, type TokenSourceOptions } from "./token-source.js";
export { checkRefreshTokenStore, createOAuth2TokenSource, tokenSourceForCheckedGrant, type OAuth2Grant, type OAuth2TokenSourceOptions } from "./oauth.js";
// sleep.js and data-or-throw.js after oauth.js, renamed-host.js after authorize.js and authorization-code.js, for
// bundle size only (gzip finds a few more bytes in that module order); no side effects. sleep is shared with vendor
// packages that wait between polls (CMIX's export archives).
export { sleep } from "./sleep.js";
export { dataOrThrow, idOrThrow, objectOrThrow, type RawResult } from "./data-or-throw.js";
export {
  buildAuthorizeUrl,
  buildAuthorizeUrlWithoutParams,
  readAuthorizationCallback,
  type AuthorizationCallback,
  type AuthorizationCallbackOptions,
  type AuthorizeUrlOptions,
} from "./authorize.js";
export { EXCHANGE_OPTIONS, exchangeAuthorizationCode, exchangeAuthorizationCodeInForm, type ExchangeAuthorizationCodeOptions, type TokenResponse } from "./authorization-code.js";
export { renamedHost } from "./renamed-host.js";
export {
  createTransport,
  defaultShouldRetry,
  BASE_TRANSPORT_OPTIONS,
  type AttemptMiddleware,
  type BaseTransportOptions,
  type FetchLike,
  type RetryOutcome,
  type SendOptions,
  type ShouldRetry,
  type Transport,
  type TransportOptions,
} from "./transport.js";
export type { AttemptLogFields, Logger } from "./logger.js";
export type { RateLimitOptions } from "./rate-limit.js";
export { checkSecureUrl, isLoopbackHost, urlOption } from "./secure-url.js";
export { MAX_RETRY_AFTER_MS, type RetryDelayOptions } from "./retry.js";
export * from "./error-classes.js";
export { nameErrorClasses } from "./error-names.js";
export { checkClient, checkNumber, describeValue, fieldError, isAbortSignal, isFieldObject, nameShown, requireString, shown } from "./input-error.js";
export { isRecord } from "./is-record.js";
export { normalizeName, redactText, redactUrl } from "./redact.js";
// Shared with vendor packages that choose a default Accept per operation (CX).
export { hasHeader, withDefaultHeader } from "./default-header.js";
export { checkHeadersOption, isHeaderSafeToken, UNSENDABLE, type HeadersOption } from "./header-value.js";
export { endSentence, summarizeBody } from "./error-summary.js";
export { redactSecrets, rememberSecret } from "./known-secrets.js";
// Shared with vendor packages that let go of a stream they read (CX's multipart upload).
export { cancelQuietly } from "./read-body.js";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.js";
export { AttemptSignal, MAX_TIMER_MS } from "./timeout.js";
export { isPlainObject, multipartBody, multipartFormData, toFormUrlEncoded, toMultipartFormData, type MultipartOptions } from "./form.js";
// Shared with vendor packages that write a multipart body of their own (CX's upload).
export { joinsWhole, multipart, type MultipartPart } from "./multipart.js";
export { iteratePages, paginate, type PaginateOptions } from "./paginate.js";
export { iterateOffset, paginateOffset, type PaginateOffsetOptions } from "./paginate-offset.js";
export type { Client, FetchResponse, Middleware } from "openapi-fetch";
