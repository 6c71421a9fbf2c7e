import { checkNumber, fieldError, InputError } from "@apis/runtime";

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

const ALTERNATIVES: Record<keyof typeof REQUIRED_FILTERS, string> = {
  "/interaction_data": "or use GET /surveys/{survey_id}/interaction_data or /interactions/{interaction_id}/interaction_data",
  "/responses": "or use GET /surveys/{survey_id}/responses, /questions/{question_id}/responses or /interactions/{interaction_id}/responses",
};

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
 * Checks a GET call's query before it is sent: no name the vendor would ignore for being written another way than
 * its own (camelCase, `-`, `surveyid` for `survey_id`, `limit` for `_limit`), the filters the vendor requires, and
 * `_limit`/`_offset` within the vendor's bounds. Throws an {@link InputError} that names the parameter or the
 * filters, and the way out.
 *
 * @example
 * checkListQuery("/responses", { survey_id: 52, _limit: 100 }); // passes
 * checkListQuery("/responses", {}); // InputError: needs one of survey_id, question_id, interaction_id, start_date
 * checkListQuery("/interactions", { surveyId: 52 }); // InputError: params.query.surveyId is not read: did you mean survey_id?
 */
export function checkListQuery(path: string, query: Record<string, unknown> | undefined): void {
  // Own keys only: a raw call's path may be named like a built-in of every object ("constructor").
  const required = Object.hasOwn(REQUIRED_FILTERS, path) && (REQUIRED_FILTERS as Record<string, readonly string[]>)[path]!;
  // Every parameter of the vendor's is snake_case, its ids end in _id and its paging and include flags start with _:
  // surveyId, survey-id, surveyid or limit would be ignored, and the list sent without that filter or at 10 items.
  for (const name of Object.keys(query ?? {})) {
    const meant = name
      // A capital after a small letter or digit starts a word (surveyId, surveyID); one after another or _ does not (LIMIT).
      .replace(/([a-z\d])([A-Z])/g, "$1_$2")
      .toLowerCase()
      .replace(/-/g, "_")
      // surveyid, not uuid: every id of the vendor's has a word of four letters or more before it.
      .replace(/([a-z]{4})id$/, "$1_id")
      .replace(/^(limit$|offset$|order$|include_)/, "_$1");
    if (meant != name) throw fieldError(`params.query.${name}`, `is not read: did you mean ${meant}?`);
  }
  if (required && !required.some((name) => present(query?.[name]))) {
    throw new InputError(
      "params.query",
      `GET ${path} needs one of ${required.join(", ")} in params.query: Survey Dynamix refuses the list without it (${ALTERNATIVES[path as keyof typeof REQUIRED_FILTERS]})`,
    );
  }
  // Left out or null: not sent. An empty string would go as `_limit=`.
  for (const [name, min, max] of [["_limit", 1, MAX_LIMIT], ["_offset", 0]] as const) {
    checkNumber(query?.[name] ?? undefined, `params.query.${name}`, 0, { min, max, integer: true });
  }
}
