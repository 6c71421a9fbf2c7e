import { fieldError } from "@apis/runtime";

/**
 * A Date as the vendor writes times: `YYYY-MM-DD HH:MM:SS` in UTC. Its callers have checked that it is a Date.
 *
 * @example
 * vendorTimestamp(new Date("2017-05-04T02:53:49Z"), "scheduled_at"); // "2017-05-04 02:53:49"
 */
export function vendorTimestamp(date: Date, field: string): string {
  // toJSON is null for an invalid Date, and "+010000-01-01T..." past the year 9999 (milliseconds multiplied by 1000
  // again, say): neither has the four-digit year the vendor reads, and the second went out as "+010000-01-01 00:00".
  const text = `${date.toJSON()}`;
  if (text[4] != "-") throw fieldError(field, `is an invalid Date`);
  return text.slice(0, 19).replace("T", " ");
}
