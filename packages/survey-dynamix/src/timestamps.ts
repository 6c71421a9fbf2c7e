import { fieldError } from "@apis/runtime";

/**
 * A Date as the vendor writes times: `YYYY-MM-DD HH:MM:SS` in UTC. Its callers have checked that it is a Date.
 *
 * @example
 * vendorTimestamp(new Date("2017-05-04T02:53:49Z"), "scheduled_at"); // "2017-05-04 02:53:49"
 */
export function vendorTimestamp(date: Date, field: string): string {
  if (isNaN(date as unknown as number)) throw fieldError(field, `is an invalid Date`);
  return date.toISOString().slice(0, 19).replace("T", " ");
}
