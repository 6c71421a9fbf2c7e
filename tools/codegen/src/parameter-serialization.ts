import { isRecord } from "./registry.ts";
import type { Located, SpecDocument } from "./spec-document.ts";

/**
 * Refuses a parameter the clients would send in another shape than the spec declares. The clients serialize parameters
 * as openapi-fetch does, whatever the spec says: query values `form` and exploded (`ids=1&ids=2`), objects `deepObject`
 * (`date[start]=...`), reserved characters percent-encoded; path and header values `simple` and not exploded; no
 * cookies at all. A parameter declared otherwise would be typed, then sent in a shape the vendor does not read.
 * @example checkParameterSerialization(spec, "GET /a", [{ value: { name: "ids", in: "query", explode: false }, file }])
 * // throws "GET /a: query parameter ids has explode: false, but the clients send query values ..."
 */
export function checkParameterSerialization(spec: SpecDocument, where: string, parameters: Located[]): void {
  for (const located of parameters) {
    const parameter = located.value;
    if (!isRecord(parameter)) continue;
    const problem = serializationProblem(parameter, isObjectSchema(spec, { value: parameter["schema"], file: located.file }));
    if (problem !== undefined) throw new Error(`${where}: ${String(parameter["in"])} parameter ${String(parameter["name"])} ${problem}`);
  }
}

/** What is wrong with how the parameter says it goes on the wire, or undefined when the clients send it that way. */
function serializationProblem(parameter: Record<string, unknown>, isObject: boolean): string | undefined {
  const { in: location, style, explode } = parameter;
  if (location === "cookie") return "is a cookie, which the clients never send (openapi-fetch drops params.cookie): send it as a header the client sets, or leave it out";
  if (parameter["content"] !== undefined) return "is described by content (a media type, such as JSON in the query), which the clients do not serialize: describe it with a schema";
  if (location === "query") {
    if (parameter["allowReserved"] === true) return "has allowReserved: true, but the clients percent-encode reserved characters in query values";
    if (isObject && style !== "deepObject") return `is an object of style ${String(style ?? "form")}, but the clients send query objects as deepObject (name[key]=value): declare style: deepObject`;
    if ((style !== undefined && style !== "form" && style !== "deepObject") || explode === false) {
      return `has style ${String(style ?? "form")}${explode === false ? ", explode: false" : ""}, but the clients send query values form-exploded (name=a&name=b) and objects as deepObject`;
    }
    return undefined;
  }
  if ((style !== undefined && style !== "simple") || explode === true) {
    return `has style ${String(style ?? "simple")}${explode === true ? ", explode: true" : ""}, but the clients send ${String(location)} values simple and not exploded (a,b)`;
  }
  return undefined;
}

/** Whether a parameter's schema is an object (`type: object`, or no type and `properties`), behind `$ref`s too. */
function isObjectSchema(spec: SpecDocument, schema: Located): boolean {
  const { value } = spec.deref(schema);
  return isRecord(value) && (value["type"] === "object" || (value["type"] === undefined && isRecord(value["properties"])));
}
