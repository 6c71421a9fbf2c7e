import { checkHeadersOption, fieldError, isFieldObject, InvalidResponseError, redactUrl, sendsCredentials, withDefaultHeader, type CallHooks, type CallInit, type CallResult, type OperationMeta } from "@apis/runtime";
import { ACCESS_TOKEN_SCHEME } from "./auth.js";
import { serializeCxPath } from "./file-path.js";
import { SPACE_OR_CONTROL } from "./oauth.js";

export interface CallDefaults {
  clientId?: string | undefined;
  /** Whether the client-wide headers already choose an Accept. */
  clientAccept: boolean;
}

/**
 * What every CX call needs and openapi-fetch cannot be told once for all, as the runtime's per-operation hooks:
 * `{filePath}` checked and encoded once (openapi-fetch would encode the already-encoded path again),
 * `Accept: application/json` on JSON operations (the vendor asks for it; a download keeps `*\/*`), the optional
 * `client_id`, and a blank 2xx body on a JSON operation reported as the error CX says it is. (The access token is
 * redacted from error bodies by the runtime's transport, in every form it may be quoted in, as every credential is.)
 *
 * @example
 * const hooks = cxCallHooks({ clientId: "app", clientAccept: false });
 */
export function cxCallHooks(defaults: CallDefaults): CallHooks {
  // A stray newline (an id read from a file or an environment variable) would go on every call as client_id=...%0A, a
  // byte order mark or a no-break space as %EF%BB%BF or %C2%A0: refused as the sign-in refuses them (see oauth.ts).
  if (defaults.clientId !== undefined && (typeof defaults.clientId != "string" || !defaults.clientId || SPACE_OR_CONTROL.test(defaults.clientId))) {
    throw fieldError("clientId", "must be the application's client id (Mashery key), with no space or control character, or left out");
  }
  const isJson = (init: CallInit, meta: OperationMeta | undefined) => meta?.response === "json" && (init.parseAs ?? "json") === "json";
  return {
    prepare(init, { meta }) {
      // Checked as the caller gave them: a Map's headers copied under the default Accept would be none, an array's bad
      // value quoted by the Headers made of it; a query that is no object is left for the runtime to refuse.
      const headers = checkHeadersOption(init.headers ?? undefined, "headers");
      // CX's path rules always: a call's own pathSerializer (undefined included) would send a path unchecked and unencoded.
      const prepared: CallInit = { ...init, headers, pathSerializer: serializeCxPath };
      const query = init.params?.query;
      // An operation without a security list takes every scheme (codegen leaves out a list naming all of them).
      if (isJson(init, meta) && !defaults.clientAccept) prepared.headers = withDefaultHeader(headers, "Accept", "application/json");
      if (defaults.clientId !== undefined && meta && sendsCredentials(meta, [ACCESS_TOKEN_SCHEME]) && isFieldObject(query ?? {})) {
        prepared.params = { ...init.params, query: { client_id: defaults.clientId, ...query } };
      }
      return prepared;
    },
    finish(result: CallResult, { method, meta, init }) {
      const { response } = result;
      if (isJson(init ?? {}, meta) && response.ok && response.status !== 204 && result.data === undefined) {
        // The runtime lets an empty 2xx through as "no data"; CX says every 2xx carries JSON, so none is a server fault.
        // A POST (a mkdir, a delete, a move) may have been carried out all the same: resent, it may fail or act twice.
        throw new InvalidResponseError(
          `${method.toUpperCase()} ${redactUrl(response.url)} returned ${response.status} with an empty body, not JSON: a server error, ${method == "post" ? "and CX may have carried it out: check before resending" : "retry later"}.`,
          { status: response.status, method: method.toUpperCase(), url: response.url },
        );
      }
      return result;
    },
  };
}

