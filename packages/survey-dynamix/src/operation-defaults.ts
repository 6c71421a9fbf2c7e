import type { CallHooks } from "@apis/runtime";
import { checkListQuery } from "./list-filters.js";
import { serializeForm, serializeQuery } from "./wire.js";

/**
 * The vendor's conventions as the runtime's per-operation hooks: list filters, paging bounds and query names (unless
 * the call brings its own `querySerializer`) are checked before sending (see {@link checkListQuery}), and booleans in
 * the query and in form bodies go as `1`/`0`. A call's own `querySerializer` function or `bodySerializer` still wins.
 *
 * @example
 * defineVendorClient({ ..., calls: () => SDX_CALL_HOOKS });
 */
export const SDX_CALL_HOOKS: CallHooks = {
  prepare(init, { method, path, meta }) {
    // A call that writes its own query (mapping surveyId to survey_id, say) has its names checked by no one here; not
    // one that gives openapi-fetch's serializer options ({ array: { explode: false } }), which send the names as given.
    if (method === "get") checkListQuery(path, init.params?.query, typeof init.querySerializer != "function");
    // Given as undefined (a wrapper passing its own options on), a serializer is none given: not openapi-fetch's "false".
    // Nor is an object of openapi-fetch's options, which only style values (lists, objects, reserved characters): with it,
    // started: false went as "false", true in PHP, and a list as a repeated name, of which the vendor keeps the last.
    // A form operation's is set even for a call without a body, which openapi-fetch and the runtime then never serialize.
    return { ...init, querySerializer: typeof init.querySerializer != "function" ? serializeQuery : init.querySerializer, bodySerializer: init.bodySerializer || (meta?.requestBody === "form" ? serializeForm : undefined) };
  },
};
