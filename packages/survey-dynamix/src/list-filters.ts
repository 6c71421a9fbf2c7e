import { checkNumber, checkQueryNames, fieldError, InputError, shown } from "@apis/runtime";
import { operations, queryNames } from "./generated/operations.js";
import type { SortOrder } from "./types.js";

/** The vendor's page size bounds (`_limit`, "integer between 1 and 1000"). */
export const MAX_LIMIT = 1000;

/**
 * Lists the vendor refuses without at least one of these filters. The same lists under a parent
 * (`/surveys/{survey_id}/responses`, ...) get it from the path. `/interactions` is not here: the 1.0.0 doc calls its
 * `survey_id` required, but working third-party clients list interactions without it (specs/survey-dynamix). A
 * date range counts for `/responses`, which viadot lists with only `start_date` and `end_date` (the spec's `x-guess`):
 * its `start_date`, which viadot always sends.
 */
export const REQUIRED_FILTERS = {
  "/interaction_data": ["survey_id", "interaction_id"],
  "/responses": ["survey_id", "question_id", "interaction_id", "start_date"],
} as const satisfies Record<string, readonly string[]>;

// Every query parameter name of the spec's, of any operation: one of another operation is not caught here.
const QUERY_NAMES = queryNames.split(" ");
// The spec's SortOrder, which the compiler checks this against both ways.
const ORDERS = ["ASC", "DESC"] as const satisfies readonly SortOrder[];
true satisfies [Exclude<SortOrder, (typeof ORDERS)[number]>] extends [never] ? true : false;

/**
 * Whether a query or path parameter is given: not undefined, null or empty, nor an array of only those (which is
 * sent as nothing).
 *
 * @example
 * present(""); // false
 */
export function present(value: unknown): boolean {
  return Array.isArray(value) ? value.some(present) : value !== undefined && value !== null && value !== "";
}

/**
 * Checks a GET call's query before it is sent: no name the vendor would ignore, for being none of its own (`colour`)
 * or written another way (camelCase, `-`, `surveyid` for `survey_id`, `limit` for `_limit`), the filters the vendor requires,
 * `_limit`/`_offset` within the vendor's bounds, and `_order` one of `ASC`, `DESC`; with `names` false, the names are left unchecked. Throws an
 * {@link InputError} that names the parameter or the filters, and the way out.
 *
 * @example
 * checkListQuery("/responses", { survey_id: 52, _limit: 100 }); // passes
 * checkListQuery("/responses", {}); // InputError: needs one of survey_id, question_id, interaction_id, start_date
 * checkListQuery("/interactions", { surveyId: 52 }); // InputError: params.query.surveyId is not read: did you mean survey_id?
 */
export function checkListQuery(path: string, query: Record<string, unknown> | undefined, names = true): void {
  // Own keys only: a raw call's path may be named like a built-in of every object ("constructor").
  const required = Object.hasOwn(REQUIRED_FILTERS, path) && (REQUIRED_FILTERS as Record<string, readonly string[]>)[path]!;
  // Before the names' check, whose integer rule would refuse 1.5 or 1e21 without naming the bounds. Left out or null:
  // not sent. An empty string would go as `_limit=`. Two calls, not a loop over the two: gzip finds more of their text
  // repeated (8 bytes).
  checkNumber(query?._limit ?? undefined, "params.query._limit", 0, { min: 1, max: MAX_LIMIT, integer: true });
  // Up to 2^53 - 1, said so: past it an offset is no longer exact, and "must be an integer >= 0, got 1e+21" would not say why.
  checkNumber(query?._offset ?? undefined, "params.query._offset", 0, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
  // The vendor ignores a name it does not know (surveyId, survey-id, surveyid, limit, colour): the list would go out
  // without that filter, or at 10 items. Its docs name every parameter; the spec has them all (specs/survey-dynamix).
  if (names) checkQueryNames(query, QUERY_NAMES, "Survey Dynamix");
  if (required && !required.some((name) => present(query?.[name]))) {
    throw new InputError(
      "params.query",
      // The way out: the same list under a parent (`/surveys/{survey_id}/responses`, ...), which needs no filter, as the
      // spec's paths have them.
      `GET ${path} needs one of ${required.join(", ")} in params.query: Survey Dynamix refuses the list without it (or use GET ${Object.keys(operations).filter((other) => other != path && other.endsWith(path)).join(", ")})`,
    );
  }
  // Another order (`newest`, `desc`) is no order the vendor documents: it would list in some other order, which
  // listAll's paging by offset (ASC unless told otherwise) must not meet unknowingly. Left out or null, it passes (read
  // as ASC, which is one).
  const order = query?._order;
  if (!(ORDERS as readonly unknown[]).includes(order ?? "ASC")) throw fieldError("params.query._order", `must be one of ${ORDERS.join(", ")}, got ${shown(order)}`);
}
