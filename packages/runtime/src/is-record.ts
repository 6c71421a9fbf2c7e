import { isFieldObject } from "./input-error.js";

/**
 * Whether a value is an object of named fields: {@link isFieldObject} under the name the helpers use for what a server
 * sent (parsed JSON, whose objects are all plain). Not null, not an array, and not an instance of a class such as a
 * Date or a Map, whose fields are no data.
 *
 * @example
 * isRecord({ plan: "Pro" }); // true
 * isRecord(["Pro"]); // false
 */
export const isRecord: (value: unknown) => value is { [key: string]: unknown } = isFieldObject;
